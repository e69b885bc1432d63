/** The reusable workflow and the documented caller agree with each other and with the CLI. */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ORG_OPTIONS } from '../src/org/cli.js';
import { FIXTURES, ROOT } from './helpers.js';
import { FakeGitHub } from './support/fake-github.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  id?: string;
}
interface Job {
  permissions?: Record<string, string>;
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean; 'max-parallel'?: unknown };
  steps?: Step[];
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
}
interface Workflow {
  on: { workflow_call?: { inputs: Record<string, { required?: boolean; default?: unknown }>; secrets: Record<string, unknown> } };
  permissions: unknown;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(path.join(ROOT, '.github', 'workflows', 'org-sweep.yml'), 'utf8')) as Workflow;
const docs = readFileSync(path.join(ROOT, 'docs', 'org-sweep.md'), 'utf8');
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps ?? []);

describe('org-sweep.yml', () => {
  it('is a reusable workflow with no default token permissions', () => {
    expect(workflow.on.workflow_call).toBeDefined();
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toEqual({ contents: 'read' });
  });

  it('pins every action to a commit SHA and never expands expressions inside scripts', () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(5);
    for (const u of uses) expect(u).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs.length).toBe(3);
    for (const r of runs) expect(r).not.toContain('${{');
  });

  it('fans out the plan matrix and mints the scan token with contents read and security events write only', () => {
    const { plan, scan, rollup } = workflow.jobs as Record<string, Job>;
    expect(scan?.strategy?.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    expect(scan?.strategy?.['fail-fast']).toBe(false);
    expect(scan?.if).toBe("needs.plan.outputs.has-jobs == 'true'");
    const token = scan?.steps?.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
    expect(Object.entries(token?.with ?? {}).filter(([k]) => k.startsWith('permission-'))).toEqual([
      ['permission-contents', 'read'],
      ['permission-security-events', 'write'],
    ]);
    const planToken = plan?.steps?.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
    expect(Object.keys(planToken?.with ?? {}).filter((k) => k.startsWith('permission-'))).toEqual(['permission-metadata']);
    expect(rollup?.if).toBe("always() && needs.plan.result == 'success'");
  });

  it('passes only flags the org CLI knows', () => {
    const flags = steps.flatMap((s) => [...(s.run ?? '').matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1] ?? ''));
    expect(flags).toContain('github-output');
    for (const f of flags) expect(Object.keys(ORG_OPTIONS)).toContain(f);
  });
});

describe('the caller in docs/org-sweep.md', () => {
  const block = /## Copy-paste caller[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
  const caller = parse(block) as Workflow;

  it('calls the reusable workflow with declared inputs and secrets, every required one given', () => {
    const job = caller.jobs.sweep as Job;
    expect(job.uses).toMatch(/\/\.github\/workflows\/org-sweep\.yml@/);
    const declared = workflow.on.workflow_call?.inputs ?? {};
    for (const k of Object.keys(job.with ?? {})) expect(Object.keys(declared)).toContain(k);
    for (const [k, v] of Object.entries(declared)) if (v.required) expect(Object.keys(job.with ?? {})).toContain(k);
    expect(Object.keys(job.secrets ?? {})).toEqual(Object.keys(workflow.on.workflow_call?.secrets ?? {}));
    expect(caller.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'read' });
  });
});

/**
 * The scripts of the workflow and of the composite action, run for real with bash against the fake API: what
 * GitHub would run, minus GitHub. The scripts call `<gatewarden>/dist/cli.js`; here that is a shim running the
 * TypeScript source through tsx, so the test does not depend on dist/ having been rebuilt.
 */
function gatewardenCheckout(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-src-'));
  mkdirSync(path.join(dir, 'dist'));
  // A real directory: `$GITHUB_ACTION_PATH/../../dist` through a symlink would resolve to this repository's dist/.
  mkdirSync(path.join(dir, 'org', 'plan'), { recursive: true });
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  const cli = pathToFileURL(path.join(ROOT, 'src', 'cli.ts')).href;
  writeFileSync(path.join(dir, 'dist', 'cli.js'), `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(cli)});\n`);
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  return dir;
}

