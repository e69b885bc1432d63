/**
 * `npm run bench [-- [--reps N] [--files N] [--plain] [--no-generated] [--node PATH] [DIR...]]`
 *
 * Scans a deterministic generated repository (and any directories given) with, side by side, several
 * repetitions each, interleaved so machine load hits all three alike:
 *   - Gatewarden: the shipped bundle (`node dist/cli.js scan`), built first, as it runs by default (a worker thread
 *     for plain files from 10,000 of them, engine/threads/pool.ts) and with `--jobs 2` (a worker thread whatever the size);
 *   - ripgrep: `rg -P -f <the token patterns the registry's text rules execute>`, the floor for pattern matching;
 *   - ripgrep with the 14-pattern reference the performance issue's goals are stated against (`rg -c -f FILE DIR`),
 *     read from ../shared/reference/ripgrep-token-patterns.txt or $GATEWARDEN_RG_REFERENCE when present, skipped
 *     with a line saying so when absent (it is evaluation data, not part of this repository);
 *   - secretlint: the recommended preset, in-process, profiler off (scripts/bench-secretlint.mjs).
 * Prints median and best wall time, MB/s, files/s and peak RSS (from /usr/bin/time), the ratios against the
 * goals, the action's pull-request mode on a 50-file change of the generated tree, and start-up times of the CLI
 * and of the action. Results go to stdout and .bench/last.md. `--node`: the Node binary Gatewarden runs on (default:
 * this one); the action runs on Node 24 on GitHub, and V8's heap sizing differs between versions (docs/performance.md).
 * `--plain`: the generated tree holds text files only (.bench/generated-plain-N). `--no-generated`: only the DIRs.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../rules/index.js';
import { discoverAll, resolveRoot } from '../src/engine/discover/discover.js';
import { DEFAULT_MAX_FILE_SIZE } from '../src/engine/read/read.js';
import { checkOne } from '../src/engine/check/runner.js';
import { TokenDetector } from '../src/engine/check/tokens.js';
import { listFiles } from '../test/helpers.js';
import { GENERATOR_VERSION, generateRepo } from './bench-repo.js';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The performance issue's 14-pattern ripgrep reference: evaluation data beside the repository, never copied into it. */
const RG_REFERENCE = [process.env.GATEWARDEN_RG_REFERENCE, path.join(ROOT, '..', 'shared', 'reference', 'ripgrep-token-patterns.txt')].find(
  (f): f is string => f !== undefined && f !== '' && existsSync(f),
);
const WORK = path.join(ROOT, '.bench');
const MB = 1024 * 1024;

