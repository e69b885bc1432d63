// npm run bench:history [-- --commits N] [--reps N] [--repo DIR] [--keep]
//
// Measures `gatewarden scan --history` (dist/cli.js) against the physical floor for the same job:
//   git log -p --all -U0 | rg -f <the token patterns>
// and against `git log -p` alone as Gatewarden runs it, on the same repository, in one run, alternating the
// three, several repetitions. Reports median and best wall time, median CPU time (user+sys of every process),
// the peak RSS of the largest process of each pipeline (GNU time's %M) and the node process's own peak RSS.
//
// The repository is generated deterministically (fixed seed, fixed dates) with git fast-import in a temp dir:
// ≥10,000 commits by default, with edits, new files, deletions, renames, branches and merges, binary blobs, a
// .env committed and deleted, and fake tokens planted now and then. `--repo DIR` measures an existing one.
// The token patterns are the `pattern` regex literals of rules/secrets/**/*.ts (read with TypeScript's parser;
// tokens served by secretlint or built with `new RegExp(...)` have none), so rg looks for what Gatewarden's
// token rules look for. ripgrep is needed here only (`apt-get install -y ripgrep`), never in CI.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const COMMITS = Number(opt('commits', '12000'));
const REPS = Number(opt('reps', '5'));
const KEEP = args.includes('--keep');

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'gateway agent session token config compose service volume network channel model provider sandbox tool memory skill plugin cron hook proxy port bind auth policy approval workspace'.split(' ');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Writes a fast-import stream for a deterministic history into `dir`. Returns the number of planted tokens. */
async function generate(dir, commits) {
  const rand = mulberry32(0xc1a5ca4);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const int = (n) => Math.floor(rand() * n);
  const line = () => {
    switch (int(4)) {
      case 0: return `const ${pick(WORDS)}${int(999)} = ${pick(WORDS)}.${pick(WORDS)}("${pick(WORDS)}-${int(99999)}", ${int(1000)});`;
      case 1: return `  ${pick(WORDS)}_${pick(WORDS)}: ${pick(WORDS)}-${int(65535)}   # ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`;
      case 2: return `// ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)} ${int(1e6)}`;
      default: return `export function ${pick(WORDS)}${int(9999)}(${pick(WORDS)}: string): number { return ${int(1e4)}; }`;
    }
  };
  let planted = 0;
  const fakeKey = () => {
    planted++;
    let body = `gatewardenTESTvalue${String(planted).padStart(4, '0')}`;
    while (body.length < 93) body += B64[int(64)];
    return `sk-ant-api03-${body}AA`;
  };

  const git = spawn('git', ['-C', dir, 'fast-import', '--quiet', '--done'], { stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise((resolve, reject) => git.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)))));
  const out = git.stdin;
  let buffered = [];
  let size = 0;
  const write = async (s) => {
    buffered.push(s);
    size += s.length;
    if (size > 1 << 20) await flush();
  };
  const flush = async () => {
    if (!out.write(buffered.join(''))) await new Promise((r) => out.once('drain', r));
    buffered = [];
    size = 0;
  };
  const data = (s) => `data ${Buffer.byteLength(s)}\n${s}\n`;

  const exts = ['ts', 'md', 'yaml', 'json', 'sh', 'py'];
  const main = new Map();
  for (let i = 0; i < 150; i++) main.set(`src/${pick(WORDS)}/${pick(WORDS)}-${i}.${pick(exts)}`, Array.from({ length: 60 + int(300) }, line));

  let mark = 0;
  let time = 1_600_000_000;
  const tips = { main: 0 };
  const emit = async (branch, files, ops, merge) => {
    mark++;
    time += 600 + int(3600);
    const msg = `${pick(WORDS)}: ${pick(WORDS)} ${pick(WORDS)} (#${mark})\n`;
    let s = `commit refs/heads/${branch}\nmark :${mark}\nauthor Bench <bench@example.com> ${time} +0000\ncommitter Bench <bench@example.com> ${time} +0000\n${data(msg)}`;
    if (tips[branch]) s += `from :${tips[branch]}\n`;
    if (merge) s += `merge :${merge}\n`;
    for (const op of ops) {
      if (op.kind === 'M') s += `M 100644 inline ${op.path}\n${data(op.binary ?? `${files.get(op.path).join('\n')}\n`)}`;
      else if (op.kind === 'D') s += `D ${op.path}\n`;
      else s += `R ${op.from} ${op.to}\n`;
    }
    await write(s);
    tips[branch] = mark;
    return mark;
  };
  const edit = (files) => {
    const p = pick([...files.keys()]);
    const lines = files.get(p);
    for (let k = 1 + int(4); k > 0; k--) lines[int(lines.length)] = line(); // changed lines
    for (let k = int(6); k > 0; k--) lines.splice(int(lines.length), 0, line()); // added lines
    if (rand() < 0.3 && lines.length > 80) lines.splice(int(lines.length - 10), 1 + int(5)); // removed lines
    return { kind: 'M', path: p };
  };

  let made = 0;
  while (made < commits) {
    const ops = [];
    const n = made;
    if (n > 0 && n % 1000 === 500 && made + 8 <= commits) {
      // A branch of three commits and three on main, then a merge commit bringing the branch in.
      const side = new Map([...main].map(([k, v]) => [k, [...v]]));
      tips.side = tips.main;
      const sideTouched = new Set();
      for (let k = 0; k < 3; k++) {
        const op = edit(side);
        sideTouched.add(op.path);
        await emit('side', side, [op]);
        made++;
      }
      for (let k = 0; k < 3; k++) {
        await emit('main', main, [edit(main)]); // a file both sides edited takes the branch's version below
        made++;
      }
      const mergeOps = [];
      for (const p of sideTouched) {
        main.set(p, side.get(p));
        mergeOps.push({ kind: 'M', path: p });
      }
      await emit('main', main, mergeOps, tips.side);
      made++;
      continue;
    }
    if (n === 0) for (const p of main.keys()) ops.push({ kind: 'M', path: p });
    else if (n % 400 === 9) {
      // A pure rename: git log shows it without a line, and Gatewarden must not report its content again.
      const from = pick([...main.keys()]);
      const to = `moved/${n}/${path.posix.basename(from)}`;
      main.set(to, main.get(from));
      main.delete(from);
      ops.push({ kind: 'R', from, to });
    } else {
      ops.push(edit(main));
      if (rand() < 0.4) ops.push(edit(main));
    }
    if (n % 997 === 11) {
      const p = pick([...main.keys()]);
      main.get(p).splice(int(main.get(p).length), 0, `ANTHROPIC_API_KEY=${fakeKey()}`);
      ops.push({ kind: 'M', path: p });
    }
    if (n % 250 === 7) {
      const p = `src/${pick(WORDS)}/new-${n}.${pick(exts)}`;
      main.set(p, Array.from({ length: 40 + int(200) }, line));
      ops.push({ kind: 'M', path: p });
    }
    if (n % 2000 === 13) ops.push({ kind: 'M', path: `assets/logo-${n}.png`, binary: `\x89PNG\r\n\x1a\n\0\0\0\rIHDR${'\0'.repeat(200)}` });
    if (n === 3001) {
      main.set('deploy/.env', ['LOG_LEVEL=debug', `ANTHROPIC_API_KEY=${fakeKey()}`]);
      ops.push({ kind: 'M', path: 'deploy/.env' });
    }
    if (n === 3002) {
      main.delete('deploy/.env');
      ops.push({ kind: 'D', path: 'deploy/.env' });
    }
    await emit('main', main, ops);
    made++;
  }
  await write('done\n');
  await flush();
  out.end();
  await done;
  return planted;
}

