/**
 * Worker threads for the per-file stage (engine/read/file-pass.ts) of plain files: read, classify, text rules.
 *
 * Why only that stage: parsed documents (yaml `Document`s, ASTs) cannot cross threads, and the cross-file rules
 * need them all in one place, so structured files are read and parsed on the main thread while the workers take
 * the plain files (most of a repository), whose results are plain data (findings, notes). A plain file that
 * turns out structured by its content (YAML with `services:`, a shebang script) comes back with its text and is
 * parsed on the main thread.
 *
 * The main thread also takes batches from the same queue once its own files are done, so a slow worker (or a
 * busy second core) costs nothing, and a worker that dies hands its batches back to the queue: the scan's result
 * never depends on the workers. Results go to slots by file index (engine/read/file-stage.ts merges them in path
 * order).
 *
 * A worker runs the worker bundle (dist/worker.js, src/worker.ts), which calls `serveTextWorker` when it finds
 * the marker in `workerData` and looks the rules up by id in its registry. `--jobs auto` uses AUTO_THREADS
 * threads from AUTO_MIN_FILES plain files (threads/limits.ts); `--jobs N` sets the number for any scan.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AnyRule } from '../../model/rule.js';
import type { DiscoveredFile } from '../discover/discover.js';
import { FilePass, type TextFileResult } from '../read/file-pass.js';
import { TokenDetector } from '../check/tokens.js';
import type { FileStageExecutor, FileStageJob, RunningFileStage } from '../read/file-stage.js';
import { AUTO_MIN_FILES, AUTO_THREADS, YOUNG_GENERATION_MB } from './limits.js';

export { AUTO_MIN_FILES, AUTO_THREADS } from './limits.js';

export interface PoolOptions {
  /** The bundle each worker runs: dist/worker.js. */
  script: URL;
  /** Worker threads besides the main thread (0: none). */
  workers: number;
  /** Start the workers only when at least this many plain files are to be read (default: any). */
  minFiles?: number;
}

const MARK = 'gatewarden-text-worker';

/**
 * The pool of `threads` threads (the main thread included) running the worker bundle `script`, from `minFiles`
 * plain files. Only a bundle can be a worker: from the TypeScript sources (tests, tsx) everything runs on the
 * main thread.
 */
export function poolFor(script: string, threads = 1, minFiles?: number): PoolOptions | undefined {
  if (threads < 2 || !/\.m?js$/.test(script)) return undefined;
  return { script: new URL(script), workers: threads - 1, ...(minFiles !== undefined ? { minFiles } : {}) };
}

/** The default pool: AUTO_THREADS threads (fewer on a one-core machine) for large scans. */
export function autoPool(script: string): PoolOptions | undefined {
  return poolFor(script, Math.min(AUTO_THREADS, availableParallelism()), AUTO_MIN_FILES);
}

/** `--jobs` / the action's `jobs` input: `auto` (or empty), or a whole number of threads from 1 to 64. */
export function parseJobs(value: string): number | 'auto' | undefined {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  const n = Number(v);
  return /^\d+$/.test(v) && n >= 1 && n <= 64 ? n : undefined;
}

/** The pool for a `jobs` setting and the worker bundle. */
export function poolForJobs(script: string, jobs: number | 'auto'): PoolOptions | undefined {
  return jobs === 'auto' ? autoPool(script) : poolFor(script, jobs);
}

/** The pool as the scan's FileStageExecutor (ScanOptions.fileStage). */
export function poolExecutor(opts: PoolOptions): FileStageExecutor {
  return { start: (job, collect) => startPool(opts, job, collect) };
}

/** Files per message: large enough to amortise a round trip, small enough to share the tail of the work. */
const BATCH = 16;
/** Batches handed to a worker ahead, so it keeps working while the main thread is busy and cannot answer. */
const AHEAD = 2;

interface Init {
  mark: typeof MARK;
  ruleIds: string[];
  /** The token rules of the scan's detector (its registry's, enabled or not). */
  tokenRuleIds: readonly string[];
  maxFileSize: number;
}
interface Job {
  index: number;
  file: DiscoveredFile;
}
type Reply = { batch: number; results: TextFileResult[] } | { batch: number; error: string };

/**
 * Starts the workers on the job's files at once (they load and work while the main thread reads and parses
 * structured files); undefined when not worth it. Every result goes to `collect`.
 */