const { values, positionals } = parseArgs({
  options: { reps: { type: 'string', default: '5' }, files: { type: 'string', default: '4000' }, node: { type: 'string' }, 'no-generated': { type: 'boolean' }, plain: { type: 'boolean' } },
  allowPositionals: true,
});
const reps = Number(values.reps);
const fileCount = Number(values.files);
/** The Node binary Gatewarden (CLI and action) runs on; the other tools keep this process's. */
const NODE = values.node ? path.resolve(values.node) : process.execPath;
const nodeVersion = spawnSync(NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();

interface Run {
  ms: number;
  /** user + system CPU time: far less disturbed than wall time when other work shares the cores. */
  cpuMs: number;
  rssKb: number;
  out: string;
}

/**
 * Runs a command under /usr/bin/time for its peak RSS; wall time is measured here, around the child. A run that
 * exits with a status outside `ok` stops the benchmark: a tool that failed at once would otherwise be reported as
 * the fastest (ripgrep refusing a pattern file once showed up as "0.00 s").
 */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, ok: number[] = [0]): Run {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '__RSS__%M %U %S', cmd, ...args], { encoding: 'utf8', env, maxBuffer: 256 * MB });
  const ms = performance.now() - t;
  const m = /__RSS__(\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (!m || !ok.includes(r.status ?? -1)) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}): ${(r.stderr ?? '').slice(0, 2000)}`);
  return { ms, cpuMs: (Number(m[2]) + Number(m[3])) * 1000, rssKb: Number(m[1]), out: r.stdout };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The token patterns: every RegExp the registry's text rules execute on the rule fixtures. */
async function tokenPatterns(): Promise<string[]> {
  const seen = new Map<string, string>();
  const exec = RegExp.prototype.exec;
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    const prefix = [this.flags.includes('i') ? '(?i)' : '', this.flags.includes('s') ? '(?s)' : ''].join('');
    seen.set(`${prefix}${this.source}`, this.source);
    return exec.call(this, s);
  };
  try {
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'rules');
    const tokens = new TokenDetector(RULES);
    for (const rule of RULES.filter((r) => (r.appliesTo as string[]).includes('text'))) {
      for (const file of listFiles(fixtures)) {
        const text = readFileSync(path.join(fixtures, file), 'utf8');
        await checkOne(rule, { kind: 'text', file, fileKind: 'text', text }, tokens, () => {});
      }
    }
  } finally {
    RegExp.prototype.exec = exec;
  }
  // ripgrep joins `-f` patterns into one alternation, where a repeated `(?<secret>…)` is a compile error: named
  // groups become plain groups (lookbehinds `(?<=`/`(?<!` are untouched). Done after exec is restored.
  // PCRE2 spells JavaScript's `\uXXXX` as `\x{XXXX}`.
  const toPcre = (p: string) => p.replace(/\(\?<([A-Za-z_]\w*)>/g, '(?:').replace(/\\u([0-9A-Fa-f]{4})/g, '\\x{$1}');
  return [...new Set([...seen.keys()].map(toPcre))];
}

function hasRipgrep(): boolean {
  return spawnSync('rg', ['--version']).status === 0;
}

async function fileList(dir: string): Promise<{ list: string; files: number; bytes: number }> {
  const root = await resolveRoot([dir]);
  const files = (await discoverAll(root, [])).filter((f) => {
    try {
      const st = statSync(f.abs);
      return st.isFile() && st.size <= DEFAULT_MAX_FILE_SIZE;
    } catch {
      return false;
    }
  });
  const list = path.join(WORK, `files-${Buffer.from(dir).toString('base64url').slice(-24)}.txt`);
  writeFileSync(list, files.map((f) => f.abs).join('\0'));
  return { list, files: files.length, bytes: files.reduce((n, f) => n + statSync(f.abs).size, 0) };
}

function row(name: string, runs: Run[], files: number, bytes: number): string {
  const ms = median(runs.map((r) => r.ms));
  const best = Math.min(...runs.map((r) => r.ms));
  const cpu = median(runs.map((r) => r.cpuMs));
  const rss = median(runs.map((r) => r.rssKb)) / 1024;
  return `| ${name} | ${(ms / 1000).toFixed(2)} s | ${(best / 1000).toFixed(2)} s | ${(cpu / 1000).toFixed(2)} s | ${(bytes / MB / (ms / 1000)).toFixed(0)} | ${Math.round(files / (ms / 1000))} | ${rss.toFixed(0)} MB |`;
}

async function benchTree(label: string, dir: string, patternsFile: string, out: string[]): Promise<void> {
  const { list, files, bytes } = await fileList(dir);
  const gatewarden: Run[] = [];
  const pooled: Run[] = [];
  const rg: Run[] = [];
  const rgReference: Run[] = [];
  const secretlint: Run[] = [];
  const report = path.join(WORK, 'gatewarden.json');
  let findings = 0;
  let secretlintMessages = 0;
  for (let i = 0; i < reps; i++) {
    gatewarden.push(timed(NODE, [path.join(ROOT, 'dist', 'cli.js'), 'scan', dir, '--format', 'json', '--output', report, '--fail-on', 'never']));
    findings = (JSON.parse(readFileSync(report, 'utf8')) as { findings: unknown[] }).findings.length;
    // The same with a worker thread (engine/threads/pool.ts): whether the second core pays at this size.
    pooled.push(timed(NODE, [path.join(ROOT, 'dist', 'cli.js'), 'scan', dir, '--jobs', '2', '--format', 'json', '--output', report, '--fail-on', 'never']));
    // rg exits 1 when nothing matched, 2 on an error.
    // `--hidden` also enters `.git/` (Gatewarden never reads it): excluded, or rg would do more work than Gatewarden.
    if (hasRipgrep()) rg.push(timed('rg', ['-P', '--hidden', '--glob', '!.git', '--no-require-git', '--max-filesize', '5M', '-c', '-f', patternsFile, dir], process.env, [0, 1]));
    if (hasRipgrep() && RG_REFERENCE) rgReference.push(timed('rg', ['-c', '-f', RG_REFERENCE, dir], process.env, [0, 1]));
    const sl = timed(process.execPath, [path.join(ROOT, 'scripts', 'bench-secretlint.mjs'), list]);
    secretlintMessages = (JSON.parse(sl.out) as { messages: number }).messages;
    secretlint.push(sl);
  }
  // Pull-request sized: 50 files named on the command line, as a PR-mode scan of the changed files does.
  const changed = readFileSync(list, 'utf8').split('\0').filter((_, i, all) => i % Math.max(1, Math.floor(all.length / 50)) === 0).slice(0, 50);
  const pr: Run[] = [];
  for (let i = 0; i < reps; i++) pr.push(timed(NODE, [path.join(ROOT, 'dist', 'cli.js'), 'scan', ...changed, '--format', 'json', '--output', report, '--fail-on', 'never']));
  const m = (runs: Run[]) => median(runs.map((r) => r.ms));
  const c = (runs: Run[]) => median(runs.map((r) => r.cpuMs));
  const ratio = (a: number, b: number, digits: number) => (b > 0 ? `${(a / b).toFixed(digits)}x` : 'n/a');
  out.push(
    '',
    `### ${label}: ${files} files, ${(bytes / MB).toFixed(1)} MB (files of at most 5 MB, as Gatewarden reads them)`,
    '',
    '| tool | wall (median) | wall (best) | CPU user+sys (median) | MB/s | files/s | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row(`Gatewarden (${findings} findings)`, gatewarden, files, bytes),
    row('Gatewarden `--jobs 2` (one worker thread)', pooled, files, bytes),
    ...(rg.length ? [row(`ripgrep -P -f token patterns`, rg, files, bytes)] : []),
    ...(rgReference.length ? [row('ripgrep -c -f 14-pattern reference', rgReference, files, bytes)] : []),
    row(`secretlint recommended (${secretlintMessages} findings)`, secretlint, files, bytes),
    '',
    `- Gatewarden / ripgrep: ${rg.length ? `${ratio(m(gatewarden), m(rg), 2)} wall, ${ratio(c(gatewarden), c(rg), 2)} CPU` : 'n/a (install ripgrep: apt-get install -y ripgrep)'} (goal ≤ 1.5x)`,
    `- Gatewarden / ripgrep 14-pattern reference: ${rgReference.length ? `${ratio(m(gatewarden), m(rgReference), 2)} wall, ${ratio(c(gatewarden), c(rgReference), 2)} CPU` : `n/a (${hasRipgrep() ? 'reference pattern file absent: set GATEWARDEN_RG_REFERENCE' : 'install ripgrep'})`} (goal ≤ 2.0x)`,
    `- secretlint / Gatewarden: ${ratio(m(secretlint), m(gatewarden), 1)} wall, ${ratio(c(secretlint), c(gatewarden), 1)} CPU (goal ≥ 10x)`,
    `- 50 changed files named on the command line (a PR-sized scan, as pre-commit or the CLI runs it): median ${m(pr).toFixed(0)} ms wall, ${c(pr).toFixed(0)} ms CPU (goal < 1 s)`,
    `- Gatewarden peak RSS: ${(Math.max(...gatewarden.map((r) => r.rssKb)) / 1024).toFixed(0)} MB worst of ${reps} (goal ≤ 150 MB)`,
  );
}

