/**
 * A large scan runs in a V8 isolate of its own (a worker thread) whose young generation is capped.
 *
 * Why: past a few thousand files, much of a scan's peak memory is not what it holds but how V8 sizes its heap,
 * which it does from the machine's memory when the process starts. Node 24 lets the young generation grow to
 * 2 x 64 MB of semi-space on a large machine (Node 20: 2 x 16 MB): a third of the 20,000-file scan's peak RSS,
 * whose live heap is ~58 MB at its fullest. A process cannot resize its own heap once started
 * (`--max-semi-space-size` must be on Node's command line; `v8.setFlagsFromString` after start-up is documented as
 * unpredictable), but a worker's heap is set when it starts, through Node's documented `resourceLimits`. Figures
 * in docs/performance.md ("Memory").
 *
 * When: on Node 22 and later with a heap limit of 2 GB or more (`defaultMinFiles`: elsewhere V8 keeps the young
 * generation small, and the worker did not pay), for scans of ISOLATE_MIN_FILES files or more. Starting a worker
 * costs ~60-100 ms (it loads the bundle again) and ~10 MB, which a small scan (pre-commit, a deployment
 * repository, a pull request's files) should not pay. Whether a scan is large is decided before it starts, without
 * discovering anything (discovery on this thread left its garbage and a grown young generation here, idle for the
 * rest of the scan: measured, that cost more than the worker saved): a directory in a git work tree counts as many
 * files as the git index has entries (12 bytes of `.git/index`; an upper bound when a subdirectory is scanned), a
 * file as one, blobs as themselves. A directory outside git is not handed over.
 *
 * Only the young generation is capped. A cap on the old generation near the live set would make a larger
 * repository run out of memory in the worker and be scanned again here, in twice the time (measured and not
 * adopted: docs/performance.md). The result is plain data (findings, notes), posted on a channel of its own and
 * read only once the worker has exited, so the worker's heap is gone before this thread builds the result's
 * objects. If the worker cannot start, or ends without a result (out of memory, a crash), the scan runs on this
 * thread: the result never depends on the isolate. An error the scan itself throws (a bad config or baseline) is
 * its answer and is thrown here as it would have been. The worker runs the CLI's bundle (dist/cli.js), like the
 * text workers of engine/pool.ts, and looks rules up by id in that bundle's registry.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, MessageChannel, type MessagePort, parentPort, receiveMessageOnPort, Worker, workerData } from 'node:worker_threads';
import type { AnyRule } from '../../model/rule.js';
import { UsageError } from '../../model/errors.js';
import type { PoolOptions } from './pool.js';
import type { ScanOptions, ScanResult } from '../scan.js';

export interface IsolateOptions {
  /** The bundle the worker runs (its entry point calls `serveScanWorker`): dist/cli.js. */
  script: URL;
  /** The rules that bundle has; a scan with any other rule is not handed over. */
  registry: readonly AnyRule[];
  /**
   * Hand over scans of at least this many files (estimated). Default: ISOLATE_MIN_FILES where V8 would let the
   * young generation grow large (`defaultMinFiles`), none elsewhere.
   */
  minFiles?: number;
}

/**
 * The young generation's cap (MB; V8 divides it between its semi-spaces), here and for the text workers of
 * engine/pool.ts. 8 and 16 measured on the 20,000-file tree (docs/performance.md); 4 was no better than 8.
 */
export const YOUNG_GENERATION_MB = 8;
/**
 * Hand over scans of at least this many files (estimated). Measured on Node 24, five alternating runs each
 * (docs/performance.md, "Memory"): at 2,000 files the worker costs time and memory; at 4,000 it saves ~5 MB for
 * ~0.1 s; at 6,000 ~30 MB (median 179 -> 150) for ~0.1 s; at 8,000 30-45 MB for 2-8%; at 20,000, 110-130 MB for
 * ~6%. Lower than the text pool's AUTO_MIN_FILES (10,000): the two workers are independent.
 */
export const ISOLATE_MIN_FILES = 6_000;

const MARK = 'gatewarden-scan-worker';

