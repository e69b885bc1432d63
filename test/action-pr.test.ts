/** The action end to end in pull-request mode, against real git repositories; no GitHub API involved. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAction, pullRequestPayload } from './support/action-run.js';
import { FAKE_ANTHROPIC_KEYS } from './support/fake-secrets.js';
import { GitRepo } from './support/git-repo.js';

const KEY = FAKE_ANTHROPIC_KEYS[0];

const BASE_COMPOSE = `services:
  gateway:
    image: ghcr.io/openclaw/openclaw:2026.9.6
    privileged: true
`;

/** Head: two comment lines move the old finding down; a new privileged service; a file with a key. */
const HEAD_COMPOSE = `# The OpenClaw stack.
# Gateway and a worker.
services:
  gateway:
    image: ghcr.io/openclaw/openclaw:2026.9.6
    privileged: true
  worker:
    image: alpine:3.20
    privileged: true
`;

function twoCommits(): { repo: GitRepo; base: string; head: string } {
  const repo = GitRepo.init();
  const base = repo.write({ 'docker-compose.yml': BASE_COMPOSE, 'README.md': '# app\n' }).commit('base');
  const head = repo.write({ 'docker-compose.yml': HEAD_COMPOSE, 'config/keys.txt': `ANTHROPIC=${KEY}\n` }).commit('head');
  return { repo, base, head };
}

const annotations = (stdout: string) => stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));

