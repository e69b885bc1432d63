/**
 * The smaller attacks of issue 22 (item 8), against the built CLI (`node dist/cli.js`) as its own process: config
 * and baseline read through symbolic links, an index path under a symlinked directory, a foreign `.git` file,
 * terminal escapes and bidi controls, `#`/`?` in SARIF URIs, `--format github` past GitHub's limits, submodules,
 * and `org plan` fed hostile repository names by the API. Only outputs are checked: exit code, stdout, stderr,
 * the report files. The merge queue (also item 8) is in hostile-pr.test.ts, with the action.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAnthropicKey } from '../git-repo.js';
import { FakeGitHub } from '../support/fake-github.js';
import { FAKE_ANTHROPIC_KEYS } from '../support/fake-secrets.js';
import { annotationLines, cleanUp, Repo, runCli, sarifResults, tempDir, uriOf, type SarifLog } from '../support/hostile-pr.js';

afterAll(cleanUp);

const [KEY] = FAKE_ANTHROPIC_KEYS;
const SECRET_RULE = 'secrets.anthropic_api_key';
const CONFIG_NAMES = ['.gatewarden.yml'];

interface JsonReport {
  findings: { ruleId: string; location: { file: string; startLine: number } }[];
  notes: { level: string; code: string; message: string; file?: string }[];
}

async function scanJson(dir: string, extra: string[] = [], timeoutMs = 20_000) {
  const r = await runCli(['scan', '.', '--format', 'json', ...extra], { cwd: dir, timeoutMs });
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    report = undefined;
  }
  return { ...r, report };
}

/** A git repository with one committed key (the control finding every scan must still report). */
function repoWithKey(): Repo {
  const repo = new Repo().write({ 'other.txt': `ANTHROPIC=${KEY}\n` });
  repo.commit('control');
  return repo;
}