describe('workflow and action scripts', () => {
  let gh: FakeGitHub;
  let checkout: string;
  const repos = Array.from({ length: 130 }, (_, i) => ({ name: `repo-${i}`, full_name: `acme/repo-${i}`, archived: i === 5, fork: false, visibility: i % 2 ? 'private' : 'public', topics: i % 3 ? ['openclaw'] : ['other'], pushed_at: '2026-05-01T00:00:00Z' }));
  beforeAll(async () => {
    checkout = gatewardenCheckout();
    gh = await new FakeGitHub().start();
    gh.on('GET', '/orgs/:org/repos', (req) => gh.page(req, repos));
  });
  afterAll(() => gh.stop());

  // Asynchronous: the fake API answers from this very process.
  async function runPlan(script: string, cwd: string, env: Record<string, string>): Promise<Record<string, string>> {
    const outputs = path.join(cwd, 'github-output');
    writeFileSync(outputs, '');
    await promisify(execFile)('bash', ['-c', script], { cwd, env: { PATH: process.env.PATH ?? '', GITHUB_API_URL: gh.url, GITHUB_OUTPUT: outputs, ...env }, timeout: 60_000 });
    const text = readFileSync(outputs, 'utf8');
    return Object.fromEntries([...text.matchAll(/^([\w-]+)<<(\w+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1] ?? '', m[3] ?? '']));
  }
  const filters = { ORG: 'acme', BATCH: '0', PER_JOB: '4', ARCHIVED: 'exclude', FORKS: 'exclude', VISIBILITY: 'private', TOPICS: 'nothing,openclaw', PUSHED_SINCE: '2026-01-01', INCLUDE: 'repo-1* repo-2*', EXCLUDE: 'repo-13' };
  const expected = repos
    .filter((r) => !r.archived && r.visibility === 'private' && r.topics.includes('openclaw') && /^repo-[12]/.test(r.name) && r.name !== 'repo-13')
    .map((r) => r.full_name)
    .sort();
  const reposOf = (matrix: string) => (JSON.parse(matrix) as { include: { repos: string }[] }).include.flatMap((j) => j.repos.split(' ')).sort();

  it('the workflow plan step', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'gatewarden-wf-'));
    symlinkSync(checkout, path.join(cwd, '.gatewarden'));
    const script = workflow.jobs.plan?.steps?.find((s) => s.run)?.run ?? '';
    const out = await runPlan(script, cwd, { ...filters, GATEWARDEN_TOKEN: 'tkn' });
    expect(expected.length).toBeGreaterThan(5);
    expect(out.count).toBe(String(expected.length));
    expect(reposOf(out.matrix ?? '')).toEqual(expected);
    expect(out['has-jobs']).toBe('true');
    expect(JSON.parse(readFileSync(path.join(cwd, 'plan.json'), 'utf8'))).toMatchObject({ org: 'acme', total: expected.length });
  });

  it('the org/plan composite action', async () => {
    const action = parse(readFileSync(path.join(ROOT, 'org', 'plan', 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { steps: Step[] & { env?: Record<string, string> }[] } };
    const step = action.runs.steps[0] as Step & { env: Record<string, string> };
    // Every env value is one of the action's inputs.
    for (const v of Object.values(step.env)) expect(Object.keys(action.inputs)).toContain(/^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(v)?.[1]);
    const cwd = mkdtempSync(path.join(tmpdir(), 'gatewarden-act-'));
    const out = await runPlan(step.run ?? '', cwd, { ...filters, GATEWARDEN_TOKEN: 'tkn', PLAN_FILE: 'p.json', GITHUB_ACTION_PATH: path.join(checkout, 'org', 'plan') });
    expect(reposOf(out.matrix ?? '')).toEqual(expected);
    expect(JSON.parse(out.batches ?? '')).toEqual([0]);
    expect(JSON.parse(readFileSync(path.join(cwd, 'p.json'), 'utf8'))).toMatchObject({ org: 'acme', total: expected.length });
  });

  it('the workflow scan and rollup steps', async () => {
    gh.on('POST', '/repos/:owner/:repo/code-scanning/sarifs', () => ({ status: 202, body: { id: 'sarif-1' } }));
    const gitRoot = mkdtempSync(path.join(tmpdir(), 'gatewarden-wf-git-'));
    const repo = path.join(gitRoot, 'acme', 'alpha.git');
    mkdirSync(repo, { recursive: true });
    cpSync(path.join(FIXTURES, 'demo-repo'), repo, { recursive: true });
    const git = (...args: string[]) => promisify(execFile)('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'init');

    const cwd = mkdtempSync(path.join(tmpdir(), 'gatewarden-wf-'));
    symlinkSync(checkout, path.join(cwd, '.gatewarden'));
    const scanScript = workflow.jobs.scan?.steps?.find((s) => s.run)?.run ?? '';
    await runPlan(scanScript, cwd, { GATEWARDEN_TOKEN: 'tkn', REPOS: 'acme/alpha acme/missing', JOB: 'b0-j0', CATEGORY: 'gatewarden/', UPLOAD: 'true', DEPTH: '1', WAIT: '0', GITHUB_SERVER_URL: `file://${gitRoot}` });
    const job = JSON.parse(readFileSync(path.join(cwd, 'gatewarden-org-job-b0-j0.json'), 'utf8')) as { repos: { repo: string; status: string }[] };
    expect(job.repos.map((r) => [r.repo, r.status])).toEqual([
      ['acme/alpha', 'scanned'],
      ['acme/missing', 'failed'],
    ]);
    expect(gh.calls('POST', '/repos/acme/alpha/code-scanning/sarifs')).toHaveLength(1);

    // download-artifact's place: the job reports under jobs/.
    mkdirSync(path.join(cwd, 'jobs'));
    cpSync(path.join(cwd, 'gatewarden-org-job-b0-j0.json'), path.join(cwd, 'jobs', 'gatewarden-org-job-b0-j0.json'));
    const rollupScript = workflow.jobs.rollup?.steps?.find((s) => s.run)?.run ?? '';
    const summary = path.join(cwd, 'summary.md');
    await runPlan(rollupScript, cwd, { GITHUB_STEP_SUMMARY: summary });
    expect(readFileSync(summary, 'utf8')).toContain('**2 repositories**: 1 scanned, 1 failed.');
    expect(JSON.parse(readFileSync(path.join(cwd, 'gatewarden-org-report.json'), 'utf8'))).toMatchObject({ repositories: { total: 2, scanned: 1, failed: 1 } });
  });
});