describe('action, pull-request mode', () => {
  it('reports only what the pull request introduces, in annotations, summary and outputs; SARIF keeps every finding', async () => {
    const { repo, base, head } = twoCommits();
    const r = await runAction({
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: 7, baseSha: base, headSha: head }),
      inputs: { path: repo.dir, 'fail-on': 'high' },
    });

    const ann = annotations(r.stdout);
    expect(ann).toHaveLength(2);
    expect(ann.find((l) => l.includes('file=docker-compose.yml'))).toMatch(/^::error file=docker-compose.yml,line=9,endLine=9,col=5,endColumn=21,title=compose.privileged%3A Container runs privileged::Service "worker" runs privileged/);
    expect(ann.find((l) => l.includes('file=config/keys.txt'))).toMatch(/^::error file=config\/keys.txt,line=1,.*title=secrets.anthropic_api_key/);
    expect(r.stdout).not.toContain('"gateway" runs privileged');

    expect(r.outputs['findings-count']).toBe('3');
    expect(r.outputs['new-findings-count']).toBe('2');
    expect(r.outputs['sarif-file']).toMatch(/gatewarden\.sarif$/);

    expect(r.summary).toContain('**2 new findings** in 2 files.');
    expect(r.summary).toContain('1 finding already at the base is not listed here');
    expect(r.summary).toContain(`Compared with ${base.slice(0, 7)}`);
    expect(r.summary).toContain('`docker-compose.yml:9`');
    expect(r.summary).not.toContain('`docker-compose.yml:6`');

    const results = r.sarif.runs[0]?.results ?? [];
    expect(results.map((x) => `${x.ruleId}@${x.locations[0]?.physicalLocation.region.startLine}`).sort()).toEqual(['compose.privileged@6', 'compose.privileged@9', 'secrets.anthropic_api_key@1']);
    expect(r.failed).toBe(true);

    for (const text of [r.stdout, r.summary, r.sarifText, JSON.stringify(r.outputs)]) expect(text).not.toContain(KEY.slice(12, 40));
  });

  it('applies fail-on to new findings only: a PR that adds nothing passes even though the base has a critical finding', async () => {
    const repo = GitRepo.init();
    const base = repo.write({ 'docker-compose.yml': BASE_COMPOSE }).commit('base');
    const head = repo.write({ 'README.md': '# docs only\n' }).commit('docs');
    const r = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 8, baseSha: base, headSha: head }), inputs: { path: repo.dir, 'fail-on': 'high' } });
    expect(r.failed).toBe(false);
    expect(r.outputs['new-findings-count']).toBe('0');
    expect(r.outputs['findings-count']).toBe('1');
    expect(annotations(r.stdout)).toEqual([]);
    expect(r.summary).toContain('**No new findings.**');

    const full = await runAction({ eventName: 'push', inputs: { path: repo.dir, 'fail-on': 'high' } });
    expect(full.failed).toBe(true);
    expect(full.outputs['new-findings-count']).toBe('1');
  });

  it('fetches the base commit when the checkout is too shallow, and says so', async () => {
    const { repo, base, head } = twoCommits();
    const shallow = GitRepo.clone(repo, '--depth=1');
    expect(() => shallow.git('cat-file', '-e', `${base}^{commit}`)).toThrow();
    const r = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 7, baseSha: base, headSha: head }), inputs: { path: shallow.dir, 'fail-on': 'never' } });
    expect(r.summary).toContain(`does not contain the pull request's base commit ${base.slice(0, 7)} (shallow clone); fetching it`);
    expect(r.outputs['new-findings-count']).toBe('2');
    expect(shallow.git('cat-file', '-t', base)).toBe('commit');
  });

  it('deepens a shallow clone of the PR head until it finds where the pull request branched off', async () => {
    const repo = GitRepo.init();
    const fork = repo.write({ 'docker-compose.yml': BASE_COMPOSE }).commit('fork point');
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write({ 'docker-compose.yml': HEAD_COMPOSE }).commit('feature 1');
    const head = repo.write({ 'config/keys.txt': `ANTHROPIC=${KEY}\n` }).commit('feature 2');
    repo.git('checkout', '--quiet', 'main');
    const baseTip = repo.write({ 'notes.md': 'main moves on\n' }).commit('main moves');
    const clone = GitRepo.clone(repo, '--depth=1', '--branch=feature');
    const r = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 11, baseSha: baseTip, headSha: head }), inputs: { path: clone.dir, 'fail-on': 'never' } });
    expect(r.summary).toContain('The history is too shallow to find where the pull request branched off; fetching more');
    expect(r.summary).toContain(`Compared with ${fork.slice(0, 7)} (where the pull request branched off)`);
    expect(r.outputs['new-findings-count']).toBe('2');
  });

  it('compares a merge-commit checkout (actions/checkout default) with its first parent', async () => {
    const { repo, base, head } = twoCommits();
    repo.git('checkout', '--quiet', '-b', 'merge', base);
    repo.write({ 'notes.md': 'base moved on\n' }).commit('base moves');
    const baseTip = repo.git('rev-parse', 'HEAD');
    repo.git('merge', '--quiet', '--no-ff', '-m', 'Merge', head);
    const clone = GitRepo.clone(repo, '--depth=1', '--branch=merge');
    const r = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 9, baseSha: baseTip, headSha: head }), inputs: { path: clone.dir, 'fail-on': 'never' } });
    expect(r.summary).toContain(`Compared with ${baseTip.slice(0, 7)} (the base branch the pull request merges into)`);
    expect(r.summary).toContain(`does not contain the pull request's base commit ${baseTip.slice(0, 7)}`);
    expect(r.outputs['new-findings-count']).toBe('2');

    // The event's base SHA can lag behind the merge commit GitHub made: its first parent is still the one to use.
    const stale = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 9, baseSha: base, headSha: head }), inputs: { path: clone.dir, 'fail-on': 'never' } });
    expect(stale.summary).toContain(`Compared with ${baseTip.slice(0, 7)} (the base branch the pull request merges into)`);
    expect(stale.outputs['new-findings-count']).toBe('2');
  });

  it('treats a renamed file as the same file, and handles names with brackets, spaces and non-ASCII: no finding is new', async () => {
    const repo = GitRepo.init();
    const base = repo.write({ 'deploy/docker-compose.yml': BASE_COMPOSE, 'app/[id] é/compose.yaml': BASE_COMPOSE }).commit('base');
    repo.git('mv', 'deploy/docker-compose.yml', 'deploy/compose.yaml');
    repo.write({ 'app/[id] é/compose.yaml': `# edited\n${BASE_COMPOSE}` });
    const head = repo.commit('rename and edit');
    const r = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 10, baseSha: base, headSha: head }), inputs: { path: repo.dir } });
    expect(r.summary).toContain('2 changed file(s)');
    expect(r.outputs['findings-count']).toBe('2');
    expect(r.outputs['new-findings-count']).toBe('0');
  });

  it('with mode: pr outside a pull request reports every finding as new and says why', async () => {
    const { repo } = twoCommits();
    const r = await runAction({ eventName: 'push', inputs: { path: repo.dir, mode: 'pr', 'fail-on': 'never' } });
    expect(r.outputs['new-findings-count']).toBe('3');
    expect(r.summary).toContain('Pull-request mode needs a pull_request event with base and head SHAs, and this run has none');
  });

  it('without a usable base reports every finding as new, with one line saying why, and does not crash', async () => {
    const { repo, head } = twoCommits();
    const missing = 'f'.repeat(40);
    const r = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 7, baseSha: missing, headSha: head }), inputs: { path: repo.dir, 'fail-on': 'never' } });
    expect(r.failed).toBe(false);
    expect(r.outputs['new-findings-count']).toBe('3');
    expect(r.summary).toMatch(/Could not compare with the base commit \(cannot fetch the base commit fffffff: .*\): every finding is reported as new\./);
  });
});

