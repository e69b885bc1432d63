/**
 * Worker threads for the per-file stage (engine/text-pass.ts) of plain files: read, classify, text rules.
 *
 * Why only that stage: parsed documents (yaml `Document`s, ASTs) cannot cross threads, and the cross-file rules
 * need them all in one place, so structured files are read and parsed on the main thread while the workers take
 * the plain files (most of a repository), whose results are plain data (findings, notes). A plain file that
 * turns out structured by its content (YAML with `services:`, a shebang script) comes back with its text and is
 * parsed on the main thread.
 *
 * The main thread also takes batches from the same queue once its own files are done, so a slow worker (or a
 * busy second core) costs nothing, and a worker that dies hands its batches back to the queue: the scan's result
 * never depends on the workers. Results go to slots by file index (scan.ts merges them in discovery order).
 *
 * A worker runs the CLI's own bundle (dist/cli.js), which starts `serveTextWorker` instead of its main when it
 * finds the marker in `workerData`; rules are looked up by id in that bundle's registry. The action (dist/index.js)
 * starts its workers from dist/cli.js beside it.
 * By default a scan of at least AUTO_MIN_FILES plain files uses two threads; `--jobs N` sets the number for any
 * scan. Measured in docs/performance.md ("Worker threads").
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { AnyRule } from '../../model/rule.js';
import type { DiscoveredFile } from '../discover/discover.js';
import { YOUNG_GENERATION_MB } from './isolate.js';
import { RuleRunner } from '../check/runner.js';
import { textNeeded, textPass, type TextFileResult } from '../read/file-pass.js';

export interface PoolOptions {
  /** The bundle each worker runs: the entry point's own file. */
  script: URL;
  /** Worker threads besides the main thread (0: none). */
  workers: number;
  /** Start the workers only when at least this many plain files are to be read (default: any). */
  minFiles?: number;
}

/**
 * When not told (`--jobs` absent, and in the action): two threads for scans of at least 10,000 plain files, one
 * below. Measured on the 2-core machines here (docs/performance.md, alternating runs): a worker did not pay at
 * 1,441 plain files; at 2,911 it saved ~3% of wall time for ~15% more CPU; at 5,803, 7-10% for 12 MB more peak
 * RSS, which took that scan over its 150 MB budget (139 -> 151 MB); at 14,601, ~18%, with RSS over the budget
 * either way. So the second thread starts where the gain is large and memory is not what it would cost. More
 * threads were not measured (no machine with more cores here); `--jobs N` asks for them.
 */
export const AUTO_THREADS = 2;
export const AUTO_MIN_FILES = 10_000;

const MARK = 'gatewarden-text-worker';

/**
 * The pool for an entry point, given its `import.meta.url` (or the bundle its workers should run), threads (the main
 * thread included) and the fewest plain files worth starting them for. A worker runs that very file, so only a
 * bundle that serves them (dist/cli.js) can have workers; from the TypeScript sources (tests, tsx) everything runs
 * on the main thread.
 */
export function poolFor(entry: string, threads = 1, minFiles?: number): PoolOptions | undefined {
  if (threads < 2 || !/\.m?js$/.test(entry)) return undefined;
  return { script: new URL(entry), workers: threads - 1, ...(minFiles !== undefined ? { minFiles } : {}) };
}

/** The default pool: AUTO_THREADS threads (fewer on a one-core machine) for large scans. */
export function autoPool(entry: string): PoolOptions | undefined {
  return poolFor(entry, Math.min(AUTO_THREADS, availableParallelism()), AUTO_MIN_FILES);
}

/** `--jobs` / the action's `jobs` input: `auto` (or empty), or a whole number of threads from 1 to 64. */
export function parseJobs(value: string): number | 'auto' | undefined {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  const n = Number(v);
  return /^\d+$/.test(v) && n >= 1 && n <= 64 ? n : undefined;
}

/** The pool for a `jobs` setting and the bundle the workers run. */
export function poolForJobs(entry: string, jobs: number | 'auto'): PoolOptions | undefined {
  return jobs === 'auto' ? autoPool(entry) : poolFor(entry, jobs);
}

/** Files per message: large enough to amortise a round trip, small enough to share the tail of the work. */
const BATCH = 16;
/** Batches handed to a worker ahead, so it keeps working while the main thread is busy and cannot answer. */
const AHEAD = 2;

interface Init {
  mark: typeof MARK;
  ruleIds: string[];
  maxFileSize: number;
}
interface Job {
  index: number;
  file: DiscoveredFile;
}
type Reply = { batch: number; results: TextFileResult[] } | { batch: number; error: string };

export interface Pool {
  /** Takes batches on this thread (`local`) until every file has a result; then stops the workers. */
  finish(local: (index: number) => Promise<TextFileResult>): Promise<void>;
}

/**
 * Starts the workers on the files at `indices` at once (they load and work while the main thread reads and parses
 * structured files); undefined when not worth it. Every result goes to `collect`, `remote` when a worker made it.
 */
export function startPool(
  opts: PoolOptions,
  rules: readonly AnyRule[],
  maxFileSize: number,
  indices: readonly number[],
  files: readonly DiscoveredFile[],
  collect: (r: TextFileResult, remote: boolean) => void,
): Pool | undefined {
  if (opts.workers <= 0 || indices.length === 0 || indices.length < (opts.minFiles ?? 0)) return undefined;
  // Every enabled rule, not only the text rules the worker runs: which texts it sends back depends on the shell
  // rules' keywords (text-pass.ts, textNeeded).
  const init: Init = { mark: MARK, ruleIds: rules.map((r) => r.id), maxFileSize };
  const workers: Worker[] = [];
  for (let i = 0; i < opts.workers; i++) {
    try {
      // No stdin/stdout of its own: a worker never writes a report. Its young generation capped as the scan
      // isolate's (engine/isolate.ts): 20,000 files on Node 24, 258-284 -> 231-258 MB peak RSS.
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
      for (const r of reply.results) collect(r, true);
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
            for (const j of jobs) collect(await local(j.index), false);
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
 * The worker side: when this thread was started by `startPool`, answers batches and returns true (the entry point
 * then does nothing else); otherwise returns false at once.
 */
export function serveTextWorker(registry: readonly AnyRule[]): boolean {
  const init = workerData as Init | undefined;
  if (isMainThread || !parentPort || init?.mark !== MARK) return false;
  const port = parentPort;
  const wanted = new Set(init.ruleIds);
  const rules = registry.filter((r) => wanted.has(r.id));
  const runner = new RuleRunner(rules, []);
  const keepText = textNeeded(rules);
  let chain = Promise.resolve();
  port.on('message', (msg: { batch: number; jobs: Job[] }) => {
    chain = chain.then(async () => {
      try {
        const results: TextFileResult[] = [];
        // The pool only gets files that are plain by their path (scan.ts routes the others to the main thread).
        for (const j of msg.jobs) results.push(await textPass(j.index, j.file, 'text', init.maxFileSize, runner, keepText));
        port.postMessage({ batch: msg.batch, results } satisfies Reply);
      } catch (err) {
        port.postMessage({ batch: msg.batch, error: String((err as Error)?.message ?? err) } satisfies Reply);
      }
    });
  });
  return true;
}