/** What the worker is given at start: the scan's options, without functions, rule objects or URLs. */
interface Init {
  mark: typeof MARK;
  ruleIds: string[];
  progress: boolean;
  opts: Omit<ScanOptions, 'rules' | 'onProgress' | 'pool'> & { pool?: Omit<PoolOptions, 'script'> & { script: string } };
  /** The outcome goes here, read with receiveMessageOnPort once the worker has exited. */
  port: MessagePort;
}
/** Progress comes on parentPort; the outcome on Init.port. */
type Progress = { progress: [done: number, total: number] };
type Outcome = { result: ScanResult } | { error: { usage: boolean; message: string; stack?: string } };

/**
 * scan(opts), in a worker with a capped young generation when the scan is large and the entry point can serve
 * one (see above); otherwise on this thread.
 */
export async function scanIsolated(opts: ScanOptions, isolate: IsolateOptions, scan: (opts: ScanOptions) => Promise<ScanResult>): Promise<ScanResult> {
  const estimate = worthIsolating(opts, isolate);
  if (estimate === undefined) return scan(opts);
  const started = performance.now();
  const { rules, onProgress, pool, ...rest } = opts;
  const channel = new MessageChannel();
  const init: Init = {
    mark: MARK,
    ruleIds: rules.map((r) => r.id),
    progress: Boolean(onProgress),
    opts: { ...rest, ...(pool ? { pool: { ...pool, script: pool.script.href } } : {}) },
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
    return scan(opts);
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
    return scan(opts);
  }
  // The duration as the user waited for it: the worker's start-up included.
  if ('result' in outcome) return { ...outcome.result, stats: { ...outcome.result.stats, durationMs: Math.round(performance.now() - started) } };
  const err = outcome.error.usage ? new UsageError(outcome.error.message) : new Error(outcome.error.message);
  if (outcome.error.stack) err.stack = outcome.error.stack;
  throw err;
}

/** The estimated number of files when the scan is to be handed over; otherwise undefined. */
function worthIsolating(opts: ScanOptions, isolate: IsolateOptions): number | undefined {
  if (!/\.m?js$/.test(isolate.script.pathname)) return undefined; // from the TypeScript sources (tests, tsx)
  const known = new Set(isolate.registry);
  if (!opts.rules.every((r) => known.has(r))) return undefined;
  const minFiles = isolate.minFiles ?? defaultMinFiles();
  if (minFiles === Infinity) return undefined;
  const estimate = opts.blobs ? opts.blobs.files.size : estimateFiles(opts.paths.length ? opts.paths : ['.']);
  return estimate >= minFiles ? estimate : undefined;
}

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
 * Where V8 would let the young generation grow far past the cap. Node 22 and later (V8 12+) size the semi-spaces
 * from the heap limit, itself set from the machine's (or the container's) memory: 64 MB each from a 2 GB heap
 * limit (a machine of 4 GB or more, as CI runners are), 16-32 MB below. Measured, 20,000 files on Node 24
 * (docs/performance.md): 100-130 MB less peak RSS with 4 GB or more, 20-40 MB with 2 GB, nothing with 1 GB. Node
 * 20 stops at 16 MB, and there the worker did not pay (6 MB less, 6% more time). A `--max-semi-space-size` the
 * user gave Node (command line or NODE_OPTIONS) is theirs to keep. GATEWARDEN_ISOLATE_MIN_FILES overrides all this:
 * a number of files, or `off`.
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
  let total = 0;
  for (const p of paths) {
    try {
      total += statSync(p).isDirectory() ? indexEntries(path.resolve(p)) : 1;
    } catch {
      // missing or unreadable: scan() says so
    }
  }
  return total;
}

/** Entries in the index of the git work tree holding `dir`: the header's count (`DIRC`, version, entries). */
function indexEntries(dir: string): number {
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
      const header = readStart(path.join(gitDir, 'index'), 12); // none in an empty repository
      return header?.length === 12 && header.toString('latin1', 0, 4) === 'DIRC' ? header.readUInt32BE(8) : 0;
    }
    if (path.dirname(d) === d) return 0;
  }
}

/**
 * The first `n` bytes of a regular file; undefined for anything else. A directory outside git may hold a `.git`
 * of any kind (a FIFO, a link to /dev/zero, a huge file): opened without blocking, never read past `n`.
 */
function readStart(file: string, n: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
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
  const { pool, blobs, ...rest } = init.opts;
  let last = 0;
  const opts: ScanOptions = {
    ...rest,
    rules: registry.filter((r) => wanted.has(r.id)),
    ...(pool ? { pool: { ...pool, script: new URL(pool.script) } } : {}),
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