/**
 * The token patterns of the secret rules, as PCRE2 (what `rg --engine auto` takes): every regex literal that is
 * the value of a `pattern` property (`tokenSpec({ pattern: /…/g })`) or of a variable named like one
 * (`const PATTERN = /…/g`) in rules/secrets/**. Helper regexes (placeholder filters, key names) are not token
 * patterns and are left out. Named groups become plain groups: rg joins the patterns into one alternation.
 */
function tokenPatterns() {
  const dir = path.join(ROOT, 'rules', 'secrets');
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((n) => n.endsWith('.ts') && path.basename(n) !== 'index.ts')
    .map((n) => path.join(dir, n));
  const out = [];
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const named = (node) => (ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) && /pattern/i.test(node.name.getText(sf));
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && named(node.parent)) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        const flags = text.slice(end + 1);
        const source = text.slice(1, end).replace(/\(\?<([A-Za-z_]\w*)>/g, '(?:');
        out.push(`${flags.includes('i') ? '(?i)' : ''}${flags.includes('s') ? '(?s)' : ''}${source}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a shell command; wall time (ms) measured here, peak RSS (KB) of its largest process from GNU time. */
function measure(cmd) {
  const started = performance.now();
  const r = TIME ? spawnSync(TIME, ['-f', 'RSS %M CPU %U %S', 'sh', '-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 30 }) : spawnSync('sh', ['-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  const t = /^RSS (\d+) CPU ([\d.]+) ([\d.]+)\s*$/m.exec(r.stderr ?? '');
  const rss = Number(t?.[1] ?? NaN);
  const cpu = (Number(t?.[2] ?? NaN) + Number(t?.[3] ?? NaN)) * 1000;
  const nodeRss = Number(/^NODE_RSS (\d+)\s*$/m.exec(r.stderr ?? '')?.[1] ?? NaN);
  return { ms, rss, cpu, nodeRss, stdout: r.stdout, status: r.status, stderr: r.stderr };
}

const mb = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : 'n/a');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sh = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

async function main() {
  if (spawnSync('rg', ['--version']).status !== 0) throw new Error('ripgrep (rg) is needed for this benchmark: apt-get install -y ripgrep');
  const cli = path.join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js missing: npm run build');
  const work = mkdtempSync(path.join(tmpdir(), 'gatewarden-bench-history-'));
  let repo = opt('repo', undefined);
  let planted;
  if (!repo) {
    repo = path.join(work, 'repo');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    const t0 = performance.now();
    planted = await generate(repo, COMMITS);
    execFileSync('git', ['-C', repo, 'reset', '-q', '--hard', 'main']);
    process.stderr.write(`generated ${COMMITS} commits in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
  }
  const patterns = tokenPatterns();
  const patternFile = path.join(work, 'patterns.txt');
  writeFileSync(patternFile, `${patterns.join('\n')}\n`);

  const commits = execFileSync('git', ['-C', repo, 'rev-list', '--all', '--count'], { encoding: 'utf8' }).trim();
  const patchBytes = Number(measure(`git -C ${sh(repo)} log -p --all -U0 | wc -c`).stdout.trim());
  const rgCmd = `git -C ${sh(repo)} log -p --all -U0 | rg --engine auto -f ${sh(patternFile)} -c`;
  // The node process's own peak RSS, printed at exit (GNU time's figure is the largest of node and its git children).
  const rssProbe = `data:text/javascript,${encodeURIComponent("process.on('exit', () => process.stderr.write(`NODE_RSS ${process.resourceUsage().maxRSS}\\n`));")}`;
  const clawCmd = `node --import ${sh(rssProbe)} ${sh(cli)} scan --history ${sh(repo)} --format json --output ${sh(path.join(work, 'out.json'))} --fail-on never`;

  // Warm-up (page cache, JIT of nothing in particular), and the sanity check of what each finds.
  const rgOut = measure(rgCmd);
  if (rgOut.status !== 0 && rgOut.status !== 1) throw new Error(`rg failed on the patterns in ${patternFile}: ${rgOut.stderr}`);
  const claw = measure(clawCmd);
  if (claw.status !== 0) throw new Error(`gatewarden failed: ${claw.stderr}`);
  const report = JSON.parse(readFileSync(path.join(work, 'out.json'), 'utf8'));
  const secretFindings = report.findings.filter((f) => f.ruleId.startsWith('secrets.')).length;

  // The floor of both: git producing the patch Gatewarden reads (its flags), written nowhere.
  const gitCmd = `git -C ${sh(repo)} log --no-color -p -U0 --cc -M --irreversible-delete --format=%x00%H%x20%at%x20%aI --all -- > /dev/null`;
  const runs = { git: [], rg: [], claw: [] };
  for (let i = 0; i < REPS; i++) {
    runs.git.push(measure(gitCmd));
    runs.rg.push(measure(rgCmd));
    runs.claw.push(measure(clawCmd));
  }
  const row = (name, rs) => {
    const ms = rs.map((r) => r.ms);
    return `| ${name} | ${(median(ms) / 1000).toFixed(2)} s | ${(Math.min(...ms) / 1000).toFixed(2)} s | ${(median(rs.map((r) => r.cpu)) / 1000).toFixed(2)} s | ${mb(Math.max(...rs.map((r) => r.rss)))} |`;
  };
  const ratio = median(runs.claw.map((r) => r.ms)) / median(runs.rg.map((r) => r.ms));
  const cpuRatio = median(runs.claw.map((r) => r.cpu)) / median(runs.rg.map((r) => r.cpu));
  const lines = [
    `Repository: ${commits} commits, ${(patchBytes / 1024 / 1024).toFixed(1)} MB of \`git log -p --all -U0\`${planted !== undefined ? `, ${planted} fake tokens planted` : ''}.`,
    `Patterns: ${patterns.length} (the token patterns of rules/secrets/**/*.ts). rg matched lines: ${rgOut.stdout.trim() || 0}; Gatewarden secret findings: ${secretFindings} (one per distinct secret), ${report.findings.length} findings in all, ${report.summary.history?.commits} commits swept.`,
    `${REPS} repetitions, alternating; load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores; ${process.platform} ${process.arch}, node ${process.version}, ${spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim()}, ${spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}.`,
    '',
    '| Pipeline | Median wall | Best wall | Median CPU (user+sys, all processes) | Peak RSS, largest process (git log in both) | Peak RSS, Gatewarden (node) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `${row('`git log -p …` as Gatewarden runs it, to /dev/null (the floor)', runs.git)} n/a |`,
    `${row('`git log -p --all -U0 \\| rg -f patterns`', runs.rg)} n/a |`,
    `${row('`gatewarden scan --history`', runs.claw)} ${mb(Math.max(...runs.claw.map((r) => r.nodeRss)))} |`,
    '',
    `Gatewarden / rg pipeline: ${ratio.toFixed(2)}× median wall time (goal ≤ 1.3×), ${cpuRatio.toFixed(2)}× median CPU time; Gatewarden's own peak RSS: ${mb(Math.max(...runs.claw.map((r) => r.nodeRss)))} (goal ≤ 200 MB).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!KEEP) rmSync(work, { recursive: true, force: true });
  else process.stderr.write(`kept ${work}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench:history: ${err.message}\n`);
  process.exitCode = 1;
});
