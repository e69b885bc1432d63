/**
 * The thread policy's numbers, in one place. Each is a decision measured on 2-core machines; the figures are in
 * docs/performance.md.
 */

/** Threads for the per-file stage of a large scan when not told (`--jobs auto`), the main thread included. */
export const AUTO_THREADS = 2;
/**
 * From this many plain files `--jobs auto` starts the second thread: below, a worker costs more memory than the
 * time it saves (docs/performance.md#worker-threads).
 */
export const AUTO_MIN_FILES = 10_000;
/**
 * A scan of at least this many files (estimated) runs in the scan worker, where V8 would grow the young generation
 * large: below, the worker's start-up costs more than the memory it saves (docs/performance.md#the-scan-worker).
 * Independent of AUTO_MIN_FILES: the two workers are.
 */
export const ISOLATE_MIN_FILES = 20_000;
/**
 * …or of fewer files with at least this many bytes of YAML (from the git index): the parsed YAML a scan keeps for
 * its cross-file rules is what makes V8 grow the young generation (coolify 1.5 MB and traefik 5.2 MB: 30-80 MB
 * less peak RSS in the worker; the generated 4,000- and 6,000-file trees, 0.5-0.8 MB: no gain). Node 24 only: Node 22
 * peaked higher with it on traefik (docs/performance.md#the-scan-worker).
 */
export const ISOLATE_MIN_YAML_BYTES = 1 << 20;
/**
 * The young generation's cap (MB; V8 divides it between its semi-spaces) in the scan worker and the text workers:
 * small enough that V8's own sizing no longer decides the peak (docs/performance.md#the-scan-worker).
 */
export const YOUNG_GENERATION_MB = 8;
