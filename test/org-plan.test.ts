import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../src/github/octokit.js';
import { orgMain } from '../src/org/cli.js';
import { DEFAULT_FILTERS, DEFAULT_LIMITS, filterRepos, globToRegExp, parsePushedSince, planBatches, planOrg, type Batch, type OrgRepo } from '../src/org/plan.js';
import { FakeGitHub, SECONDARY_RATE_LIMIT } from './support/fake-github.js';

/** Checks the invariants of a plan and returns, per repository, how many jobs name it. */
function assertValidPlan(batches: Batch[], limits: { maxJobs: number; maxMatrixBytes: number; reposPerJob: number }): Map<string, number> {
  const seen = new Map<string, number>();
  const jobIds = new Set<string>();
  batches.forEach((b, i) => {
    expect(b.index).toBe(i);
    expect(b.matrix.include.length).toBeGreaterThan(0);
    expect(b.matrix.include.length).toBeLessThanOrEqual(limits.maxJobs);
    expect(Buffer.byteLength(JSON.stringify(b.matrix))).toBeLessThanOrEqual(limits.maxMatrixBytes);
    let count = 0;
    for (const job of b.matrix.include) {
      expect(jobIds.has(job.job)).toBe(false);
      jobIds.add(job.job);
      const repos = job.repos.split(' ');
      expect(repos.length).toBeLessThanOrEqual(limits.reposPerJob);
      for (const r of repos) seen.set(r, (seen.get(r) ?? 0) + 1);
      count += repos.length;
    }
    expect(b.repoCount).toBe(count);
  });
  return seen;
}