/**
 * The action in pull-request mode, as on GitHub: a clone of the generated tree with one commit that changes 50
 * files, and a pull_request event naming both commits. The run scans the whole head (the SARIF has every
 * finding, or code scanning would count the rest as fixed) and the base versions of the changed files and of
 * every structured file (src/github/pr.ts), and writes SARIF, annotations and the summary.
 */
function actionPullRequest(gen: string, out: string[]): void {
  const dir = `${gen}-pr`;
  const git = (...a: string[]) => spawnSync('git', ['-C', dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...a], { encoding: 'utf8', maxBuffer: 256 * MB });
  rmSync(dir, { recursive: true, force: true });
  spawnSync('git', ['clone', '-q', gen, dir]);
  const base = git('rev-parse', 'HEAD').stdout.trim();
  const tracked = git('ls-files', '-z').stdout.split('\0').filter(Boolean);
  const step = Math.max(1, Math.floor(tracked.length / 50));
  for (const f of tracked.filter((_, i) => i % step === 0).slice(0, 50)) appendFileSync(path.join(dir, f), '\n');
  git('commit', '-qam', 'pull request');
  const head = git('rev-parse', 'HEAD').stdout.trim();
  const repo = { full_name: 'bench/tree', name: 'tree', owner: { login: 'bench' } };
  const event = path.join(WORK, 'pr-event.json');
  writeFileSync(event, JSON.stringify({ action: 'synchronize', number: 1, pull_request: { number: 1, state: 'open', base: { ref: 'main', sha: base, repo }, head: { ref: 'pr', sha: head, repo } }, repository: repo }));
  const summary = path.join(WORK, 'pr-summary.md');
  writeFileSync(path.join(WORK, 'github-output'), '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_OUTPUT: path.join(WORK, 'github-output'),
    GITHUB_STEP_SUMMARY: summary,
    INPUT_PATH: dir,
    'INPUT_SARIF-FILE': path.join(WORK, 'pr.sarif'),
    'INPUT_FAIL-ON': 'never',
  };
  const runs: Run[] = [];
  for (let i = 0; i < reps; i++) {
    writeFileSync(summary, '');
    runs.push(timed(NODE, [path.join(ROOT, 'dist', 'index.js')], env));
  }
  const compared = /Compared with \S+ .*?, (\d+) changed file/.exec(readFileSync(summary, 'utf8'));
  if (!compared) throw new Error(`the action did not compare with the base commit:\n${readFileSync(summary, 'utf8').slice(0, 2000)}`);
  out.push(
    `- The action in pull-request mode, ${compared[1]} changed files (whole head scanned, base versions of the changed and structured files): median ${median(runs.map((r) => r.ms)).toFixed(0)} ms wall, ${median(runs.map((r) => r.cpuMs)).toFixed(0)} ms CPU, ${(Math.max(...runs.map((r) => r.rssKb)) / 1024).toFixed(0)} MB peak RSS`,
  );
}

