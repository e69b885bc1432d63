/**
 * Planning an org sweep: list the organisation's repositories, filter them, and cut the list into matrix jobs
 * and the jobs into batches that GitHub Actions accepts.
 *
 * - A job scans `reposPerJob` repositories one after the other (in-process). A batch is one `strategy.matrix`:
 *   at most 256 jobs (GitHub's per-matrix limit) and a matrix JSON of at most `maxMatrixBytes` (job outputs are
 *   capped at 1 MB per job; the default leaves room for the other outputs). 10,000 repositories at 10 per job
 *   are 1,000 jobs in 4 batches; the reusable workflow runs one batch per call.
 * - Repositories are sorted by full name before cutting, so the same org state always gives the same plan.
 */
import type { GitHubClient } from '../github/octokit.js';

/** The fields of `GET /orgs/{org}/repos` the sweep uses. */
export interface OrgRepo {
  name: string;
  full_name: string;
  archived?: boolean;
  disabled?: boolean;
  fork?: boolean;
  visibility?: string;
  private?: boolean;
  topics?: string[];
  pushed_at?: string | null;
  default_branch?: string;
}

export type Tristate = 'include' | 'exclude' | 'only';
export const TRISTATE: readonly Tristate[] = ['include', 'exclude', 'only'];
export const VISIBILITIES = ['public', 'private', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export interface RepoFilters {
  /** Default `exclude`: archived repositories are read-only and code scanning rejects uploads to them. */
  archived: Tristate;
  /** Default `exclude`. */
  forks: Tristate;
  /** Empty = every visibility. */
  visibility: Visibility[];
  /** Keep repositories with at least one of these topics; empty = no topic filter. */
  topics: string[];
  /** Keep repositories pushed at or after this instant. */
  pushedSince?: Date;
  /** Globs on the repository name (or `owner/name` when the glob has a `/`); empty = all. */
  include: string[];
  exclude: string[];
}

export const DEFAULT_FILTERS: RepoFilters = { archived: 'exclude', forks: 'exclude', visibility: [], topics: [], include: [], exclude: [] };

export interface SkippedRepo {
  repo: string;
  reason: string;
}

export async function listOrgRepos(octokit: GitHubClient, org: string): Promise<OrgRepo[]> {
  const repos = await octokit.paginate(octokit.rest.repos.listForOrg, { org, type: 'all', per_page: 100 });
  return repos as OrgRepo[];
}

/** `*` any run of characters except `/`, `?` one such character; everything else literal; case-insensitive. */
export function globToRegExp(glob: string): RegExp {
  let src = '';
  for (const ch of glob) {
    if (ch === '*') src += '[^/]*';
    else if (ch === '?') src += '[^/]';
    else src += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'i');
}

function matchesAny(repo: OrgRepo, globs: readonly RegExp[], raw: readonly string[]): boolean {
  return globs.some((g, i) => g.test(raw[i]?.includes('/') ? repo.full_name : repo.name));
}

function tristate(value: boolean, mode: Tristate): boolean {
  return mode === 'include' || (mode === 'only' ? value : !value);
}

function visibilityOf(r: OrgRepo): string {
  return r.visibility ?? (r.private ? 'private' : 'public');
}

/** Applies the filters; returns what is kept and, for each repository left out, why. */
/** A GitHub owner or repository name. */
const REPO_NAME = /^[A-Za-z0-9._-]+$/;

/** `owner/name`, each a GitHub name (and neither `.` nor `..`). */
export function isRepoFullName(fullName: string): boolean {
  const parts = fullName.split('/');
  return parts.length === 2 && parts.every((p) => REPO_NAME.test(p) && p !== '.' && p !== '..');
}

export function filterRepos(repos: readonly OrgRepo[], filters: RepoFilters): { kept: OrgRepo[]; skipped: SkippedRepo[] } {
  const include = filters.include.map(globToRegExp);
  const exclude = filters.exclude.map(globToRegExp);
  const topics = new Set(filters.topics.map((t) => t.toLowerCase()));
  const kept: OrgRepo[] = [];
  const skipped: SkippedRepo[] = [];
  for (const r of repos) {
    const reason = (() => {
      // Names come from the API: one with a space or a newline would be split into two entries by `org scan
      // --repos` (security review, B19). GitHub's own names are letters, digits, `.`, `_` and `-`.
      if (!isRepoFullName(r.full_name)) return 'not a repository name';
      if (r.disabled) return 'disabled';
      if (!tristate(Boolean(r.archived), filters.archived)) return r.archived ? 'archived' : 'not archived';
      if (!tristate(Boolean(r.fork), filters.forks)) return r.fork ? 'fork' : 'not a fork';
      if (filters.visibility.length && !(filters.visibility as string[]).includes(visibilityOf(r))) return `visibility ${visibilityOf(r)}`;
      if (topics.size && !(r.topics ?? []).some((t) => topics.has(t.toLowerCase()))) return 'no matching topic';
      if (filters.pushedSince && !(r.pushed_at && Date.parse(r.pushed_at) >= filters.pushedSince.getTime())) return 'not pushed since the cut-off';
      if (include.length && !matchesAny(r, include, filters.include)) return 'not included';
      if (exclude.length && matchesAny(r, exclude, filters.exclude)) return 'excluded';
      return undefined;
    })();
    if (reason) skipped.push({ repo: r.full_name, reason });
    else kept.push(r);
  }
  return { kept, skipped };
}

/** `2026-01-31`, an ISO timestamp, or a relative `90d` (days before `now`). */
export function parsePushedSince(value: string, now = new Date()): Date | undefined {
  const rel = /^(\d+)d$/.exec(value.trim());
  if (rel) return new Date(now.getTime() - Number(rel[1]) * 86_400_000);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/** One matrix leg: `repos` is a space-separated list of `owner/name` (what `gatewarden org scan --repos` takes). */
export interface MatrixJob {
  job: string;
  repos: string;
}

export interface Batch {
  index: number;
  matrix: { include: MatrixJob[] };
  repoCount: number;
}

export interface PlanLimits {
  reposPerJob: number;
  /** GitHub: a matrix generates at most 256 jobs. */
  maxJobs: number;
  /** Serialised matrix size cap; GitHub caps all outputs of a job at 1 MB together. */
  maxMatrixBytes: number;
}

export const DEFAULT_LIMITS: PlanLimits = { reposPerJob: 10, maxJobs: 256, maxMatrixBytes: 900_000 };

export interface Plan {
  org: string;
  generatedAt: string;
  total: number;
  filters: Omit<RepoFilters, 'pushedSince'> & { pushedSince?: string };
  limits: PlanLimits;
  batches: Batch[];
  skipped: SkippedRepo[];
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

/**
 * Cuts `repos` (full names) into jobs of `reposPerJob`, then packs jobs into batches of at most `maxJobs`
 * jobs whose matrix JSON stays within `maxMatrixBytes`. Throws when a single job alone is too big.
 */
export function planBatches(repos: readonly string[], limits: PlanLimits = DEFAULT_LIMITS): Batch[] {
  if (!(limits.reposPerJob >= 1 && limits.maxJobs >= 1 && limits.maxMatrixBytes > 0)) throw new Error('plan limits must be positive');
  const sorted = [...new Set(repos)].sort();
  const batches: Batch[] = [];
  let current: MatrixJob[] = [];
  let currentBytes = bytes({ include: [] });
  let currentRepos = 0;
  const close = () => {
    if (!current.length) return;
    batches.push({ index: batches.length, matrix: { include: current }, repoCount: currentRepos });
    current = [];
    currentBytes = bytes({ include: [] });
    currentRepos = 0;
  };
  for (let i = 0; i < sorted.length; i += limits.reposPerJob) {
    const chunk = sorted.slice(i, i + limits.reposPerJob);
    const job = (jobIndex: number): MatrixJob => ({ job: `b${batches.length}-j${jobIndex}`, repos: chunk.join(' ') });
    // +1 for the comma between entries.
    let cost = bytes(job(current.length)) + (current.length ? 1 : 0);
    if (current.length >= limits.maxJobs || currentBytes + cost > limits.maxMatrixBytes) {
      close();
      cost = bytes(job(0));
    }
    if (bytes({ include: [job(0)] }) > limits.maxMatrixBytes) throw new Error(`one job of ${chunk.length} repositories exceeds ${limits.maxMatrixBytes} bytes; lower --repos-per-job`);
    current.push(job(current.length));
    currentBytes += cost;
    currentRepos += chunk.length;
  }
  close();
  return batches;
}

export async function planOrg(octokit: GitHubClient, org: string, filters: RepoFilters, limits: PlanLimits, now = new Date()): Promise<Plan> {
  const all = await listOrgRepos(octokit, org);
  const { kept, skipped } = filterRepos(all, filters);
  const { pushedSince, ...rest } = filters;
  return {
    org,
    generatedAt: now.toISOString(),
    total: kept.length,
    filters: { ...rest, ...(pushedSince ? { pushedSince: pushedSince.toISOString() } : {}) },
    limits,
    batches: planBatches(
      kept.map((r) => r.full_name),
      limits,
    ),
    skipped,
  };
}