describe('planBatches', () => {
  it('puts each of 10,000 repositories in exactly one job, within 256 jobs and 1 MB per batch', () => {
    const repos = Array.from({ length: 10_000 }, (_, i) => `acme/service-${String(i).padStart(5, '0')}-${'x'.repeat(i % 40)}`);
    const batches = planBatches([...repos].reverse(), DEFAULT_LIMITS);
    const seen = assertValidPlan(batches, DEFAULT_LIMITS);
    expect(seen.size).toBe(10_000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(seen.keys())).toEqual(new Set(repos));
    // 1,000 jobs of 10 cannot fit in fewer than 4 matrices of 256.
    expect(batches.length).toBe(Math.ceil(10_000 / DEFAULT_LIMITS.reposPerJob / DEFAULT_LIMITS.maxJobs));
  });

  it('starts a new batch when the matrix JSON would pass the byte limit', () => {
    const repos = Array.from({ length: 10_000 }, (_, i) => `a-rather-long-organisation-name/${'repository-'.repeat(8)}${i}`);
    const limits = { reposPerJob: 50, maxJobs: 256, maxMatrixBytes: 200_000 };
    const batches = planBatches(repos, limits);
    const seen = assertValidPlan(batches, limits);
    expect(seen.size).toBe(10_000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    // The byte limit, not the job limit, is what cut these batches.
    expect(batches.every((b) => b.matrix.include.length < 256)).toBe(true);
    expect(batches.length).toBeGreaterThan(Math.ceil(10_000 / 50 / 256));
  });

  it('keeps the invariants for any list and limits', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,3}\/[a-z0-9-]{1,20}$/), { maxLength: 400 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        (repos, reposPerJob, maxJobs) => {
          const limits = { reposPerJob, maxJobs, maxMatrixBytes: 4_000 };
          let batches: Batch[];
          try {
            batches = planBatches(repos, limits);
          } catch (err) {
            // Only legitimate when one job alone cannot fit.
            expect((err as Error).message).toMatch(/exceeds/);
            return;
          }
          const seen = assertValidPlan(batches, limits);
          expect([...seen.keys()].sort()).toEqual([...repos].sort());
          expect([...seen.values()].every((n) => n === 1)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same set in any order gives the same plan', () => {
    const repos = Array.from({ length: 777 }, (_, i) => `o/r${i}`);
    const shuffled = [...repos].sort(() => 0.5 - Math.random());
    expect(planBatches(shuffled, { ...DEFAULT_LIMITS, maxJobs: 20 })).toEqual(planBatches(repos, { ...DEFAULT_LIMITS, maxJobs: 20 }));
  });
});

describe('filterRepos', () => {
  const base: OrgRepo = { name: 'app', full_name: 'acme/app', archived: false, fork: false, visibility: 'public', topics: ['openclaw'], pushed_at: '2026-06-01T00:00:00Z' };
  const repos: OrgRepo[] = [
    base,
    { ...base, name: 'old', full_name: 'acme/old', archived: true },
    { ...base, name: 'fork', full_name: 'acme/fork', fork: true },
    { ...base, name: 'secret', full_name: 'acme/secret', visibility: 'private', topics: [] },
    { ...base, name: 'stale', full_name: 'acme/stale', pushed_at: '2024-01-01T00:00:00Z' },
    { ...base, name: 'off', full_name: 'acme/off', disabled: true },
    { ...base, name: 'infra-gw', full_name: 'acme/infra-gw', topics: ['infra'] },
  ];
  const kept = (f: Partial<typeof DEFAULT_FILTERS>) => filterRepos(repos, { ...DEFAULT_FILTERS, ...f }).kept.map((r) => r.name);

  it('applies each filter', () => {
    expect(kept({})).toEqual(['app', 'secret', 'stale', 'infra-gw']);
    expect(kept({ archived: 'only' })).toEqual(['old']);
    expect(kept({ archived: 'include', forks: 'include' })).toEqual(['app', 'old', 'fork', 'secret', 'stale', 'infra-gw']);
    expect(kept({ forks: 'only' })).toEqual(['fork']);
    expect(kept({ visibility: ['private'] })).toEqual(['secret']);
    expect(kept({ topics: ['INFRA', 'nothing'] })).toEqual(['infra-gw']);
    expect(kept({ pushedSince: new Date('2025-01-01T00:00:00Z') })).toEqual(['app', 'secret', 'infra-gw']);
    expect(kept({ include: ['infra-*', 'st?le'] })).toEqual(['stale', 'infra-gw']);
    expect(kept({ exclude: ['acme/s*'] })).toEqual(['app', 'infra-gw']);
  });

  it('says why a repository was left out', () => {
    const { skipped } = filterRepos(repos, DEFAULT_FILTERS);
    expect(skipped).toEqual([
      { repo: 'acme/old', reason: 'archived' },
      { repo: 'acme/fork', reason: 'fork' },
      { repo: 'acme/off', reason: 'disabled' },
    ]);
  });

  it('parses globs and dates', () => {
    expect(globToRegExp('a.*').test('a.b')).toBe(true);
    expect(globToRegExp('a.*').test('axb')).toBe(false);
    expect(globToRegExp('*').test('o/r')).toBe(false);
    expect(parsePushedSince('30d', new Date('2026-03-31T00:00:00Z'))?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parsePushedSince('2026-01-31')?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parsePushedSince('yesterday')).toBeUndefined();
  });
});

describe('planning against the API', () => {
  let gh: FakeGitHub;
  const N = 1_234;
  const repos: OrgRepo[] = Array.from({ length: N }, (_, i) => ({
    name: `repo-${i}`,
    full_name: `acme/repo-${i}`,
    archived: i % 50 === 0,
    fork: i % 70 === 1,
    visibility: i % 3 ? 'public' : 'private',
    topics: [],
    pushed_at: '2026-05-01T00:00:00Z',
    default_branch: 'main',
  }));
  const expected = repos.filter((r) => !r.archived && !r.fork).map((r) => r.full_name);

  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    gh.on('GET', '/orgs/:org/repos', (req, p) => (p.org === 'acme' ? gh.page(req, repos) : { status: 404, body: { message: 'Not Found' } }));
  });
  afterEach(() => gh.stop());

  it('lists 1,000+ repositories across pages through a secondary rate limit in the middle', async () => {
    gh.inject('GET', '/orgs/:org/repos', 1, SECONDARY_RATE_LIMIT, { after: 6 });
    const warnings: string[] = [];
    const octokit = createOctokit({ purpose: 'org-sweep', baseUrl: gh.url, token: 'tkn', retries: 0, retryAfterUnitMs: 1, log: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} } });
    const plan = await planOrg(octokit, 'acme', DEFAULT_FILTERS, DEFAULT_LIMITS);
    const pages = gh.calls('GET', '/orgs/acme/repos').map((r) => r.query.get('page') ?? '1');
    expect(pages).toEqual(['1', '2', '3', '4', '5', '6', '7', '7', '8', '9', '10', '11', '12', '13']);
    expect(warnings.some((w) => /secondary rate limit/.test(w))).toBe(true);
    const seen = assertValidPlan(plan.batches, plan.limits);
    expect([...seen.keys()].sort()).toEqual([...expected].sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(plan.total).toBe(expected.length);
    expect(plan.skipped.length).toBe(N - expected.length);
  });

  it('gives up on a rate limit that does not end, with an error', async () => {
    gh.inject('GET', '/orgs/:org/repos', 100, SECONDARY_RATE_LIMIT, { after: 2 });
    const octokit = createOctokit({ purpose: 'org-sweep', baseUrl: gh.url, retries: 0, retryAfterUnitMs: 1, limitRetries: 2 });
    await expect(planOrg(octokit, 'acme', DEFAULT_FILTERS, DEFAULT_LIMITS)).rejects.toMatchObject({ status: 403 });
    expect(gh.calls('GET', '/orgs/acme/repos').length).toBe(2 + 3);
  });

  it('gatewarden org plan writes the plan and the GitHub outputs of a batch', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-plan-'));
    const outputs = path.join(dir, 'github-output');
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: { GITHUB_API_URL: gh.url, GITHUB_TOKEN: 'tkn', GITHUB_OUTPUT: outputs }, stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
    const code = await orgMain(['plan', '--org', 'acme', '--repos-per-job', '3', '--max-jobs', '100', '--visibility', 'private', '--output', path.join(dir, 'plan.json'), '--batch', '1', '--github-output'], io);
    expect(code).toBe(0);
    const plan = JSON.parse(readFileSync(path.join(dir, 'plan.json'), 'utf8')) as { total: number; batches: Batch[] };
    const privateRepos = repos.filter((r) => !r.archived && !r.fork && r.visibility === 'private').map((r) => r.full_name);
    expect(plan.total).toBe(privateRepos.length);
    const seen = assertValidPlan(plan.batches, { reposPerJob: 3, maxJobs: 100, maxMatrixBytes: DEFAULT_LIMITS.maxMatrixBytes });
    expect([...seen.keys()].sort()).toEqual([...privateRepos].sort());
    expect(JSON.parse(out.join(''))).toEqual(plan.batches[1]?.matrix);
    const text = readFileSync(outputs, 'utf8');
    const value = (name: string) => new RegExp(`^${name}<<(\\w+)\\n([\\s\\S]*?)\\n\\1$`, 'm').exec(text)?.[2];
    expect(value('count')).toBe(String(privateRepos.length));
    expect(JSON.parse(value('batches') ?? '')).toEqual(plan.batches.map((b) => b.index));
    expect(JSON.parse(value('matrix') ?? '')).toEqual(plan.batches[1]?.matrix);
    expect(value('has-jobs')).toBe('true');
    expect(gh.requests[0]?.headers.authorization).toBe('token tkn');
  });

  it('a batch past the end of the plan has no jobs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-plan-'));
    const outputs = path.join(dir, 'github-output');
    const out: string[] = [];
    const io = { env: { GITHUB_API_URL: gh.url, GITHUB_OUTPUT: outputs }, stdout: (s: string) => out.push(s), stderr: () => {} };
    expect(await orgMain(['plan', '--org', 'acme', '--batch', '99', '--github-output'], io)).toBe(0);
    const text = readFileSync(outputs, 'utf8');
    expect(text).toContain('has-jobs<<GATEWARDEN_EOF\nfalse\nGATEWARDEN_EOF\n');
    expect(text).toContain('matrix<<GATEWARDEN_EOF\n{"include":[]}\nGATEWARDEN_EOF\n');
    expect(JSON.parse(out.join(''))).toEqual({ include: [] });
  });

  it('rejects bad flags as usage errors', async () => {
    const io = { env: { GITHUB_API_URL: gh.url }, stdout: () => {}, stderr: () => {} };
    await expect(orgMain(['plan'], io)).rejects.toThrow(/--org/);
    await expect(orgMain(['plan', '--org', 'acme', '--archived', 'maybe'], io)).rejects.toThrow(/--archived/);
    await expect(orgMain(['plan', '--org', 'acme', '--max-jobs', '300'], io)).rejects.toThrow(/--max-jobs/);
    await expect(orgMain(['plan', '--org', 'acme', '--pushed-since', 'soon'], io)).rejects.toThrow(/--pushed-since/);
    await expect(orgMain(['nope'], io)).rejects.toThrow(/unknown org command/);
    await expect(orgMain(['scan'], io)).rejects.toThrow(/--repos/);
    await expect(orgMain(['scan', '--repos', 'acme/app'], io)).rejects.toThrow(/GATEWARDEN_TOKEN/);
    await expect(orgMain(['plan', '--org', 'acme', '--github-output'], io)).rejects.toThrow(/GITHUB_OUTPUT/);
    await expect(orgMain(['rollup', '--github-summary'], io)).rejects.toThrow(/GITHUB_STEP_SUMMARY/);
    expect(gh.requests).toHaveLength(0); // every one of these is refused before any API call
  });
});