function startup(out: string[]): void {
  const empty = path.join(WORK, 'empty');
  mkdirSync(empty, { recursive: true });
  const cli: Run[] = [];
  const action: Run[] = [];
  writeFileSync(path.join(WORK, 'github-output'), '');
  const env: NodeJS.ProcessEnv = { ...process.env, INPUT_PATH: empty, 'INPUT_SARIF-FILE': path.join(WORK, 'startup.sarif'), GITHUB_OUTPUT: path.join(WORK, 'github-output') };
  delete env.GITHUB_STEP_SUMMARY;
  const node: Run[] = [];
  for (let i = 0; i < Math.max(reps, 5); i++) {
    node.push(timed(NODE, ['-e', '0']));
    cli.push(timed(NODE, [path.join(ROOT, 'dist', 'cli.js'), '--version']));
    action.push(timed(NODE, [path.join(ROOT, 'dist', 'index.js')], env));
  }
  out.push(
    '',
    '### Start-up',
    '',
    `- CLI (\`node dist/cli.js --version\`): median ${median(cli.map((r) => r.ms)).toFixed(0)} ms wall, ${median(cli.map((r) => r.cpuMs)).toFixed(0)} ms CPU`,
    `- Action, whole run on an empty directory (\`node dist/index.js\`): median ${median(action.map((r) => r.ms)).toFixed(0)} ms wall, ${median(action.map((r) => r.cpuMs)).toFixed(0)} ms CPU (goal < 300 ms)`,
    `- Node itself (\`node -e 0\`): median ${median(node.map((r) => r.ms)).toFixed(0)} ms wall, ${median(node.map((r) => r.cpuMs)).toFixed(0)} ms CPU`,
  );
}