describe('action entry point (src/index.ts) as its own process', () => {
  it('runs like on a runner: annotations on stdout, outputs and summary in their files, exit code 1 on new findings', async () => {
    const root = path.resolve(import.meta.dirname, '..');

    const { repo, base, head } = twoCommits();
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-proc-'));
    const files = { event: path.join(dir, 'event.json'), output: path.join(dir, 'output'), summary: path.join(dir, 'summary.md'), sarif: path.join(dir, 'r.sarif') };
    writeFileSync(files.event, JSON.stringify(pullRequestPayload({ number: 7, baseSha: base, headSha: head })));
    writeFileSync(files.output, '');
    writeFileSync(files.summary, '');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_REPOSITORY: 'octo/claw',
      INPUT_PATH: '.',
      'INPUT_SARIF-FILE': files.sarif,
      'INPUT_FAIL-ON': 'high',
    };
    const loader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', loader, path.join(root, 'src', 'index.ts')], { cwd: repo.dir, env }, (err, stdout) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout }));
    });
    // Every rule runs here (no test seam in a separate process), so the counts are checked against each other.
    expect(result.code).toBe(1);
    const annotated = result.stdout.split('\n').filter((l) => /^::(error|warning|notice) file=/.test(l));
    expect(annotated.some((l) => l.startsWith('::error file=docker-compose.yml,line=9,') && l.includes('title=compose.privileged'))).toBe(true);
    expect(annotated.some((l) => l.startsWith('::error file=config/keys.txt,line=1,') && l.includes('title=secrets.anthropic_api_key'))).toBe(true);
    expect(annotated.some((l) => l.startsWith('::error file=docker-compose.yml,line=6,'))).toBe(false); // at the base already
    const outputs = Object.fromEntries([...readFileSync(files.output, 'utf8').matchAll(/^(\S+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]));
    // Annotations stop at the reporting floor (input severity, default low); the summary counts what they leave out.
    const summary = readFileSync(files.summary, 'utf8');
    const notShown = Number(/^_(\d+) [a-z/]+ findings? not shown: input `severity: info`_$/m.exec(summary)?.[1] ?? 0);
    expect(Number(outputs['new-findings-count'])).toBe(annotated.length + notShown);
    expect(result.stdout).toContain(`::error::Gatewarden: `);
    expect(summary).toContain(`**${outputs['new-findings-count']} new findings**`);
    expect(JSON.parse(readFileSync(files.sarif, 'utf8')).runs[0].results).toHaveLength(Number(outputs['findings-count']));
    expect(Number(outputs['findings-count'])).toBeGreaterThan(annotated.length);
  });
});
