/** The CLI contract, through the committed bundle: formats, exit codes 0/1/2, baseline, rules, colour. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { FIXTURES, ROOT } from './helpers.js';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const ANSI = new RegExp(String.fromCharCode(27) + '\\[');
const DEMO = path.join(FIXTURES, 'demo-repo');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function cleanDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-cli-'));
  // A hardened service: nothing for any rule to report, even at --fail-on info.
  writeFileSync(
    path.join(dir, 'compose.yaml'),
    'services:\n  web:\n    image: nginx:1.27@sha256:' + 'a1b2c3d4'.repeat(8) + '\n    user: "101:101"\n    read_only: true\n    cap_drop: [ALL]\n    security_opt: ["no-new-privileges:true"]\n    mem_limit: 256m\n    pids_limit: 100\n',
  );
  return dir;
}

describe('gatewarden scan', () => {
  it('prints findings grouped by file with a summary, and exits 1 at the default threshold (high)', () => {
    const r = cli(['scan', DEMO]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^test\/fixtures\/demo-repo\/\.env$/m);
    expect(r.out).toMatch(/secrets\.anthropic_api_key/);
    expect(r.out).toMatch(/^✖ \d+ findings \((\d+ (critical|high|medium|low|info)(, )?)+\) in \d+ files · \d+ files \([\d.]+ [KM]?B\) scanned in [\d.]+s/m);
    expect(r.out).not.toMatch(ANSI);
  });

  it("ignores OpenClaw's own .clawscan.yml (its ClawScan's config, with a profiles: key): the scan runs as without it", () => {
    const dir = cleanDir();
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  gw:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    privileged: true\n');
    const before = cli(['scan', dir, '--format', 'json']);
    writeFileSync(path.join(dir, '.clawscan.yml'), 'profiles:\n  default:\n    severity: high\nignore:\n  - "*"\nrules:\n  compose.privileged: off\n');
    const after = cli(['scan', dir, '--format', 'json']);
    expect(after.err).toBe('');
    expect(after.code).toBe(1);
    const ids = (out: string) => (JSON.parse(out) as { findings: { ruleId: string; location: { file: string; startLine: number } }[] }).findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}`);
    expect(ids(after.out)).toContain("compose.privileged docker-compose.yml:4");
    expect(ids(after.out)).toEqual(ids(before.out));
  });

  it('exits 0 when nothing reaches --fail-on, and for a clean tree', () => {
    expect(cli(['scan', DEMO, '--fail-on', 'never']).code).toBe(0);
    expect(cli(['scan', cleanDir()]).code).toBe(0);
    expect(cli(['scan', cleanDir(), '--fail-on', 'info']).code).toBe(0);
  });

  it('exits 2 with one clear line for usage errors', () => {
    for (const args of [['scan', DEMO, '--format', 'xml'], ['scan', DEMO, '--fail-on', 'severe'], ['scan', '/no/such/dir'], ['scan', '--bogus'], ['frobnicate'], []]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      if (args.length) expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      if (args.length) expect(r.err).toMatch(/^gatewarden: /);
    }
  });

  it('exits 2 with one clear line when the report cannot be written (no such folder)', () => {
    const r = cli(['scan', DEMO, '--format', 'sarif', '--output', path.join(tmpdir(), 'gatewarden-no-such-dir', 'r.sarif')]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^gatewarden: cannot write the report to .*r\.sarif \(ENOENT\)$/m);
  });

  it('keeps its exit code when the reader of stdout goes away mid-report (`| head`)', async () => {
    // SARIF of the rule fixtures: far larger than a pipe's buffer, so the CLI is still writing when the pipe closes.
    const child = spawn(process.execPath, [CLI, 'scan', path.join(FIXTURES, 'rules'), '--format', 'sarif'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(1);
  });

  it('writes JSON and SARIF to --output', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-out-'));
    expect(cli(['scan', DEMO, '--format', 'json', '--output', path.join(dir, 'r.json')]).out).toBe('');
    const json = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8')) as { schemaVersion: number; summary: { findings: number } };
    expect(json.schemaVersion).toBe(1);
    expect(json.summary.findings).toBeGreaterThan(0);
    cli(['scan', DEMO, '--format', 'sarif', '-o', path.join(dir, 'r.sarif')]);
    expect(JSON.parse(readFileSync(path.join(dir, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('prints GitHub annotations with --format github', () => {
    const r = cli(['scan', DEMO, '--format', 'github']);
    const lines = r.out.trim().split('\n');
    // Every line is a located annotation, except a closing notice counting what did not fit GitHub's limits and,
    // after it, one log line per finding left out (issue 22: the CLI writes no job summary to point to).
    expect(lines.filter((l) => !/^::notice title=Gatewarden::\d+ more findings? not annotated/.test(l) && !/^Gatewarden (critical|high|medium|low|info): \S/.test(l) && !/^::(error|warning|notice) file=[^/,:][^,:]*,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=[a-z_]+\.[A-Za-z0-9_.]+%3A [^:]+::\S/.test(l))).toEqual([]);
    expect(lines.some((l) => l.includes('file=test/fixtures/demo-repo/.env,'))).toBe(true);
  });

  it('--min-severity chooses what is listed and counts the rest; --fail-on still sees every finding', () => {
    const dir = cleanDir();
    writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n    user: "101:101"\n    cap_drop: [ALL]\n    security_opt: ["no-new-privileges:true"]\n');
    writeFileSync(path.join(dir, '.gitignore'), '.env\n.env.*\n');
    const text = cli(['scan', dir]);
    expect(text.out).not.toMatch(/compose\.read_only_missing/);
    expect(text.out).toMatch(/ · \d+ info findings? not shown: --min-severity info$/m);
    expect(cli(['scan', dir, '--min-severity', 'info']).out).toMatch(/compose\.read_only_missing/);
    const hidden = cli(['scan', dir, '--min-severity', 'critical', '--fail-on', 'info']);
    expect(hidden.code).toBe(1);
    expect(hidden.out).toMatch(/^✖ 2 findings \(2 info\) .* · 2 info findings not shown: --min-severity info$/m);
    const json = JSON.parse(cli(['scan', dir, '--format', 'json']).out) as { findings: { severity: string }[] };
    expect(json.findings.some((f) => f.severity === 'info')).toBe(true);
    const r = cli(['scan', dir, '--min-severity', 'severe']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^gatewarden: --min-severity must be one of critical, high, medium, low, info/);
  });

  it('prints the fix and the rule page under each finding, the whole remediation with --verbose, and what to do next', () => {
    const r = cli(['scan', DEMO]);
    expect(r.out).toMatch(/^ {20}Fix: \S.*$/m);
    expect(r.out).toMatch(/^ {20}Docs: https:\/\/\S+\/docs\/rules\/compose\.privileged\.md$/m);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^Next: .*gatewarden-ignore <rule-id> -- <reason>.*gatewarden baseline/);
    const verbose = cli(['scan', DEMO, '--verbose']);
    expect(verbose.out.length).toBeGreaterThan(r.out.length);
  });

  it('writes GitLab Code Quality, JUnit XML and compact lines, with the same exit code', () => {
    const gitlab = cli(['scan', DEMO, '--format', 'gitlab']);
    expect(gitlab.code).toBe(1);
    const issues = JSON.parse(gitlab.out) as { check_name: string; location: { path: string } }[];
    expect(issues.some((i) => i.check_name === 'compose.privileged' && i.location.path === 'test/fixtures/demo-repo/docker-compose.yml')).toBe(true);
    const junit = cli(['scan', DEMO, '--format', 'junit']);
    expect(junit.code).toBe(1);
    expect(junit.out).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="gatewarden" /);
    expect(junit.out).toContain('<testsuite name="gatewarden.compose"');
    const compact = cli(['scan', DEMO, '--format', 'compact']);
    expect(compact.code).toBe(1);
    expect(compact.out).toContain('test/fixtures/demo-repo/docker-compose.yml:8:5: critical compose.privileged ');
    expect(compact.out.trim().split('\n').every((l) => /^[^:\n]+:\d+:\d+: (critical|high|medium|low|info) [a-z_]+\.[\w.]+ \S/.test(l))).toBe(true);
  });

  it('applies .gatewarden-baseline.json in the scanned directory, says so, and the baseline command ignores it', () => {
    const dir = cleanDir();
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  gw:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    privileged: true\n');
    expect(cli(['scan', dir]).code).toBe(1);
    expect(cli(['baseline', dir, '--output', path.join(dir, '.gatewarden-baseline.json')]).code).toBe(0);
    const r = cli(['scan', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Baseline \.gatewarden-baseline\.json found in the scanned directory and applied .*: \d+ known findings? hidden/m);
    const again = cli(['baseline', dir, '--output', path.join(dir, 'again.json')]);
    expect(again.code).toBe(0);
    expect((JSON.parse(readFileSync(path.join(dir, 'again.json'), 'utf8')) as { findings: unknown[] }).findings).toEqual((JSON.parse(readFileSync(path.join(dir, '.gatewarden-baseline.json'), 'utf8')) as { findings: unknown[] }).findings);
  });

  it('records a baseline and then hides exactly those findings', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-bl-'));
    const file = path.join(dir, 'baseline.json');
    expect(cli(['baseline', DEMO, '--output', file]).code).toBe(0);
    expect(cli(['scan', DEMO, '--baseline', file]).code).toBe(0);
    expect(cli(['scan', DEMO, '--baseline', file, '--show-suppressed']).out).toMatch(/suppressed: baseline/);
    writeFileSync(file, '{"not":"a baseline"}');
    expect(cli(['scan', DEMO, '--baseline', file]).code).toBe(2);
  });

  it('colours text only on request or on a terminal, and respects NO_COLOR', () => {
    expect(cli(['scan', DEMO], { FORCE_COLOR: '1' }).out).toMatch(ANSI);
    expect(cli(['scan', DEMO], { FORCE_COLOR: '1', NO_COLOR: '1' }).out).not.toMatch(ANSI);
  });
});

describe('gatewarden rules', () => {
  it('lists every rule', () => {
    const r = cli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { id: string }[]).map((x) => x.id)).toEqual(RULES.map((x) => x.id));
  });
});
