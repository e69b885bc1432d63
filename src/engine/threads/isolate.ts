/**
 * A large scan runs in a V8 isolate of its own (a worker thread) whose young generation is capped: past a few
 * thousand files, much of a scan's peak memory is how V8 sizes its heap, which it does from the machine's memory
 * when the process starts, and a process cannot resize its own heap once started; a worker's is set when it starts
 * (Node's `resourceLimits`). Decision and figures: docs/performance.md#the-scan-worker.
 *
 * When: where V8 would let the young generation grow far past the cap (`defaultMinFiles`), for scans of
 * ISOLATE_MIN_FILES files or more or with ISOLATE_MIN_YAML_BYTES of YAML, decided before the scan starts, without
 * discovering anything: a directory in a git work tree counts as many files as the git index has entries (and the
 * YAML bytes its entries record), a file as one, blobs as themselves, a directory outside git as none. Only the young generation is capped: a cap on the old generation would make a larger
 * repository run out of memory in the worker and be scanned again here.
 *
 * Invariants: the result is plain data, read only once the worker has exited (its heap is gone before this thread
 * builds the result's objects); if the worker cannot start or ends without a result, the scan runs on this
 * thread, so the result never depends on where it ran; an error the scan itself throws (a bad config or baseline)
 * is thrown here as it would have been. The worker runs the worker bundle (dist/worker.js), like the text workers
 * of threads/pool.ts, and looks rules up by id in its registry.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, MessageChannel, type MessagePort, parentPort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import type { AnyRule } from '../../model/rule.js';
import { UsageError } from '../../model/errors.js';
import type { ScanOptions, ScanResult } from '../scan.js';
import { ISOLATE_MIN_FILES, ISOLATE_MIN_YAML_BYTES, YOUNG_GENERATION_MB } from './limits.js';
import { poolExecutor, type PoolOptions } from './pool.js';

export { ISOLATE_MIN_FILES, ISOLATE_MIN_YAML_BYTES, YOUNG_GENERATION_MB } from './limits.js';

/** A scan as the threads run it: its options without the executor, which they build from `pool`. */
export type ThreadedScanOptions = Omit<ScanOptions, 'fileStage'>;

export interface IsolateOptions {
  /** The bundle the worker runs (its entry point calls `serveScanWorker`): dist/worker.js. */
  script: URL;
  /** The rules that bundle has; a scan with any other rule is not handed over. */
  registry: readonly AnyRule[];
  /**
   * Hand over scans of at least this many files (estimated). Default: ISOLATE_MIN_FILES where V8 would let the
   * young generation grow large (`defaultMinFiles`), none elsewhere.
   */
  minFiles?: number;
  /** Worker threads for the scan's per-file stage (threads/pool.ts), wherever the scan runs. */
  pool?: PoolOptions;
}

const MARK = 'gatewarden-scan-worker';

/** What the worker is given at start: the scan's options, without functions, rule objects or URLs. */
interface Init {
  mark: typeof MARK;
  ruleIds: string[];
  progress: boolean;
  opts: Omit<ThreadedScanOptions, 'rules' | 'onProgress'>;
  pool?: Omit<PoolOptions, 'script'> & { script: string };
  /** The outcome goes here, read with receiveMessageOnPort once the worker has exited. */
  port: MessagePort;
}
/** Progress comes on parentPort; the outcome on Init.port. */
type Progress = { progress: [done: number, total: number] };
type Outcome = { result: ScanResult } | { error: { usage: boolean; message: string; stack?: string } };

/**
 * scan(opts), in a worker with a capped young generation when the scan is large and `isolate.script` can serve
 * one (see above); otherwise on this thread. Either way with the text workers of `isolate.pool`.
 */
