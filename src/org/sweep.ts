/**
 * One matrix leg of an org sweep: for each repository of the job, one after the other,
 *   clone (shallow, default branch) → scan (the normal engine) → SARIF + primaryLocationLineHash → upload,
 * and one `RepoOutcome` per repository. Any failure is caught, turned into a reason, and the loop goes on: a
 * repository that cannot be cloned, scanned or uploaded is listed as failed, it never stops the sweep.
 *
 * Secrets: the token travels to git through environment variables (GIT_CONFIG_COUNT…), never on a command
 * line or in a URL, so it cannot appear in an error message; reasons are scrubbed of it anyway. Outcomes hold
 * counts, rule ids and repository names only; never a finding's message or value.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { scanReport, scanRepository, type ScanRequest } from '../app/scan-repository.js';
import type { ScanResult } from '../engine/scan.js';
import type { Finding } from '../model/finding.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { REPORTERS } from '../report/index.js';
import { git } from '../git/git.js';
import { withoutTrailingSlashes } from '../github/octokit.js';
import type { GitHubClient } from '../github/octokit.js';
import { addLineHashes } from './line-hash.js';
import { SARIF_LIMITS, uploadSarif, type SarifLimits, type WaitOptions } from './upload.js';

export type Stage = 'clone' | 'scan' | 'upload';

export interface RepoOutcome {
  repo: string;
  status: 'scanned' | 'failed';
  /** Where it failed, and why (scrubbed, one line). */
  stage?: Stage;
  reason?: string;
  commitSha?: string;
  ref?: string;
  /** Present once the scan ran (also when the upload then failed). Suppressed findings are not counted. */
  findings?: {
    total: number;
    bySeverity: Record<Severity, number>;
    byRule: Record<string, number>;
    /**
     * Findings about earlier commits (a finding carrying a `commit` property, as the history scan reports
     * them) whose rule is a secret rule or that carry a redacted value.
     */
    historySecrets: number;
  };
  upload?: { sarifId?: string; results: number; dropped: number };
  warnings: string[];
  durationMs: number;
}

export interface JobReport {
  kind: 'gatewarden-org-job';
  version: 1;
  job: string;
  generatedAt: string;
  repos: RepoOutcome[];
}

export interface CloneResult {
  dir: string;
  commitSha: string;
  ref: string;
}

export interface SweepOptions {
  octokit: GitHubClient;
  /** Used for git over HTTPS; never logged. */
  token?: string;
  /** Where repositories are cloned from: `https://github.com` (default), a GHES host, or `file:///…` in tests. */
  gitBaseUrl?: string;
  /** SARIF `automationDetails.id` category; must match the category of push / pull-request runs to dedupe. */
  category?: string;
  /** Scan without uploading (a dry run). */
  upload?: boolean;
  limits?: SarifLimits;
  /** Poll each upload's processing status (off by default). */
  wait?: WaitOptions;
  log?: (line: string) => void;
  /** Commits to clone: 1 (default) for a scan of the tree; 0 for the whole history of the default branch. */
  depth?: number;
  /** Extra options for the scan (app/scan-repository.ts); `paths` and `rules` are the sweep's own. */
  scan?: Omit<ScanRequest, 'paths' | 'rules'>;
  /** Replaceable for tests; the default shells out to git. */
  clone?: (fullName: string, into: string) => Promise<CloneResult>;
}

/** Recognised here without importing the history scan: a finding about a past commit. */
export function isHistorySecret(f: Finding): boolean {
  const commit = f.properties?.commit;
  return typeof commit === 'string' && commit.length > 0 && (f.ruleId.startsWith('secrets.') || f.redacted !== undefined);
}

export function summariseFindings(findings: readonly Finding[]): NonNullable<RepoOutcome['findings']> {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule: Record<string, number> = {};
  let total = 0;
  let historySecrets = 0;
  for (const f of findings) {
    if (f.suppressed) continue;
    total++;
    bySeverity[f.severity]++;
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
    if (isHistorySecret(f)) historySecrets++;
  }
  return { total, bySeverity, byRule, historySecrets };
}

/** Removes every occurrence of each secret (and its URL-encoded form) and keeps the first line, capped. */
export function scrub(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s), Buffer.from(`x-access-token:${s}`).toString('base64')])) out = out.split(form).join('***');
  }
  const line = out.split('\n').find((l) => l.trim()) ?? out;
  return line.trim().slice(0, 500);
}