mkdirSync(WORK, { recursive: true });
const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const patterns = await tokenPatterns();
const patternsFile = path.join(WORK, 'patterns.txt');
writeFileSync(patternsFile, `${patterns.join('\n')}\n`);
if (hasRipgrep()) {
  // Compile check before any timing: PCRE2 refuses some JavaScript syntax (e.g. variable-length lookbehinds).
  const check = spawnSync('rg', ['-P', '-f', patternsFile, '/dev/null'], { encoding: 'utf8' });
  if (check.status === 2) throw new Error(`ripgrep cannot compile ${patternsFile}:\n${check.stderr}`);
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const out: string[] = [
  `## Gatewarden benchmark (${new Date().toISOString().slice(0, 16)}Z)`,
  '',
  `Gatewarden on Node ${nodeVersion} (the other tools on ${process.version}), ${spawnSync('nproc').stdout?.toString().trim()} cores, ${reps} repetitions each (interleaved), ${patterns.length} token patterns. Load average before: ${load()}.`,
];
process.stderr.write(`${out.join('\n')}\n`);

if (!values['no-generated']) {
  // --plain: text files only (scripts/bench-repo.ts), for how a scan scales with the number of files alone.
  const plain = values.plain === true;
  const gen = path.join(WORK, `generated-${plain ? 'plain-' : ''}${fileCount}`);
  const marker = path.join(gen, '.bench-generator');
  let info = '';
  const wanted = (m: string) => m.startsWith(`${GENERATOR_VERSION} ${fileCount} `) && m.trim().endsWith(' plain') === plain;
  if (!existsSync(marker) || !wanted(readFileSync(marker, 'utf8'))) {
    rmSync(gen, { recursive: true, force: true });
    const g = generateRepo(gen, fileCount, undefined, plain);
    info = ` (${g.planted} planted secrets)`;
    // A repository of its own, committed: git discovery is Gatewarden's usual mode (and .bench/ is ignored here).
    const git = (...a: string[]) => spawnSync('git', ['-C', gen, '-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', ...a], { stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'generated');
  }
  await benchTree(`Generated repository${info}`, gen, patternsFile, out);
  actionPullRequest(gen, out);
}
for (const dir of positionals) await benchTree(dir, path.resolve(dir), patternsFile, out);
startup(out);
out.push('', `Load average after: ${load()}.`, '', `Command: \`npm run bench -- --reps ${reps} --files ${fileCount}${values.plain ? ' --plain' : ''}${values['no-generated'] ? ' --no-generated' : ''}${values.node ? ` --node ${values.node}` : ''}${positionals.length ? ` ${positionals.join(' ')}` : ''}\``);

const text = `${out.join('\n')}\n`;
writeFileSync(path.join(WORK, 'last.md'), text);
process.stdout.write(text);
