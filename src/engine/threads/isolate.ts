/**
 * A large scan runs in a V8 isolate of its own (a worker thread) whose young generation is capped: past a few
 * thousand files, much of a scan's peak memory is how V8 sizes its heap, which it does from the machine's memory
 * when the process starts, and a process cannot resize its own heap once started; a worker's is set when it starts
 * (Node's `resourceLimits`). Decision and figures: docs/performance.md#the-scan-worker.
 *
 * When: where V8 would let the young generation grow far past the cap (`defaultMinFiles`), for scans of
 * ISOLATE_MIN_FILES files or more, decided before the scan starts, without discovering anything: a directory in a
 * git work tree counts as many files as the git index has entries, a file as one, blobs as themselves, a directory
 * outside git as none. Only the young generation is capped: a cap on the old generation would make a larger
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
import { ISOLATE_MIN_FILES, YOUNG_GENERATION_MB } from './limits.js';
import { poolExecutor, type PoolOptions } from './pool.js';

export { ISOLATE_MIN_FILES, YOUNG_GENERATION_MB } from './limits.js';

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