/** Shallow clone of the default branch; authentication by an extra header passed in the environment. */
export function gitCloner(gitBaseUrl: string, token: string | undefined, depth = 1): (fullName: string, into: string) => Promise<CloneResult> {
  return async (fullName, into) => {
    const url = `${withoutTrailingSlashes(gitBaseUrl)}/${fullName}.git`;
    const env: NodeJS.ProcessEnv = { GIT_ASKPASS: 'echo', GCM_INTERACTIVE: 'never' };
    if (token) {
      env.GIT_CONFIG_COUNT = '1';
      env.GIT_CONFIG_KEY_0 = 'http.extraheader';
      env.GIT_CONFIG_VALUE_0 = `AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    }
    await git(path.dirname(into), ['clone', '--quiet', ...(depth > 0 ? ['--depth', String(depth)] : []), '--no-tags', '--single-branch', url, into], { env, timeoutMs: 15 * 60_000 });
    const commitSha = (await git(into, ['rev-parse', 'HEAD']).catch(() => Buffer.alloc(0))).toString('utf8').trim();
    if (!/^[0-9a-f]{40}$/.test(commitSha)) throw new Error('the repository is empty (no commit on its default branch)');
    const ref = (await git(into, ['symbolic-ref', 'HEAD'])).toString('utf8').trim();
    return { dir: into, commitSha, ref };
  };
}

export async function buildSarif(result: ScanResult, category: string): Promise<Log> {
  const text = REPORTERS.sarif(scanReport(result), { showSuppressed: false, category, color: false });
  const log = JSON.parse(text) as Log;
  await addLineHashes(log, result.root.base);
  return log;
}

/** GitHub's owner and repository name characters; no leading dot (no `..`). */
const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export async function sweepRepo(fullName: string, opts: SweepOptions): Promise<RepoOutcome> {
  const started = performance.now();
  const outcome: RepoOutcome = { repo: fullName, status: 'failed', warnings: [], durationMs: 0 };
  const [owner, repo] = fullName.split('/');
  const clone = opts.clone ?? gitCloner(opts.gitBaseUrl ?? 'https://github.com', opts.token, opts.depth ?? 1);
  let stage: Stage = 'clone';
  const work = await mkdtemp(path.join(tmpdir(), 'gatewarden-org-'));
  try {
    if (!owner || !repo || !REPO_NAME.test(fullName) || owner.startsWith('.') || repo.startsWith('.')) throw new Error(`not a repository name (owner/name): "${fullName.slice(0, 200)}"`);
    const checkout = await clone(fullName, path.join(work, 'repo'));
    outcome.commitSha = checkout.commitSha;
    outcome.ref = checkout.ref;
    stage = 'scan';
    // A large repository's scan runs in the scan worker, as the CLI's does (engine/threads/isolate.ts).
    const result = await scanRepository({ ...opts.scan, paths: [checkout.dir] });
    outcome.findings = summariseFindings(result.findings);
    if (result.internalErrors) outcome.warnings.push(`${result.internalErrors} rule error(s) during the scan`);
    if (opts.upload !== false) {
      stage = 'upload';
      const log = await buildSarif(result, opts.category ?? 'gatewarden/');
      const up = await uploadSarif(opts.octokit, { owner, repo, commitSha: checkout.commitSha, ref: checkout.ref }, log, opts.limits ?? SARIF_LIMITS, new Date(), opts.wait);
      outcome.upload = { ...(up.sarifId ? { sarifId: up.sarifId } : {}), results: up.results, dropped: up.dropped };
      outcome.warnings.push(...up.warnings);
    }
    outcome.status = 'scanned';
  } catch (err) {
    outcome.stage = stage;
    outcome.reason = scrub(err instanceof Error ? err.message : String(err), [opts.token]);
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
    outcome.durationMs = Math.round(performance.now() - started);
  }
  opts.log?.(`${fullName}: ${outcome.status === 'scanned' ? `${outcome.findings?.total ?? 0} finding(s)${outcome.upload ? `, uploaded ${outcome.upload.results}` : ''}` : `failed at ${outcome.stage}: ${outcome.reason}`}`);
  for (const w of outcome.warnings) opts.log?.(`${fullName}: warning: ${w}`);
  return outcome;
}

export async function sweepJob(job: string, repos: readonly string[], opts: SweepOptions): Promise<JobReport> {
  const out: RepoOutcome[] = [];
  for (const r of repos) out.push(await sweepRepo(r, opts));
  return { kind: 'gatewarden-org-job', version: 1, job, generatedAt: new Date().toISOString(), repos: out };
}