function startPool(opts: PoolOptions, job: FileStageJob, collect: (r: TextFileResult) => void): RunningFileStage | undefined {
  const { indices, files } = job;
  if (opts.workers <= 0 || indices.length === 0 || indices.length < (opts.minFiles ?? 0)) return undefined;
  // Every enabled rule, not only the text rules the worker runs: which texts it sends back depends on the shell
  // rules' keywords (file-pass.ts, textNeeded).
  const init: Init = { mark: MARK, ruleIds: job.rules.map((r) => r.id), tokenRuleIds: job.tokens.ruleIds, maxFileSize: job.maxFileSize };
  const workers: Worker[] = [];
  for (let i = 0; i < opts.workers; i++) {
    try {
      // No stdin/stdout of its own: a worker never writes a report.
      workers.push(new Worker(opts.script, { workerData: init, stdin: false, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
    } catch {
      break; // cannot start one (no such file, resource limits): the main thread does the work
    }
  }
  if (workers.length === 0) return undefined;

  const queue: Job[][] = [];
  for (let i = 0; i < indices.length; i += BATCH) queue.push(indices.slice(i, i + BATCH).map((index) => ({ index, file: files[index] as DiscoveredFile })));
  const inFlight = new Map<Worker, Map<number, Job[]>>();
  let nextBatch = 0;
  let wake: (() => void) | undefined;
  const changed = () => {
    wake?.();
    wake = undefined;
  };
  const feed = (w: Worker) => {
    const mine = inFlight.get(w);
    while (mine && mine.size < AHEAD && queue.length) {
      const jobs = queue.shift() as Job[];
      const batch = nextBatch++;
      mine.set(batch, jobs);
      w.postMessage({ batch, jobs });
    }
  };
  const retire = (w: Worker) => {
    const mine = inFlight.get(w);
    if (!mine) return;
    inFlight.delete(w);
    // Whatever it had not answered goes back to the queue, for the other workers or the main thread.
    queue.unshift(...mine.values());
    for (const other of inFlight.keys()) feed(other);
    changed();
  };
  for (const w of workers) {
    inFlight.set(w, new Map());
    w.on('message', (reply: Reply) => {
      const mine = inFlight.get(w);
      if (!mine?.has(reply.batch)) return;
      if ('error' in reply) return retire(w);
      mine.delete(reply.batch);
      for (const r of reply.results) collect(r);
      feed(w);
      changed();
    });
    w.on('error', () => retire(w));
    w.on('exit', () => retire(w));
    feed(w);
  }

  return {
    async finish(local) {
      try {
        for (;;) {
          // The main thread's share: from the back of the queue, so workers keep the order they started in.
          const jobs = queue.pop();
          if (jobs) {
            for (const j of jobs) collect(await local(j.index));
            // Let worker replies in (they are macrotasks; the loop above only awaits microtasks).
            await new Promise<void>((resolve) => setImmediate(resolve));
            continue;
          }
          if (![...inFlight.values()].some((m) => m.size > 0)) break;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        for (const w of workers) {
          w.removeAllListeners();
          void w.terminate();
        }
      }
    },
  };
}

/**
 * The worker side: when this thread was started by the pool, answers batches and returns true (the entry point
 * then does nothing else); otherwise returns false at once.
 */
export function serveTextWorker(registry: readonly AnyRule[]): boolean {
  const init = workerData as Init | undefined;
  if (isMainThread || !parentPort || init?.mark !== MARK) return false;
  const port = parentPort;
  const wanted = new Set(init.ruleIds);
  const tokenRules = new Set(init.tokenRuleIds);
  const pass = new FilePass(
    registry.filter((r) => wanted.has(r.id)),
    init.maxFileSize,
    new TokenDetector(registry.filter((r) => tokenRules.has(r.id))),
  );
  let chain = Promise.resolve();
  port.on('message', (msg: { batch: number; jobs: Job[] }) => {
    chain = chain.then(async () => {
      try {
        const results: TextFileResult[] = [];
        // The pool only gets files that are plain by their path (file-stage.ts routes the others to the main thread).
        for (const j of msg.jobs) results.push(await pass.run(j.index, j.file, 'text'));
        port.postMessage({ batch: msg.batch, results } satisfies Reply);
      } catch (err) {
        port.postMessage({ batch: msg.batch, error: String((err as Error)?.message ?? err) } satisfies Reply);
      }
    });
  });
  return true;
}
