/**
 * The history sweep against real repositories built here, commit by commit, with fixed dates: what each
 * commit added is scanned, one finding per fingerprint at the introducing commit, `stillPresent` from HEAD.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { at } from '../src/model/location.js';
import { defineRule, type AnyRule } from '../src/model/rule.js';
import { scanHistory, type HistoryOptions } from '../src/engine/history/history.js';
import { diffGitPath } from '../src/engine/history/patch.js';
import { streamLines, unquotePath } from '../src/git/git.js';
import { REPORTERS } from '../src/report/index.js';
import { fakeAnthropicKey, removeTempDirs, tempDir, TestRepo } from './git-repo.js';

const KEY = fakeAnthropicKey(1);
const OTHER = fakeAnthropicKey(2);
const sweep = (repo: TestRepo, opts: Partial<HistoryOptions> = {}) => scanHistory({ path: repo.dir, rules: RULES, ...opts });
afterAll(removeTempDirs);
const of = <F extends { ruleId: string }>(findings: F[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

describe('history sweep', () => {
  it('finds a token that was added and later removed, at the commit that added it', async () => {
    const r = new TestRepo();
    r.write('README.md', '# demo\n').commit('init', '2024-01-01T10:00:00Z');
    r.write('app/config.ts', `export const x = 1;\nconst key = '${KEY}';\n`);
    const added = r.commit('add key', '2024-01-02T10:00:00Z');
    r.write('app/config.ts', 'export const x = 1;\nconst key = process.env.ANTHROPIC_API_KEY;\n').commit('remove key', '2024-01-03T10:00:00Z');

    const result = await sweep(r);
    const found = of(result.findings, 'secrets.anthropic_api_key');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.location).toMatchObject({ file: 'app/config.ts', startLine: 2, startColumn: 14, endColumn: 14 + KEY.length });
    expect(f.properties).toMatchObject({ commit: added, commitDate: '2024-01-02T10:00:00+00:00', stillPresent: false, additions: 1 });
    expect(f.message).toContain(added.slice(0, 12));
    expect(f.message).toContain('no longer at HEAD');
    expect(result.history).toEqual({ commits: 3, shallow: false, range: '--all' });
    expect(result.internalErrors).toBe(0);
  });

  it('never prints the secret, in any format, and the text report says what to do', async () => {
    const r = new TestRepo();
    r.write('.env', `ANTHROPIC_API_KEY=${KEY}\n`).commit('oops', '2024-01-01T00:00:00Z');
    r.remove('.env').commit('remove', '2024-01-02T00:00:00Z');
    // User configuration that would hide the root commit's diff or change the path prefixes is overridden.
    r.git('config', 'log.showRoot', 'false');
    r.git('config', 'diff.noprefix', 'true');
    const result = await sweep(r);
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['dotenv.committed', 'secrets.anthropic_api_key']);
    const report = { findings: result.findings, notes: result.notes, catalogue: RULES, stats: result.stats, history: result.history };
    const options = { showSuppressed: true, category: 'gatewarden-history/', color: false };
    for (const format of ['text', 'json', 'sarif', 'github'] as const) {
      const out = REPORTERS[format](report, options);
      expect(out, format).not.toContain(KEY);
      expect(out, format).not.toContain(KEY.slice(13, 60));
    }
    const text = REPORTERS.text(report, options);
    expect(text).toMatch(/Revoke or rotate every secret first/);
    expect(text).toMatch(/git filter-repo/);
    expect(text).toMatch(/force push does not remove the commits from existing forks/);
    expect(text).toContain('2 commits');

    const sarif = JSON.parse(REPORTERS.sarif(report, options)) as { runs: { automationDetails: { id: string }; results: { properties: Record<string, unknown>; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const run = sarif.runs[0]!;
    expect(run.automationDetails.id).toBe('gatewarden-history/');
    const secretResult = run.results.find((x) => x.properties.commit && x.locations[0]?.physicalLocation.region.startLine === 1);
    expect(secretResult?.properties).toMatchObject({ commit: r.git('rev-parse', 'HEAD~1'), stillPresent: false });
    expect(secretResult?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('.env');
    // The file is gone from HEAD, so upload-sarif could not hash its line: the sweep gives a stable one.
    expect(secretResult?.partialFingerprints.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
  });

  it('reports a .env that was added and then deleted, with the commit that added it', async () => {
    const r = new TestRepo();
    r.write('compose.yaml', 'services: {}\n').commit('init', '2024-01-01T00:00:00Z');
    r.write('deploy/.env', `LOG_LEVEL=debug\nANTHROPIC_API_KEY=${KEY}\n`);
    const added = r.commit('add env', '2024-01-02T00:00:00Z');
    r.remove('deploy/.env').commit('delete env', '2024-01-03T00:00:00Z');
    r.write('deploy/.env.example', 'PORT=\n').commit('template', '2024-01-04T00:00:00Z');

    const result = await sweep(r);
    const envs = of(result.findings, 'dotenv.committed');
    expect(envs.map((f) => [f.location.file, f.severity, f.properties?.commit, f.properties?.stillPresent])).toEqual([['deploy/.env', 'high', added, false]]);
  });

  it('reports a token committed on two branches once, at the earlier commit', async () => {
    const r = new TestRepo();
    r.write('README.md', 'x\n').commit('init', '2024-01-01T00:00:00Z');
    r.git('checkout', '-q', '-b', 'feature');
    r.write('feature.env.ts', `const k = "${KEY}";\n`);
    const onFeature = r.commit('feature key', '2024-01-05T00:00:00Z');
    r.git('checkout', '-q', 'main');
    r.write('src/main.ts', `// key\nconst k = "${KEY}";\n`);
    const onMain = r.commit('main key', '2024-01-09T00:00:00Z');

    const all = await sweep(r);
    const found = of(all.findings, 'secrets.anthropic_api_key');
    expect(found).toHaveLength(1);
    expect(found[0]!.location.file).toBe('feature.env.ts');
    expect(found[0]!.properties).toMatchObject({ commit: onFeature, additions: 2, stillPresent: true });

    // Only main's history: the same secret, now introduced on main.
    const mainOnly = of((await sweep(r, { refs: ['main'] })).findings, 'secrets.anthropic_api_key');
    expect(mainOnly.map((f) => [f.location.file, f.location.startLine, f.properties?.commit])).toEqual([['src/main.ts', 2, onMain]]);
    // Same fingerprint either way: a baseline written from one sweep holds for the other.
    expect(mainOnly[0]!.fingerprint).toBe(found[0]!.fingerprint);
  });

  it('follows a rename: no second finding, still present at HEAD, and a template renamed to .env is a committed .env', async () => {
    const r = new TestRepo();
    r.write('old/name.py', `TOKEN = "${KEY}"\nprint(TOKEN)\n`);
    r.write('.env.example', 'PORT=8080\n');
    const added = r.commit('add', '2024-01-01T00:00:00Z');
    r.move('old/name.py', 'new/place.py').move('.env.example', '.env');
    const renamed = r.commit('rename', '2024-01-02T00:00:00Z');

    const result = await sweep(r);
    expect(of(result.findings, 'secrets.anthropic_api_key').map((f) => [f.location.file, f.location.startLine, f.properties?.commit, f.properties?.stillPresent])).toEqual([
      ['old/name.py', 1, added, true],
    ]);
    expect(of(result.findings, 'dotenv.committed').map((f) => [f.location.file, f.properties?.commit, f.properties?.stillPresent])).toEqual([['.env', renamed, true]]);
  });

  it('scans what a merge itself added, and not what it brought from a branch', async () => {
    const r = new TestRepo();
    r.write('settings.txt', 'a\nb\nc\n').commit('init', '2024-01-01T00:00:00Z');
    r.git('checkout', '-q', '-b', 'side');
    r.write('settings.txt', `a\nb\nc\nside=${KEY}\n`);
    const side = r.commit('side key', '2024-01-02T00:00:00Z');
    r.git('checkout', '-q', 'main');
    r.write('settings.txt', 'z\na\nb\nc\n').commit('main edit', '2024-01-03T00:00:00Z');
    const merge = r.merge('side', '2024-01-04T00:00:00Z', (repo) => {
      repo.write('settings.txt', `z\na\nb\nc\nside=${KEY}\nmerge=${OTHER}\n`);
    });
    expect(r.git('rev-list', '--parents', '-n', '1', 'HEAD').split(' ')).toHaveLength(3);

    const result = await sweep(r);
    const found = of(result.findings, 'secrets.anthropic_api_key').map((f) => [f.location.startLine, f.properties?.commit, f.properties?.additions]);
    expect(found).toEqual([
      [4, side, 1], // from the branch: located there, not re-counted at the merge
      [6, merge, 1], // the evil merge's own line, at its line in the merge result
    ]);
  });

  it('maps added lines to their line in the file, and honours inline suppressions on them', async () => {
    const r = new TestRepo();
    r.write('notes.md', Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n').commit('init', '2024-01-01T00:00:00Z');
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    lines.splice(10, 0, `key: ${KEY}`);
    lines.splice(20, 0, '<!-- gatewarden-ignore secrets.anthropic_api_key -- test key, revoked -->', `other: ${OTHER}`);
    r.write('notes.md', lines.join('\n') + '\n').commit('edit', '2024-01-02T00:00:00Z');

    const result = await sweep(r);
    const found = of(result.findings, 'secrets.anthropic_api_key').map((f) => [f.location.startLine, f.suppressed?.kind ?? 'active']);
    expect(found).toEqual([
      [11, 'active'],
      [22, 'inline'],
    ]);
  });

  it('skips binary versions, scans non-UTF-8 text, and notes an added text above the size limit', async () => {
    const r = new TestRepo();
    r.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(KEY)]));
    r.write('latin1.txt', Buffer.concat([Buffer.from('caf\xe9 = "', 'latin1'), Buffer.from(OTHER), Buffer.from('"\n')]));
    r.write('big.log', `${'filler line of a log\n'.repeat(200)}${KEY}\n`);
    r.write('bundle.min.js', `var a="${'x'.repeat(9000)}";var k="${fakeAnthropicKey(9)}";\n`); // one line, far above the limit
    r.commit('mixed', '2024-01-01T00:00:00Z');

    const result = await sweep(r, { maxFileSize: 2048 });
    expect(of(result.findings, 'secrets.anthropic_api_key').map((f) => [f.location.file, f.location.startLine, f.location.startColumn])).toEqual([['latin1.txt', 1, 9]]);
    expect(result.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'skipped.binary', level: 'info' }),
        expect.objectContaining({ code: 'skipped.too_large', file: 'big.log' }),
        expect.objectContaining({ code: 'skipped.too_large', file: 'bundle.min.js' }),
      ]),
    );
    expect(result.stats.skipped).toBe(3);
  });

  it('detects a shallow clone and says how to fetch the whole history', async () => {
    const r = new TestRepo();
    r.write('a.txt', `${KEY}\n`).commit('one', '2024-01-01T00:00:00Z');
    r.write('a.txt', 'clean\n').commit('two', '2024-01-02T00:00:00Z');
    const cloneDir = path.join(tempDir('gatewarden-shallow-'), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, cloneDir], { stdio: 'ignore' });

    const result = await sweep(new TestRepo(cloneDir));
    expect(result.history.shallow).toBe(true);
    expect(result.notes.find((n) => n.code === 'history.shallow')?.message).toMatch(/fetch-depth: 0/);
    expect(of(result.findings, 'secrets.anthropic_api_key')).toEqual([]); // the commit that held it was not fetched

    const full = await sweep(r);
    expect(full.history.shallow).toBe(false);
    expect(full.notes.some((n) => n.code === 'history.shallow')).toBe(false);
  });

  it('limits the sweep with --since and --max-commits', async () => {
    const r = new TestRepo();
    r.write('a.txt', `${KEY}\n`);
    const first = r.commit('one', '2024-01-01T00:00:00Z');
    r.write('b.txt', `${OTHER}\n`);
    const second = r.commit('two', '2024-01-02T00:00:00Z');
    r.write('c.txt', 'nothing\n').commit('three', '2024-01-03T00:00:00Z');

    const since = await sweep(r, { since: first });
    expect(since.history.commits).toBe(2);
    expect(of(since.findings, 'secrets.anthropic_api_key').map((f) => f.properties?.commit)).toEqual([second]);
    const last = await sweep(r, { maxCommits: 1 });
    expect(last.history.commits).toBe(1);
    expect(last.findings).toEqual([]);
    await expect(sweep(r, { since: 'no-such-rev' })).rejects.toThrow(/unknown revision "no-such-rev"/);
    await expect(sweep(r, { refs: ['--output=/tmp/x'] })).rejects.toThrow(/unknown revision/);
  });

  it('feeds the paths each commit added to repository rules, quoted paths decoded', async () => {
    const seen: string[][] = [];
    const stateRule: AnyRule = defineRule<'repo'>({
      id: 'state.test_credentials',
      title: 'test',
      severity: 'high',
      description: 'test',
      remediation: 'test',
      appliesTo: ['repo'],
      check(target, ctx) {
        seen.push(target.files.map((f) => f.path));
        expect(target.history?.commit).toMatch(/^[0-9a-f]{40}$/);
        for (const f of target.files) if (/(^|\/)credentials\/[^/]+\.json$/.test(f.path)) ctx.report({ at: at.file(f.path), message: `${f.path} is OpenClaw state.` });
      },
    });
    const r = new TestRepo();
    r.write('state/credentials/wh\u00e4ts app.json', '{}\n').write('tab\there.txt', 'x\n');
    const added = r.commit('state', '2024-01-01T00:00:00Z');
    r.write('state/credentials/wh\u00e4ts app.json', '{"a":1}\n').write('later.txt', 'y\n').commit('modify one, add one', '2024-01-02T00:00:00Z');

    const result = await scanHistory({ path: r.dir, rules: [stateRule] });
    // One call per commit that added paths (the modified file is not one), and one over HEAD's tree for
    // stillPresent, which runs alongside the history stream (so in no fixed order).
    expect(seen).toHaveLength(3);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['later.txt'],
        ['state/credentials/wh\u00e4ts app.json', 'tab\there.txt'],
        ['later.txt', 'state/credentials/wh\u00e4ts app.json', 'tab\there.txt'],
      ]),
    );
    expect(result.findings.map((f) => [f.location.file, f.properties?.commit, f.properties?.stillPresent])).toEqual([['state/credentials/wh\u00e4ts app.json', added, true]]);
  });

  it('sweeps an empty repository to nothing', async () => {
    const result = await sweep(new TestRepo());
    expect(result.findings).toEqual([]);
    expect(result.history.commits).toBe(0);
    expect(result.internalErrors).toBe(0);
  });

  it('leaves out rules that opt out, and says so for a directory outside git', async () => {
    let calls = 0;
    const lacking: AnyRule = defineRule<'repo'>({
      id: 'dotenv.test_not_ignored',
      title: 'test',
      severity: 'low',
      description: 'test',
      remediation: 'test',
      appliesTo: ['repo'],
      history: false,
      check() {
        calls++;
      },
    });
    const targets: string[][] = [];
    const quiet: AnyRule = defineRule<'repo'>({ ...lacking, id: 'state.test_quiet', history: undefined, check: (t) => void targets.push(t.files.map((f) => f.path)) });
    const r = new TestRepo();
    r.write('a.txt', 'x\n').commit('one', '2024-01-01T00:00:00Z');
    r.write('b.txt', 'y\n').commit('two', '2024-01-02T00:00:00Z');
    await scanHistory({ path: r.dir, rules: [lacking, quiet] });
    expect(calls).toBe(0);
    // Nothing found: one call per commit and none over HEAD's tree (stillPresent is only looked for when needed).
    expect(targets).toEqual([['b.txt'], ['a.txt']]);
    await expect(scanHistory({ path: tempDir('gatewarden-nogit-'), rules: RULES })).rejects.toThrow(/needs a git work tree/);
  });
});

describe('git output as lines', () => {
  it('splits across pipe chunks, keeps multi-byte characters whole, and cuts an over-long line without holding it', async () => {
    const r = new TestRepo();
    const lines = Array.from({ length: 4000 }, (_, i) => `${i} caf\u00e9 \u{1F980} ${'\u00e9'.repeat(i % 50)}`);
    lines.splice(2000, 0, `long ${'\u00e9'.repeat(200_000)} end`); // ~400 KB: several 64 KB pipe chunks
    r.write('big.txt', `${lines.join('\n')}\n`).commit('big', '2024-01-01T00:00:00Z');
    const got: [string, boolean][] = [];
    await streamLines(r.dir, ['cat-file', '-p', 'HEAD:big.txt'], 1000, (line, truncated) => void got.push([line, truncated]));
    expect(got).toHaveLength(lines.length);
    expect(got.filter(([, t]) => t)).toEqual([[`long ${'\u00e9'.repeat(995)}`, true]]);
    expect(got.filter(([, t]) => !t).map(([l]) => l)).toEqual(lines.filter((l) => !l.startsWith('long ')));
  });

  it('rejects with git\'s message when git fails', async () => {
    const r = new TestRepo();
    await expect(streamLines(r.dir, ['cat-file', '-p', 'HEAD:nothing'], 100, () => undefined)).rejects.toThrow(/git cat-file failed: /);
  });
});

describe('git path quoting', () => {
  it('decodes C-quoted paths, octal UTF-8 bytes included', () => {
    expect(unquotePath('plain/path.txt')).toBe('plain/path.txt');
    expect(unquotePath('"tab\\there \\"q\\" back\\\\slash"')).toBe('tab\there "q" back\\slash');
    expect(unquotePath('"caf\\303\\251.txt"')).toBe('caf\u00e9.txt');
  });
  it('reads the path of `diff --git` when both sides agree', () => {
    expect(diffGitPath('a/x y.txt b/x y.txt')).toBe('x y.txt');
    expect(diffGitPath('a/one b/two')).toBeUndefined();
    expect(diffGitPath('"a/t\\tb" "b/t\\tb"')).toBe('t\tb');
  });
});
