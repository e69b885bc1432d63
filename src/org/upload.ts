/**
 * Uploading one repository's SARIF through `POST /repos/{owner}/{repo}/code-scanning/sarifs`.
 *
 * Limits (GitHub rejects, it does not cut): 25,000 results per run and 10 MB of gzipped SARIF. The sweep
 * truncates rather than splits: an upload replaces the previous analysis of the same tool + category on that
 * commit, so a split would need extra categories, and every alert would move between categories whenever the
 * count crossed a boundary (closing and re-opening alerts). Truncation keeps the most severe results (what
 * GitHub itself keeps and shows first), records a warning in the run's `toolExecutionNotifications`, and
 * reports it in the repository's outcome. A 413 from the server (its own idea of too large) halves the kept
 * results and tries again, a few times at most.
 */
import { gzipSync } from 'node:zlib';
import type { Log, Result } from 'sarif';
import type { GitHubClient } from '../github/octokit.js';

export const MAX_RESULTS_PER_RUN = 25_000;
export const MAX_GZIP_BYTES = 10 * 1024 * 1024;

export interface SarifLimits {
  maxResults: number;
  maxGzipBytes: number;
}

export const SARIF_LIMITS: SarifLimits = { maxResults: MAX_RESULTS_PER_RUN, maxGzipBytes: MAX_GZIP_BYTES };

export interface FittedSarif {
  /** base64(gzip(JSON)), as the endpoint wants it. */
  sarif: string;
  gzipBytes: number;
  results: number;
  /** Results left out to fit the limits (0 when nothing was cut). */
  dropped: number;
  warnings: string[];
}

function score(r: Result): number {
  const s = Number((r.properties as Record<string, unknown> | undefined)?.['security-severity']);
  if (Number.isFinite(s)) return s;
  return r.level === 'error' ? 8 : r.level === 'warning' ? 5 : 1;
}

function encode(log: Log): { sarif: string; gzipBytes: number } {
  const gz = gzipSync(Buffer.from(JSON.stringify(log), 'utf8'));
  return { sarif: gz.toString('base64'), gzipBytes: gz.length };
}

/** A copy of `log` (one run) keeping the `keep` most severe results, with a notification saying what was cut. */
function truncated(log: Log, ranked: readonly Result[], keep: number, why: string): Log {
  const run = log.runs[0];
  if (!run) return log;
  const kept = new Set(ranked.slice(0, keep));
  const results = (run.results ?? []).filter((r) => kept.has(r));
  const dropped = ranked.length - keep;
  const invocations = run.invocations?.length ? run.invocations : [{ executionSuccessful: true }];
  const [first, ...others] = invocations;
  const notice = { level: 'warning' as const, message: { text: `${dropped} of ${ranked.length} results were left out of this upload (${why}); the most severe ${keep} are kept.` }, descriptor: { id: 'upload.truncated' } };
  return {
    ...log,
    runs: [{ ...run, results, invocations: [{ ...first, executionSuccessful: first?.executionSuccessful ?? true, toolExecutionNotifications: [...(first?.toolExecutionNotifications ?? []), notice] }, ...others] }],
  };
}

/**
 * Encodes `log` for upload within `limits`: first the result-count cap (and `maxKeep`, set after the server
 * refused a larger upload), then, while the gzipped size is over, halve the kept results.
 */
export function fitSarif(log: Log, limits: SarifLimits = SARIF_LIMITS, maxKeep?: number): FittedSarif {
  if (log.runs.length !== 1) throw new Error(`expected one SARIF run, got ${log.runs.length}`);
  const all = log.runs[0]?.results ?? [];
  // Stable sort: equal scores keep the reporter's order (by file and line).
  const ranked = all.map((r, i) => ({ r, i })).sort((a, b) => score(b.r) - score(a.r) || a.i - b.i).map((x) => x.r);
  const warnings: string[] = [];
  const capped = Math.min(all.length, limits.maxResults);
  let keep = maxKeep === undefined ? capped : Math.max(0, Math.min(capped, maxKeep));
  let why = keep < capped ? 'the server rejected a larger upload' : `at most ${limits.maxResults} results per run`;
  for (;;) {
    const candidate = keep < all.length ? truncated(log, ranked, keep, why) : log;
    const enc = encode(candidate);
    if (enc.gzipBytes <= limits.maxGzipBytes) {
      if (keep < all.length) warnings.push(`${all.length - keep} of ${all.length} results left out of the upload (${why}); their alerts close until a smaller upload includes them`);
      return { ...enc, results: keep, dropped: all.length - keep, warnings };
    }
    if (keep === 0) throw new Error(`SARIF without results is still ${enc.gzipBytes} bytes gzipped, over ${limits.maxGzipBytes}`);
    keep = Math.floor(keep / 2);
    why = `gzipped SARIF over ${limits.maxGzipBytes} bytes`;
  }
}