export async function scanIsolated(opts: ThreadedScanOptions, isolate: IsolateOptions, scan: (opts: ScanOptions) => Promise<ScanResult>): Promise<ScanResult> {
  const local = () => scan(withPool(opts, isolate.pool));
  const estimate = worthIsolating(opts, isolate);
  if (estimate === undefined) return local();
  const started = performance.now();
  const { rules, onProgress, ...rest } = opts;
  const pool = isolate.pool;
  const channel = new MessageChannel();
  const init: Init = {
    mark: MARK,
    ruleIds: rules.map((r) => r.id),
    progress: Boolean(onProgress),
    opts: rest,
    ...(pool ? { pool: { ...pool, script: pool.script.href } } : {}),
    port: channel.port2,
  };
  let worker: Worker;
  try {
    // No stdin/stdout of its own: the report is written by this thread.
    worker = new Worker(isolate.script, {
      workerData: init,
      transferList: [channel.port2],
      stdin: false,
      stdout: false,
      stderr: false,
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  } catch (err) {
    channel.port1.close();
    debug(`the scan worker did not start (${errorCode(err)}); scanning on the main thread`);
    return local();
  }
  debug(`scanning in a worker (about ${estimate} files; young generation capped at ${YOUNG_GENERATION_MB} MB)`);
  worker.on('message', (m: Progress) => onProgress?.(...m.progress));
  // An uncaught error (out of memory included) ends the worker; 'exit' follows.
  worker.on('error', (err) => debug(`the scan worker failed (${errorCode(err)})`));
  await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const outcome = receiveMessageOnPort(channel.port1)?.message as Outcome | undefined;
  channel.port1.close();
  if (!outcome) {
    debug('the scan worker ended without a result; scanning on the main thread');
    return local();
  }
  // The duration as the user waited for it: the worker's start-up included.
  if ('result' in outcome) return { ...outcome.result, stats: { ...outcome.result.stats, durationMs: Math.round(performance.now() - started) } };
  const err = outcome.error.usage ? new UsageError(outcome.error.message) : new Error(outcome.error.message);
  if (outcome.error.stack) err.stack = outcome.error.stack;
  throw err;
}

/** The scan's options with the pool as its file-stage executor. */
function withPool(opts: ThreadedScanOptions, pool: PoolOptions | undefined): ScanOptions {
  return pool ? { ...opts, fileStage: poolExecutor(pool) } : opts;
}

/** The estimated number of files when the scan is to be handed over; otherwise undefined. */
function worthIsolating(opts: ThreadedScanOptions, isolate: IsolateOptions): number | undefined {
  if (!/\.m?js$/.test(isolate.script.pathname)) return undefined; // from the TypeScript sources (tests, tsx)
  const known = new Set(isolate.registry);
  if (!opts.rules.every((r) => known.has(r))) return undefined;
  const minFiles = isolate.minFiles ?? defaultMinFiles();
  if (minFiles === Infinity) return undefined;
  if (opts.blobs) return opts.blobs.files.size >= minFiles ? opts.blobs.files.size : undefined;
  const work = estimateWork(opts.paths.length ? opts.paths : ['.']);
  // The YAML a scan keeps parsed (compose, Kubernetes, …) is what grows the young generation; a count given by the
  // caller or the environment is the whole policy.
  // Node 24 only: on Node 22 the YAML-heavy traefik peaked higher in the worker (docs/performance.md#the-scan-worker).
  const byYaml = isolate.minFiles === undefined && !process.env.GATEWARDEN_ISOLATE_MIN_FILES && nodeMajor() >= 24 && work.yamlBytes >= ISOLATE_MIN_YAML_BYTES;
  return work.files >= minFiles || byYaml ? work.files : undefined;
}

const nodeMajor = (): number => Number(process.versions.node.split('.')[0]);

/** With GATEWARDEN_DEBUG set, where the scan ran goes to stderr: codes only, never a message that could quote input. */
function debug(line: string): void {
  if (process.env.GATEWARDEN_DEBUG) process.stderr.write(`gatewarden: ${line}\n`);
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown } | undefined;
  return String(e?.code ?? e?.name ?? 'error');
}

/** What `defaultMinFiles` decides from; each defaults to this process's. */
export interface Runtime {
  /** Node's version (process.versions.node). */
  node?: string;
  /** Node's options: the command line's and NODE_OPTIONS. */
  flags?: string;
  /** V8's heap size limit, MB. */
  heapLimitMb?: number;
  /** GATEWARDEN_ISOLATE_MIN_FILES. */
  setting?: string;
}

/**
 * Where V8 would let the young generation grow far past the cap: Node 22 and later (V8 12+, which sizes the
 * semi-spaces from the heap limit) with a heap limit of 2 GB or more (a machine of 4 GB or more, as CI runners
 * are); elsewhere the worker does not pay (docs/performance.md#the-scan-worker). A `--max-semi-space-size` the
 * user gave Node (command line or NODE_OPTIONS) is theirs to keep. GATEWARDEN_ISOLATE_MIN_FILES overrides all
 * this: a number of files, or `off`.
 */
export function defaultMinFiles(runtime: Runtime = {}): number {
  const setting = (runtime.setting ?? process.env.GATEWARDEN_ISOLATE_MIN_FILES)?.trim().toLowerCase();
  if (setting === 'off') return Infinity;
  if (setting && /^\d+$/.test(setting)) return Number(setting);
  const major = Number((runtime.node ?? process.versions.node).split('.')[0]);
  const flags = runtime.flags ?? `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
  const heapLimitMb = runtime.heapLimitMb ?? getHeapStatistics().heap_size_limit / 1048576;
  return major >= 22 && heapLimitMb >= 2048 && !/semi[-_]space[-_]size/.test(flags) ? ISOLATE_MIN_FILES : Infinity;
}

/**
 * How many files a scan of `paths` may read, without listing them: a file is one, a directory in a git work tree
 * the number of entries in its git index (an upper bound for a subdirectory), a directory outside git 0 (unknown).
 */
export function estimateFiles(paths: readonly string[]): number {
  return estimateWork(paths).files;
}

/** What a scan of `paths` may read: files (as `estimateFiles`) and bytes of `.yml`/`.yaml` files, from the git index. */
export interface Work {
  files: number;
  yamlBytes: number;
}

export function estimateWork(paths: readonly string[]): Work {
  const total: Work = { files: 0, yamlBytes: 0 };
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) {
        const w = indexWork(path.resolve(p));
        total.files += w.files;
        total.yamlBytes += w.yamlBytes;
      } else {
        total.files += 1;
        if (YAML_NAME.test(p)) total.yamlBytes += statSync(p).size;
      }
    } catch {
      // missing or unreadable: scan() says so
    }
  }
  return total;
}

const YAML_NAME = /\.ya?ml$/i;
/** An index larger than this is only counted (its header), not read. */
const MAX_INDEX_BYTES = 64 << 20;

/** The git index of the work tree holding `dir`: its entries, and the sizes of its YAML entries summed. */
function indexWork(dir: string): Work {
  for (let d = dir; ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    let gitDir: string | undefined;
    try {
      if (statSync(dotGit).isDirectory()) gitDir = dotGit;
      else {
        // A worktree or submodule: `gitdir: PATH`, relative to the folder the file is in.
        const m = /^gitdir: (.+)$/m.exec(readStart(dotGit, 4096)?.toString('utf8') ?? '');
        if (m?.[1]) gitDir = path.resolve(d, m[1].trim());
      }
    } catch {
      // no .git here
    }
    if (gitDir) {
      const index = readStart(path.join(gitDir, 'index'), MAX_INDEX_BYTES); // none in an empty repository
      if (index?.length === undefined || index.length < 12 || index.toString('latin1', 0, 4) !== 'DIRC') return { files: 0, yamlBytes: 0 };
      const files = index.readUInt32BE(8);
      return { files, yamlBytes: yamlBytesOf(index, files) };
    }
    if (path.dirname(d) === d) return { files: 0, yamlBytes: 0 };
  }
}

/**
 * The sizes of the `.yml`/`.yaml` entries of a git index (versions 2-4, SHA-1), each as recorded at `git add`
 * (capped at 5 MB, above which a scan does not read a file). 0 for a form it does not know (SHA-256, a cut index):
 * the file count decides then.
 */
function yamlBytesOf(index: Buffer, entries: number): number {
  const version = index.readUInt32BE(4);
  if (version < 2 || version > 4) return 0;
  let at = 12;
  let previous = '';
  let bytes = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 62 > index.length) return 0;
    const size = index.readUInt32BE(at + 36);
    const flags = index.readUInt16BE(at + 60);
    let nameAt = at + 62 + (version >= 3 && flags & 0x4000 ? 2 : 0);
    let name: string;
    if (version === 4) {
      // The name is the previous one less N bytes (a varint), then this suffix up to a NUL; no padding.
      let strip = 0;
      let b: number;
      do {
        if (nameAt >= index.length) return 0;
        b = index[nameAt++]!;
        strip = (strip << 7) | (b & 0x7f);
        if (b & 0x80) strip++;
      } while (b & 0x80);
      const nul = index.indexOf(0, nameAt);
      if (nul === -1 || strip > previous.length) return 0;
      name = previous.slice(0, previous.length - strip) + index.toString('latin1', nameAt, nul);
      previous = name;
      at = nul + 1;
    } else {
      const nul = index.indexOf(0, nameAt);
      if (nul === -1) return 0;
      name = index.toString('latin1', nameAt, nul);
      // 1-8 NULs pad the entry to a multiple of 8 bytes from its start.
      at += Math.ceil((nul + 1 - at) / 8) * 8;
    }
    // The low 12 bits of the flags are the name's length (0xfff when longer): a check that the entries line up.
    if ((flags & 0xfff) !== Math.min(name.length, 0xfff)) return 0;
    if (YAML_NAME.test(name)) bytes += Math.min(size, 5 << 20);
  }
  return bytes;
}

/**
 * The first `n` bytes of a regular file; undefined for anything else. A directory outside git may hold a `.git`
 * of any kind (a FIFO, a link to /dev/zero, a huge file): opened without blocking, never read past `n`.
 */
function readStart(file: string, n: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    const buf = Buffer.alloc(Math.min(n, st.size));
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The worker side: when this thread was started by `scanIsolated`, runs the scan, posts its outcome and returns
 * true (the entry point then does nothing else); otherwise returns false at once.
 */
export function serveScanWorker(registry: readonly AnyRule[], scan: (opts: ScanOptions) => Promise<ScanResult>): boolean {
  const init = workerData as Init | undefined;
  if (isMainThread || !parentPort || init?.mark !== MARK) return false;
  const parent = parentPort;
  const wanted = new Set(init.ruleIds);
  const { blobs, ...rest } = init.opts;
  const pool = init.pool;
  let last = 0;
  const opts: ScanOptions = {
    ...rest,
    rules: registry.filter((r) => wanted.has(r.id)),
    ...(pool ? { fileStage: poolExecutor({ ...pool, script: new URL(pool.script) }) } : {}),
    // Buffers cross threads as plain Uint8Arrays.
    ...(blobs ? { blobs: { base: blobs.base, files: new Map([...blobs.files].map(([k, v]) => [k, Buffer.from(v.buffer, v.byteOffset, v.byteLength)])) } } : {}),
    ...(init.progress
      ? {
          onProgress: (done: number, total: number) => {
            const now = Date.now();
            if (now - last < 100 && done !== total) return;
            last = now;
            parent.postMessage({ progress: [done, total] } satisfies Progress);
          },
        }
      : {}),
  };
  const post = (m: Outcome) => {
    init.port.postMessage(m);
    init.port.close();
  };
  scan(opts).then(
    (result) => post({ result }),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      post({ error: { usage: e instanceof UsageError, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } });
    },
  );
  return true;
}
