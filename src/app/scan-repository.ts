/**
 * The one composition root: what the CLI, the action and `gatewarden org scan` each used to wire themselves. It
 * joins the rule registry, the thread policy (a large scan in the scan worker, worker threads for plain files:
 * engine/threads/), the config and baseline named in the request, and the engine's scan, into a ScanResult; and
 * turns a result into what the reporters take (ScanReport) and into an exit code.
 */
import { RULES } from '../../rules/index.js';
import { scanHistory, type HistoryOptions } from '../engine/history/history.js';
import { scan, type ScanResult } from '../engine/scan.js';
import { scanIsolated, type ThreadedScanOptions } from '../engine/threads/isolate.js';
import { poolForJobs } from '../engine/threads/pool.js';
import type { HistoryInfo } from '../model/history.js';
import type { AnyRule } from '../model/rule.js';
import { failing, type FailOn } from '../model/severity.js';
import type { ScanReport } from '../report/types.js';

export interface ScanRequest extends Omit<ThreadedScanOptions, 'rules'> {
  /** Default: every rule (the registry). */
  rules?: readonly AnyRule[];
  /** Threads for the per-file stage: `auto` (default: two from 10,000 plain files) or a number. */
  jobs?: number | 'auto';
  /** Hand scans of at least this many files (estimated) to the scan worker; default: the threads' policy. */
  isolateMinFiles?: number;
  /**
   * A scan that stays on this thread waits for this first, so two scans never share one heap (the action's
   * pull-request mode starts the base scan beside the head scan: it runs in the scan worker, or after the head).
   */
  after?: Promise<unknown>;
}

/**
 * The worker bundle (dist/worker.js) beside the bundle this code runs in (dist/cli.js, dist/index.js); none from
 * the TypeScript sources (tests, tsx), where every scan stays on this thread.
 */
export function workerBundle(): URL | undefined {
  return /\.m?js$/.test(import.meta.url) ? new URL('./worker.js', import.meta.url) : undefined;
}

export async function scanRepository(request: ScanRequest): Promise<ScanResult> {
  const { rules = RULES, jobs = 'auto', isolateMinFiles, after, ...opts } = request;
  const worker = workerBundle();
  const pool = worker ? poolForJobs(worker.href, jobs) : undefined;
  const here = async (o: Parameters<typeof scan>[0]) => {
    await after;
    return scan(o);
  };
  // Without a worker bundle, scanIsolated runs the scan here (it never hands a TypeScript module to a worker).
  const isolate = { script: worker ?? new URL(import.meta.url), registry: RULES, ...(isolateMinFiles !== undefined ? { minFiles: isolateMinFiles } : {}), ...(pool ? { pool } : {}) };
  return scanIsolated({ ...opts, rules }, isolate, after ? here : scan);
}

/** `scan --history` and the action's `history: true`: the sweep of the git history with the registry's rules. */
export function sweepHistory(request: Omit<HistoryOptions, 'rules'> & { rules?: readonly AnyRule[] }): Promise<ScanResult & { history: HistoryInfo }> {
  return scanHistory({ ...request, rules: request.rules ?? RULES });
}

/** What the reporters take from a result: its findings, notes and stats, and the catalogue they are about. */
export function scanReport(result: ScanResult & { history?: HistoryInfo }, catalogue: readonly AnyRule[] = RULES): ScanReport {
  return {
    findings: result.findings,
    notes: result.notes,
    catalogue,
    stats: result.stats,
    ...(result.history ? { history: result.history } : {}),
    ...(result.baseline ? { baseline: result.baseline } : {}),
  };
}

/** Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or internal error. */
export function exitCode(result: Pick<ScanResult, 'findings' | 'internalErrors'>, failOn: FailOn): 0 | 1 | 2 {
  if (result.internalErrors > 0) return 2;
  return failing(result.findings, failOn).length > 0 ? 1 : 0;
}