export interface UploadTarget {
  owner: string;
  repo: string;
  commitSha: string;
  /** Full ref, e.g. `refs/heads/main`. */
  ref: string;
}

export interface UploadOutcome {
  sarifId?: string;
  results: number;
  dropped: number;
  gzipBytes: number;
  warnings: string[];
}

/** Thrown for an upload that cannot succeed for this repository; `reason` is safe to show. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

const MAX_413_ATTEMPTS = 4;

export interface WaitOptions {
  /** Poll the processing status for at most this long (0 or absent: do not poll). */
  waitMs?: number;
  /** Pause between polls; the default grows like codeql-action's (5 s, then longer). */
  intervalMs?: (attempt: number) => number;
  /** Replaceable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultInterval = (attempt: number) => Math.min(60_000, 5_000 * 2 ** attempt);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `GET /repos/{owner}/{repo}/code-scanning/sarifs/{id}` until processing is no longer pending. A `failed`
 * status becomes an UploadError with GitHub's errors; still pending when the time is up becomes a warning.
 */
export async function waitForProcessing(octokit: GitHubClient, target: UploadTarget, sarifId: string, opts: WaitOptions): Promise<string[]> {
  const budget = opts.waitMs ?? 0;
  const interval = opts.intervalMs ?? defaultInterval;
  const sleep = opts.sleep ?? defaultSleep;
  let waited = 0;
  for (let attempt = 0; ; attempt++) {
    const pause = interval(attempt);
    if (waited + pause > budget) return [`processing of upload ${sarifId} still pending after ${Math.round(waited / 1000)} s`];
    await sleep(pause);
    waited += pause;
    const res = await octokit.rest.codeScanning.getSarif({ owner: target.owner, repo: target.repo, sarif_id: sarifId });
    const data = res.data as { processing_status?: string; errors?: string[] | null };
    if (data.processing_status === 'complete') return [];
    if (data.processing_status === 'failed') throw new UploadError(`upload processing failed: ${(data.errors ?? []).join('; ').slice(0, 400) || 'no reason given'}`);
  }
}

export async function uploadSarif(octokit: GitHubClient, target: UploadTarget, log: Log, limits: SarifLimits = SARIF_LIMITS, startedAt?: Date, wait: WaitOptions = {}): Promise<UploadOutcome> {
  let fitted = fitSarif(log, limits);
  const warnings = [...fitted.warnings];
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await octokit.rest.codeScanning.uploadSarif({
        owner: target.owner,
        repo: target.repo,
        commit_sha: target.commitSha,
        ref: target.ref,
        sarif: fitted.sarif,
        tool_name: 'Gatewarden',
        ...(startedAt ? { started_at: startedAt.toISOString() } : {}),
      });
      const id = (res.data as { id?: string }).id;
      if (id && (wait.waitMs ?? 0) > 0) warnings.push(...(await waitForProcessing(octokit, target, id, wait)));
      return { ...(id ? { sarifId: id } : {}), results: fitted.results, dropped: fitted.dropped, gzipBytes: fitted.gzipBytes, warnings };
    } catch (err) {
      const status = (err as { status?: number }).status;
      // Halving to nothing would upload an empty run and close every alert: give up instead.
      if (status === 413 && attempt < MAX_413_ATTEMPTS && fitted.results > 1) {
        const before = fitted.results;
        fitted = fitSarif(log, limits, Math.floor(before / 2));
        warnings.push(`upload of ${before} results rejected as too large (413); retrying with ${fitted.results}`, ...fitted.warnings);
        continue;
      }
      throw new UploadError(describeUploadError(status, (err as Error).message), status);
    }
  }
}

/** codeql-action's reading of these statuses: code scanning unavailable is a per-repository condition. */
function describeUploadError(status: number | undefined, message: string): string {
  const first = message.split('\n')[0]?.slice(0, 300) ?? '';
  if (status === 403) return `upload forbidden (403): code scanning is not enabled or the token lacks security_events: write: ${first}`;
  if (status === 404) return `upload not found (404): code scanning is unavailable for this repository, or the token cannot see it: ${first}`;
  if (status === 413) return `upload rejected as too large (413) even after truncation: ${first}`;
  return `upload failed${status ? ` (${status})` : ''}: ${first}`;
}