const controlFound = (report: JsonReport | undefined) => report?.findings.some((f) => f.ruleId === SECRET_RULE && f.location.file === 'other.txt') ?? false;
/** Terminal controls (C0 but LF, DEL, C1) and bidi overrides/isolates. */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const CONTROLS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe.concurrent('8. config and baseline are never read through a link', () => {
  it('a config that is a symlink to /dev/zero is not read: a warning says so and the scan goes on', async () => {
    const repo = repoWithKey();
    for (const name of CONFIG_NAMES) repo.symlink(name, '/dev/zero');
    // Today the scan reads about 512 MB from /dev/zero first (seconds, 600 MB of memory): it is cut short at 10 s.
    const r = await scanJson(repo.dir, ['--fail-on', 'never'], 10_000);
    expect(r.killed).toBe(false);
    expect(controlFound(r.report)).toBe(true);
    expect(r.report?.notes.some((n) => n.level === 'warning' && /\.gatewarden\.yml/.test(`${n.file ?? ''} ${n.message}`) && /symbolic link/i.test(n.message))).toBe(true);
  });

  it('a config that is a symlink to a file outside the repository is not read, and nothing of that file reaches any output', async () => {
    const outside = path.join(tempDir(), 'outside.yml');
    writeFileSync(outside, 'OUTSIDE_MARKER_7f3a: 1\n');
    const repo = repoWithKey();
    for (const name of CONFIG_NAMES) repo.symlink(name, outside);
    const r = await scanJson(repo.dir);
    expect(`${r.stdout}${r.stderr}`).not.toContain('OUTSIDE_MARKER');
    expect(r.code).toBe(1);
    expect(controlFound(r.report)).toBe(true);
    expect(r.report?.notes.some((n) => n.level === 'warning' && /symbolic link/i.test(n.message))).toBe(true);
  });

  it('a baseline that is a symlink to a file outside the repository is refused with a clear message that quotes nothing of that file', async () => {
    const outside = path.join(tempDir(), 'outside.txt');
    writeFileSync(outside, 'ZZSECRETZZ and more of a file that is not JSON\n');
    const repo = repoWithKey();
    repo.symlink('baseline.json', outside);
    const r = await runCli(['scan', '.', '--baseline', 'baseline.json'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).not.toContain('ZZSECRETZZ');
    expect(r.stderr).toMatch(/baseline\.json.*symbolic link/i);
  });
});

describe.concurrent('8. what the scan reads and what it says it skipped', () => {
  it('an index entry under a symlinked directory (link/shadow, link -> outside) is not read outside the tree', async () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'shadow'), `ANTHROPIC=${fakeAnthropicKey(7)}\n`);
    const repo = repoWithKey();
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: 'placeholder\n', encoding: 'utf8' }).trim();
    repo.git('update-index', '--add', '--cacheinfo', `100644,${blob},link/shadow`);
    repo.symlink('link', outside);
    const r = await scanJson(repo.dir, ['--fail-on', 'never']);
    expect(controlFound(r.report)).toBe(true);
    expect(r.report?.findings.filter((f) => f.location.file.startsWith('link/'))).toEqual([]);
    expect(r.report?.notes.some((n) => n.level === 'warning' && n.file?.startsWith('link') && /symbolic link/i.test(n.message))).toBe(true);
  });

  it('a foreign .git file whose git dir excludes everything cannot empty the scan silently: "0 files scanned" is a warning', async () => {
    const other = new Repo();
    writeFileSync(path.join(other.dir, '.git', 'info', 'exclude'), '*\n');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'keys.txt'), `ANTHROPIC=${KEY}\n`);
    writeFileSync(path.join(dir, '.git'), `gitdir: ${path.join(other.dir, '.git')}\n`);
    const r = await scanJson(dir, ['--fail-on', 'never']);
    const text = await runCli(['scan', '.', '--format', 'text', '--fail-on', 'never'], { cwd: dir });
    // Either the key is found after all, or the report says, as a warning, that nothing was scanned.
    const found = r.report?.findings.some((f) => f.location.file === 'keys.txt') ?? false;
    const warned = (r.report?.notes.some((n) => n.level === 'warning' && /\b(0|no) files\b/i.test(n.message)) ?? false) && /warning.*\b(0|no) files\b/i.test(text.stdout);
    expect(found || warned).toBe(true);
  });

  it('a submodule is never skipped silently: a warning names it (or its files are scanned)', async () => {
    const sub = new Repo().write({ 'keys.txt': `ANTHROPIC=${fakeAnthropicKey(8)}\n` });
    sub.commit('sub');
    const repo = repoWithKey();
    repo.git('submodule', 'add', '-q', `file://${sub.dir}`, 'vendor/sub');
    repo.commit('add submodule');
    const r = await scanJson(repo.dir, ['--fail-on', 'never']);
    expect(controlFound(r.report)).toBe(true);
    const scanned = r.report?.findings.some((f) => f.location.file === 'vendor/sub/keys.txt') ?? false;
    const warned = r.report?.notes.some((n) => n.level === 'warning' && n.file === 'vendor/sub' && /submodule/i.test(n.message)) ?? false;
    expect(scanned || warned).toBe(true);
  });
});

