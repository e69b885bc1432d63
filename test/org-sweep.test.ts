/**
 * The org sweep end to end, against local git repositories (cloned through file://) and the fake GitHub API:
 * clone → scan → SARIF with primaryLocationLineHash → upload, failures recorded per repository, then the
 * roll-up over the job reports.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import type { Finding } from '../src/model/finding.js';
import { orgMain } from '../src/org/cli.js';
import { lineHashes } from '../src/org/line-hash.js';
import type { OrgReport } from '../src/org/rollup.js';
import { gitCloner, scrub, summariseFindings, type JobReport } from '../src/org/sweep.js';
import { FIXTURES } from './helpers.js';
import { FakeGitHub } from './support/fake-github.js';
import { validateSarif } from './support/sarif-validate.js';

const TOKEN = 'ghs_FAKEinstallationTOKEN0123456789abcdef';
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

function makeRepo(root: string, fullName: string, files: Record<string, string> | string | undefined): string {
  const dir = path.join(root, `${fullName}.git`);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  if (files === undefined) return dir; // no commit: an empty repository
  if (typeof files === 'string') cpSync(files, dir, { recursive: true });
  else for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return dir;
}

const decode = (b64: string) => JSON.parse(gunzipSync(Buffer.from(b64, 'base64')).toString('utf8')) as Log;

describe('org scan and rollup', () => {
  let gh: FakeGitHub;
  let root: string;
  let work: string;
  let alpha: string;
  const stdout: string[] = [];
  const stderr: string[] = [];
  let report: JobReport;
  const secret = /sk-ant-api03-[A-Za-z0-9_-]+/.exec(readFileSync(path.join(FIXTURES, 'demo-repo', '.env'), 'utf8'))?.[0] ?? '';

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'gatewarden-org-git-'));
    work = mkdtempSync(path.join(tmpdir(), 'gatewarden-org-out-'));
    alpha = makeRepo(root, 'acme/alpha', path.join(FIXTURES, 'demo-repo'));
    // CRLF line endings: the line hash must normalise them as the upload action does.
    writeFileSync(path.join(alpha, 'docker-compose.yml'), readFileSync(path.join(alpha, 'docker-compose.yml'), 'utf8').replace(/\n/g, '\r\n'));
    git(alpha, 'commit', '-q', '-am', 'crlf');
    makeRepo(root, 'acme/beta', { 'README.md': '# nothing to see\n' });
    makeRepo(root, 'acme/gamma', path.join(FIXTURES, 'demo-repo'));
    makeRepo(root, 'acme/empty', undefined);

    gh = await new FakeGitHub().start();
    gh.on('POST', '/repos/:owner/:repo/code-scanning/sarifs', (_req, p) =>
      p.repo === 'gamma' ? { status: 403, body: { message: 'Advanced Security must be enabled for this repository to use code scanning.' } } : { status: 202, body: { id: `sarif-${p.repo}` } },
    );
    const io = { env: { GITHUB_API_URL: gh.url, GITHUB_SERVER_URL: `file://${root}`, GATEWARDEN_TOKEN: TOKEN }, stdout: (s: string) => stdout.push(s), stderr: (s: string) => stderr.push(s) };
    const code = await orgMain(['scan', '--repos', 'acme/alpha acme/beta acme/gamma acme/empty acme/missing ../escape', '--job', 'b0-j0', '--output', path.join(work, 'job-b0-j0.json')], io);
    expect(code).toBe(0);
    report = JSON.parse(readFileSync(path.join(work, 'job-b0-j0.json'), 'utf8')) as JobReport;
  });
  afterAll(() => gh.stop());

  it('sweeps every repository and lists each failure with its stage and reason', () => {
    expect(report.repos.map((r) => [r.repo, r.status, r.stage])).toEqual([
      ['acme/alpha', 'scanned', undefined],
      ['acme/beta', 'scanned', undefined],
      ['acme/gamma', 'failed', 'upload'],
      ['acme/empty', 'failed', 'clone'],
      ['acme/missing', 'failed', 'clone'],
      ['../escape', 'failed', 'clone'],
    ]);
    const reason = (r: string) => report.repos.find((x) => x.repo === r)?.reason ?? '';
    expect(reason('acme/gamma')).toMatch(/^upload forbidden \(403\)/);
    expect(reason('acme/empty')).toMatch(/empty/);
    expect(reason('acme/missing')).toMatch(/^git clone failed: .*missing\.git/);
    expect(reason('../escape')).toBe('not a repository name (owner/name): "../escape"');
  });

  it('counts the same findings as a direct scan of the repository', async () => {
    const direct = await scan({ paths: [alpha], rules: RULES });
    const outcome = report.repos.find((r) => r.repo === 'acme/alpha');
    expect(outcome?.findings).toEqual(summariseFindings(direct.findings));
    expect(outcome?.findings?.total).toBeGreaterThan(0);
    expect(outcome?.upload).toEqual({ sarifId: 'sarif-alpha', results: outcome?.findings?.total, dropped: 0 });
  });

  it('uploads valid SARIF for the scanned commit, with the line hash the upload action would compute', async () => {
    const uploads = gh.calls('POST', '/repos/:owner/:repo/code-scanning/sarifs');
    expect(uploads.map((u) => u.path)).toEqual(['/repos/acme/alpha/code-scanning/sarifs', '/repos/acme/beta/code-scanning/sarifs', '/repos/acme/gamma/code-scanning/sarifs']);
    const body = uploads[0]?.body as { commit_sha: string; ref: string; sarif: string };
    expect(body.commit_sha).toBe(git(alpha, 'rev-parse', 'HEAD'));
    expect(body.ref).toBe('refs/heads/main');
    const log = decode(body.sarif);
    const results = log.runs[0]?.results ?? [];
    expect(results.length).toBe(report.repos[0]?.findings?.total);
    expect(results.some((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'docker-compose.yml')).toBe(true);
    for (const r of results) {
      const loc = r.locations?.[0]?.physicalLocation;
      const text = readFileSync(path.join(alpha, decodeURIComponent(loc?.artifactLocation?.uri ?? '')), 'utf8');
      expect(r.partialFingerprints?.primaryLocationLineHash).toBe(lineHashes(text).get(loc?.region?.startLine ?? 0));
    }
    expect(log.runs[0]?.automationDetails?.id).toBe('gatewarden/');

    // A clean repository still gets a run (with every rule and no results), so its old alerts close.
    const clean = decode((uploads[1]?.body as { sarif: string }).sarif);
    expect(clean.runs[0]?.results).toEqual([]);
    expect(clean.runs[0]?.tool.driver.rules?.length).toBe(RULES.length);

    const broken = structuredClone(log);
    delete broken.runs[0]?.tool.driver.rules?.[0]?.fullDescription;
    const [errorsAlpha, errorsClean, errorsBroken] = await validateSarif([log, clean, broken]);
    expect(errorsAlpha).toEqual([]);
    expect(errorsClean).toEqual([]);
    expect(errorsBroken?.map((e) => e.ruleId)).toContain('GH2012'); // the validator does catch a bad log
  });

  it('never lets the secret or the token out', () => {
    expect(secret.length).toBeGreaterThan(40);
    const uploads = gh.calls('POST', '/repos/:owner/:repo/code-scanning/sarifs').map((u) => decode((u.body as { sarif: string }).sarif));
    const everything = [JSON.stringify(uploads), JSON.stringify(gh.requests.map((r) => r.body)), readFileSync(path.join(work, 'job-b0-j0.json'), 'utf8'), stdout.join(''), stderr.join('')].join('\n');
    expect(everything).toContain('secrets.anthropic_api_key');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(TOKEN);
    expect(gh.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('clones one commit by default and the whole branch with depth 0', async () => {
    const into = mkdtempSync(path.join(tmpdir(), 'gatewarden-clone-'));
    const one = await gitCloner(`file://${root}`, TOKEN)('acme/alpha', path.join(into, 'one'));
    const all = await gitCloner(`file://${root}`, TOKEN, 0)('acme/alpha', path.join(into, 'all'));
    expect(git(one.dir, 'rev-list', '--count', 'HEAD')).toBe('1');
    expect(git(all.dir, 'rev-list', '--count', 'HEAD')).toBe(git(alpha, 'rev-list', '--count', 'HEAD'));
    expect(git(alpha, 'rev-list', '--count', 'HEAD')).toBe('2');
    expect([one.commitSha, all.commitSha]).toEqual([git(alpha, 'rev-parse', 'HEAD'), git(alpha, 'rev-parse', 'HEAD')]);
    expect([one.ref, all.ref]).toEqual(['refs/heads/main', 'refs/heads/main']);
  });

  it('scrubs a token from error text', () => {
    expect(scrub(`fatal: could not read from https://x-access-token:${TOKEN}@github.com/a/b\nmore`, [TOKEN])).toBe('fatal: could not read from https://x-access-token:***@github.com/a/b');
    expect(scrub(`header ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`, [TOKEN])).toBe('header ***');
  });

  it('rolls the job reports up into the org report and a Markdown summary', async () => {
    // A second job, as another matrix leg would write it, with history findings (findings carrying a commit).
    const f = (ruleId: string, severity: Finding['severity'], props: Finding['properties'] = {}): Finding => ({
      ruleId,
      severity,
      message: 'm',
      location: { file: 'a', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      fingerprint: 'x',
      properties: props,
      ...(ruleId.startsWith('secrets.') ? { redacted: 'sk-a…(9 chars)' } : {}),
    });
    const other: JobReport = {
      kind: 'gatewarden-org-job',
      version: 1,
      job: 'b0-j1',
      generatedAt: new Date().toISOString(),
      repos: [
        {
          repo: 'acme/history',
          status: 'scanned',
          warnings: [],
          durationMs: 1,
          findings: summariseFindings([f('secrets.anthropic_api_key', 'critical', { commit: 'c'.repeat(40) }), f('secrets.anthropic_api_key', 'critical', { commit: 'd'.repeat(40) }), f('compose.privileged', 'critical'), f('dotenv.committed', 'high', { commit: 'e'.repeat(40) })]),
        },
      ],
    };
    mkdirSync(path.join(work, 'nested'));
    writeFileSync(path.join(work, 'nested', 'job-b0-j1.json'), JSON.stringify(other));
    writeFileSync(path.join(work, 'unrelated.json'), '{"not":"a job"}');
    const summary = path.join(work, 'summary.md');
    const io = { env: { GITHUB_STEP_SUMMARY: summary }, stdout: () => {}, stderr: () => {} };
    expect(await orgMain(['rollup', work, '--json', path.join(work, 'org.json'), '--markdown', path.join(work, 'org.md'), '--github-summary'], io)).toBe(0);
    const org = JSON.parse(readFileSync(path.join(work, 'org.json'), 'utf8')) as OrgReport;
    const outcomes = [...report.repos, ...other.repos];
    expect(org.repositories).toEqual({ total: 7, scanned: 3, failed: 4 });
    const sum = (s: 'critical' | 'high' | 'medium' | 'low' | 'info') => outcomes.reduce((n, o) => n + (o.findings?.bySeverity[s] ?? 0), 0);
    expect(org.findings.bySeverity).toEqual({ critical: sum('critical'), high: sum('high'), medium: sum('medium'), low: sum('low'), info: sum('info') });
    expect(org.findings.total).toBe(outcomes.reduce((n, o) => n + (o.findings?.total ?? 0), 0));
    // Per rule: in how many repositories, how many findings; gamma counts (its scan ran, its upload failed).
    const expected = new Map<string, { repositories: number; findings: number }>();
    for (const o of outcomes)
      for (const [id, n] of Object.entries(o.findings?.byRule ?? {})) {
        const e = expected.get(id) ?? { repositories: 0, findings: 0 };
        expected.set(id, { repositories: e.repositories + 1, findings: e.findings + n });
      }
    expect(new Map(org.topRules.map((t) => [t.ruleId, { repositories: t.repositories, findings: t.findings }]))).toEqual(expected);
    expect(org.topRules.find((t) => t.ruleId === 'compose.privileged')).toMatchObject({ repositories: 3, findings: 3, severity: 'critical', title: RULES.find((r) => r.id === 'compose.privileged')?.title });
    for (let i = 1; i < org.topRules.length; i++) {
      const [a, b] = [org.topRules[i - 1], org.topRules[i]] as [NonNullable<(typeof org.topRules)[0]>, NonNullable<(typeof org.topRules)[0]>];
      expect(a.repositories > b.repositories || (a.repositories === b.repositories && a.findings >= b.findings)).toBe(true);
    }
    expect(org.historySecrets).toEqual([{ repo: 'acme/history', findings: 2 }]);
    expect(org.failed.map((x) => [x.repo, x.stage])).toEqual([
      ['../escape', 'clone'],
      ['acme/empty', 'clone'],
      ['acme/gamma', 'upload'],
      ['acme/missing', 'clone'],
    ]);
    const md = readFileSync(path.join(work, 'org.md'), 'utf8');
    expect(readFileSync(summary, 'utf8')).toBe(md);
    expect(md).toContain('**7 repositories**: 3 scanned, 4 failed.');
    expect(md).toMatch(/\| `compose\.privileged` .* \| critical \| 3 \| 3 \|/);
    expect(md).toContain('| acme/history | 2 |');
    expect(md).toMatch(/\| acme\/gamma \| upload \| upload forbidden \(403\)/);
    expect(md + JSON.stringify(org)).not.toContain(secret);
  });
});