describe.concurrent('8. terminal, workflow-command and SARIF output of hostile names and values', () => {
  /** Names and a value carrying ESC sequences, BEL and U+202E, each next to a finding. */
  function hostileTree(): Repo {
    const repo = repoWithKey();
    repo.write({
      'ansi\x1b[2J\x1b[31m\x1b]8;;https:evil.example\x07x.txt': `ANTHROPIC=${fakeAnthropicKey(3)}\n`,
      'rtl\u202etxt.exe': `ANTHROPIC=${fakeAnthropicKey(4)}\n`,
      'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "\\e[2J\\e[31mq8Zr5Wm2Kx7Lp4Nv"\n',
    });
    repo.commit('hostile names');
    return repo;
  }

  it('the text report shows ESC, BEL and U+202E from names and redacted values escaped, never raw', async () => {
    const repo = hostileTree();
    const r = await runCli(['scan', '.', '--format', 'text', '--no-color', '--fail-on', 'never'], { cwd: repo.dir });
    expect(r.stdout).toContain('other.txt');
    expect(r.stdout).toContain('docker-compose.yml');
    expect(r.stdout).not.toMatch(CONTROLS);
  });

  it('--format github passes no ESC, BEL or U+202E into workflow commands', async () => {
    const repo = hostileTree();
    const r = await runCli(['scan', '.', '--format', 'github', '--fail-on', 'never'], { cwd: repo.dir });
    expect(annotationLines(r.stdout).length).toBeGreaterThanOrEqual(3);
    expect(r.stdout).not.toMatch(CONTROLS);
  });

  it('SARIF URIs of names with # and ? (and a leading "x:") resolve to the file itself, not a fragment, query or scheme', async () => {
    const names = ['hash#frag?q=1.txt', 'x:y.txt', 'pct%41.txt'];
    const repo = repoWithKey();
    names.forEach((name, i) => repo.write({ [name]: `ANTHROPIC=${fakeAnthropicKey(10 + i)}\n` }));
    repo.commit('odd names');
    const out = path.join(tempDir(), 'r.sarif');
    const r = await runCli(['scan', '.', '--format', 'sarif', '--output', out, '--fail-on', 'never'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    const uris = sarifResults(JSON.parse(readFileSync(out, 'utf8')) as SarifLog).filter((x) => x.ruleId === SECRET_RULE).map(uriOf);
    const base = 'file:///src/';
    const resolved = uris.map((u) => {
      const url = new URL(u, base);
      return url.href.startsWith(base) && !url.search && !url.hash ? decodeURIComponent(url.pathname.slice('/src/'.length)) : `not a path: ${u}`;
    });
    expect(resolved.sort()).toEqual([...names, 'other.txt'].sort());
  });

  it('CLI --format github with 19 findings keeps GitHub\'s 10 per level and still shows every finding, pointing to no job summary it does not write', async () => {
    const repo = new Repo();
    for (let i = 0; i < 19; i++) repo.write({ [`keys/k${String(i).padStart(2, '0')}.txt`]: `ANTHROPIC=${fakeAnthropicKey(100 + i)}\n` });
    repo.commit('19 keys');
    const r = await runCli(['scan', '.', '--format', 'github', '--fail-on', 'never'], { cwd: repo.dir });
    const errors = annotationLines(r.stdout).filter((l) => l.startsWith('::error '));
    expect(errors.length).toBeLessThanOrEqual(10);
    for (let i = 0; i < 19; i++) expect(r.stdout).toContain(`keys/k${String(i).padStart(2, '0')}.txt`);
    expect(r.stdout).not.toMatch(/job summary/i);
  });
});

describe.concurrent('8. org plan', () => {
  it('org plan refuses repository names from the API that are not repository names (spaces, newlines) instead of putting them in the matrix', async () => {
    const gh = await new FakeGitHub().start();
    try {
      const repo = (name: string) => ({ id: name.length, name, full_name: `acme/${name}`, archived: false, disabled: false, fork: false, private: false, visibility: 'public', topics: [], pushed_at: '2026-11-01T00:00:00Z', default_branch: 'main' });
      gh.on('GET', '/orgs/:org/repos', (req) => gh.page(req, [repo('good'), repo('sp ace'), repo('x\ny'), repo('tab\there')]));
      const r = await runCli(['org', 'plan', '--org', 'acme', '--api-url', gh.url], { cwd: tempDir() });
      expect(r.code).toBe(0);
      const plan = JSON.parse(r.stdout) as { batches: { matrix: { include: { repos: string }[] } }[]; skipped: { repo: string; reason: string }[] };
      const repos = plan.batches.flatMap((b) => b.matrix.include.map((j) => j.repos));
      expect(repos).toEqual(['acme/good']);
      for (const bad of ['acme/sp ace', 'acme/x\ny', 'acme/tab\there']) expect(plan.skipped.find((s) => s.repo === bad)?.reason).toMatch(/not a repository name/i);
    } finally {
      await gh.stop();
    }
  });
});
