/**
 * The scan isolate (engine/threads/isolate.ts) must never change a result: a scan handed to the worker gives what the
 * same scan gives on this thread, errors included; a worker that cannot start or dies leaves the scan to this
 * thread. Whether a scan is handed over: the estimate of its size and the Node version policy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { UsageError } from '../src/model/errors.js';
import { defaultMinFiles, estimateFiles, estimateWork, ISOLATE_MIN_FILES, scanIsolated } from '../src/engine/threads/isolate.js';
import { scan, type ScanOptions, type ScanResult } from '../src/engine/scan.js';
import { FIXTURES, ROOT } from './helpers.js';

/** The bundle every worker thread runs. */
const WORKER = pathToFileURL(path.join(ROOT, 'dist', 'worker.js'));
const TREE = path.join(FIXTURES, 'rules');

const comparable = (r: ScanResult) => ({ root: r.root, findings: r.findings, notes: r.notes, stats: { ...r.stats, durationMs: 0 }, internalErrors: r.internalErrors });

/** scan(), counting the calls on this thread: a handed-over scan makes none. */
function counted() {
  const calls: ScanOptions[] = [];
  return {
    calls,
    scan: (opts: ScanOptions) => {
      calls.push(opts);
      return scan(opts);
    },
  };
}

function tmp(): string {
  return mkdtempSync(path.join(tmpdir(), 'gatewarden-isolate-'));
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'ignore' });
}

describe('scan isolate', () => {
  const local = scan({ paths: [TREE], rules: RULES, noConfig: true }).then(comparable);

  it('a scan run in the worker (the worker bundle) gives the same result as on this thread', async () => {
    const c = counted();
    const isolated = await scanIsolated({ paths: [TREE], rules: RULES, noConfig: true }, { script: WORKER, registry: RULES, minFiles: 0 }, c.scan);
    expect(c.calls).toHaveLength(0);
    const expected = await local;
    expect(expected.findings.length).toBeGreaterThan(500);
    expect(comparable(isolated)).toEqual(expected);
  });

  it('with a text pool inside the worker, and a subset of the rules', async () => {
    const rules = RULES.filter((r) => r.id.startsWith('secrets.') || r.id.startsWith('compose.'));
    const c = counted();
    const opts = { paths: [TREE], rules, noConfig: true };
    const isolated = await scanIsolated(opts, { script: WORKER, registry: RULES, minFiles: 0, pool: { script: WORKER, workers: 1 } }, c.scan);
    expect(c.calls).toHaveLength(0);
    const here = comparable(await scan(opts));
    // The worker took these rules, not its whole registry: fewer findings than the full scan, of both kinds.
    expect(here.findings.length).toBeLessThan((await local).findings.length);
    for (const domain of ['secrets.', 'compose.']) expect(here.findings.some((f) => f.ruleId.startsWith(domain))).toBe(true);
    expect(comparable(isolated)).toEqual(here);
  });

  it("a commit's blobs (pull-request mode's base scan) cross to the worker as Buffers", async () => {
    const files = new Map<string, Buffer>([
      ['docker-compose.yml', Buffer.from('services:\n  gw:\n    image: openclaw\n    ports: ["18789:18789"]\n    privileged: true\n')],
      ['.env', readFileSync(path.join(TREE, 'secrets', 'anthropic_api_key', 'bad', '.env'))],
    ]);
    const opts = { paths: [], rules: RULES, blobs: { base: '/repo', files } };
    const c = counted();
    const isolated = await scanIsolated(opts, { script: WORKER, registry: RULES, minFiles: 0 }, c.scan);
    expect(c.calls).toHaveLength(0);
    const here = comparable(await scan(opts));
    expect(here.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['compose.privileged', 'secrets.anthropic_api_key']));
    expect(comparable(isolated)).toEqual(here);
  });

  it('progress reaches the caller, ending with every file done', async () => {
    const seen: [number, number][] = [];
    await scanIsolated({ paths: [TREE], rules: RULES, noConfig: true, onProgress: (d, t) => seen.push([d, t]) }, { script: WORKER, registry: RULES, minFiles: 0 }, counted().scan);
    const last = seen.at(-1);
    expect(last?.[0]).toBe((await local).stats.files + (await local).stats.skipped);
    expect(last?.[0]).toBe(last?.[1]);
  });

  it("the scan's own errors are thrown as on this thread (a bad baseline is a usage error)", async () => {
    const bad = path.join(tmp(), 'baseline.json');
    writeFileSync(bad, '{"tool":"other"}');
    const opts = { paths: [TREE], rules: RULES, noConfig: true, baselineFile: bad };
    const here = await scan(opts).catch((e: unknown) => e);
    const c = counted();
    const there = await scanIsolated(opts, { script: WORKER, registry: RULES, minFiles: 0 }, c.scan).catch((e: unknown) => e);
    expect(c.calls).toHaveLength(0);
    expect(here).toBeInstanceOf(UsageError);
    expect(there).toBeInstanceOf(UsageError);
    expect((there as Error).message).toBe((here as Error).message);
  });

  it('a worker that cannot start, exits without answering or throws leaves the scan to this thread', async () => {
    const dir = tmp();
    const scripts = {
      exits: 'process.exit(0);\n',
      throws: "throw new Error('boom');\n",
      idle: '// never answers, never serves: the worker ends when its module has run\n',
    };
    for (const [name, body] of Object.entries(scripts)) {
      const file = path.join(dir, `${name}.mjs`);
      writeFileSync(file, body);
      const c = counted();
      const r = await scanIsolated({ paths: [TREE], rules: RULES, noConfig: true }, { script: pathToFileURL(file), registry: RULES, minFiles: 0 }, c.scan);
      expect(c.calls, name).toHaveLength(1);
      expect(comparable(r), name).toEqual(await local);
    }
    const missing = pathToFileURL(path.join(dir, 'missing.js'));
    const c = counted();
    expect(comparable(await scanIsolated({ paths: [TREE], rules: RULES, noConfig: true }, { script: missing, registry: RULES, minFiles: 0 }, c.scan))).toEqual(await local);
    expect(c.calls).toHaveLength(1);
  });

  it('is not handed over: below minFiles, from the TypeScript sources, or with a rule the bundle does not have', async () => {
    const opts = { paths: [TREE], rules: RULES, noConfig: true };
    const cases: [string, Parameters<typeof scanIsolated>[0], Parameters<typeof scanIsolated>[1]][] = [
      ['below minFiles', opts, { script: WORKER, registry: RULES, minFiles: 1_000_000_000 }],
      ['not a bundle', opts, { script: pathToFileURL(path.join(ROOT, 'src', 'cli.ts')), registry: RULES, minFiles: 0 }],
      ['foreign rule', { ...opts, rules: [...RULES.slice(0, 3), { ...(RULES[0] as (typeof RULES)[number]) }] }, { script: WORKER, registry: RULES, minFiles: 0 }],
    ];
    for (const [name, o, iso] of cases) {
      const c = counted();
      await scanIsolated(o, iso, c.scan);
      expect(c.calls, name).toHaveLength(1);
      expect(c.calls[0], name).toBe(o);
    }
  });
});

describe('estimateFiles', () => {
  it('counts the git index entries for a directory in a work tree, subdirectories included', () => {
    const repo = tmp();
    git(repo, 'init', '-q');
    expect(estimateFiles([repo])).toBe(0); // no index yet
    mkdirSync(path.join(repo, 'sub'));
    for (const f of ['a.txt', 'b.yml', 'sub/c.json']) writeFileSync(path.join(repo, f), 'x\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    writeFileSync(path.join(repo, 'd.md'), 'x\n');
    git(repo, 'add', 'd.md');
    expect(estimateFiles([repo])).toBe(4);
    expect(estimateFiles([path.join(repo, 'sub')])).toBe(4); // an upper bound
    expect(estimateFiles([path.join(repo, 'a.txt'), path.join(repo, 'b.yml')])).toBe(2);
    expect(estimateFiles([path.join(repo, 'missing')])).toBe(0);

    // A linked worktree: `.git` is a file naming its git directory, which has its own index.
    const wt = path.join(tmp(), 'wt');
    git(repo, 'worktree', 'add', '-q', wt);
    expect(readFileSync(path.join(wt, '.git'), 'utf8')).toMatch(/^gitdir: /);
    expect(estimateFiles([wt])).toBe(3);
  });

  // In a child process with a hard timeout: the failure these guard against is a read that never returns.
  const estimateInChild = (dir: string): number => {
    const code = `import { estimateFiles } from ${JSON.stringify(path.join(ROOT, 'src', 'engine', 'threads', 'isolate.ts'))}; process.stdout.write(String(estimateFiles([${JSON.stringify(dir)}])));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    if (r.signal) throw new Error(`estimateFiles did not return within 20 s (killed by ${r.signal})`);
    return Number(r.stdout);
  };

  it('reads a .git that is not a folder only if it is a small regular file (a FIFO, a device, a huge file)', () => {
    const fifo = tmp();
    execFileSync('mkfifo', [path.join(fifo, '.git')]);
    expect(estimateInChild(fifo)).toBe(0); // read blocking, this would wait for a writer forever
    const device = tmp();
    symlinkSync('/dev/zero', path.join(device, '.git'));
    expect(estimateInChild(device)).toBe(0); // read whole, this would never end
    const huge = tmp();
    writeFileSync(path.join(huge, '.git'), 'x');
    truncateSync(path.join(huge, '.git'), 4 << 30); // sparse: 4 GiB that a whole read would try to hold
    expect(estimateInChild(huge)).toBe(0);
  });

  it('does not hang on an index that is a FIFO (a hand-made .git file may point anywhere)', () => {
    const dir = tmp();
    const gitDir = path.join(dir, 'elsewhere');
    mkdirSync(gitDir);
    execFileSync('mkfifo', [path.join(gitDir, 'index')]);
    const work = path.join(dir, 'work');
    mkdirSync(work);
    writeFileSync(path.join(work, '.git'), `gitdir: ${gitDir}\n`);
    expect(estimateInChild(work)).toBe(0);
  });

  it('sums the sizes of the YAML entries the index records, in index versions 2 and 4', () => {
    const repo = tmp();
    git(repo, 'init', '-q');
    mkdirSync(path.join(repo, 'deploy'));
    writeFileSync(path.join(repo, 'compose.yaml'), 'x'.repeat(1000));
    writeFileSync(path.join(repo, 'deploy', 'app.YML'), 'y'.repeat(234));
    writeFileSync(path.join(repo, 'deploy', 'readme.md'), 'z'.repeat(5000));
    writeFileSync(path.join(repo, `${'long-name-'.repeat(20)}.yml`), 'w'.repeat(10));
    git(repo, 'add', '.');
    expect(estimateWork([repo])).toEqual({ files: 4, yamlBytes: 1244 });
    git(repo, 'update-index', '--index-version', '4');
    expect(estimateWork([repo])).toEqual({ files: 4, yamlBytes: 1244 });
    expect(estimateWork([path.join(repo, 'compose.yaml'), path.join(repo, 'deploy', 'readme.md')])).toEqual({ files: 2, yamlBytes: 1000 });
  });

  it('knows nothing of a directory outside git', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.txt'), 'x');
    expect(estimateFiles([dir])).toBe(0);
  });
});

describe('defaultMinFiles', () => {
  const big = { flags: '', heapLimitMb: 4144, setting: '' }; // '': not this environment's setting
  it('hands over large scans on Node 22 and later with a heap limit of 2 GB or more, unless the semi-space size is set', () => {
    expect(defaultMinFiles({ ...big, node: '20.20.2' })).toBe(Infinity);
    expect(defaultMinFiles({ ...big, node: '22.0.0' })).toBe(ISOLATE_MIN_FILES);
    expect(defaultMinFiles({ ...big, node: '24.21.0', flags: '--enable-source-maps' })).toBe(ISOLATE_MIN_FILES);
    expect(defaultMinFiles({ ...big, node: '24.21.0', heapLimitMb: 2240 })).toBe(ISOLATE_MIN_FILES);
    expect(defaultMinFiles({ ...big, node: '24.21.0', heapLimitMb: 1120 })).toBe(Infinity);
    expect(defaultMinFiles({ ...big, node: '24.21.0', flags: '--max-semi-space-size=16' })).toBe(Infinity);
    expect(defaultMinFiles({ ...big, node: '24.21.0', flags: ' --max_semi_space_size=4' })).toBe(Infinity);
  });

  it('GATEWARDEN_ISOLATE_MIN_FILES overrides: a number or off; anything else is the default', () => {
    expect(defaultMinFiles({ ...big, node: '20.20.2', setting: '0' })).toBe(0);
    expect(defaultMinFiles({ ...big, node: '24.21.0', heapLimitMb: 500, setting: ' 5000 ' })).toBe(5000);
    expect(defaultMinFiles({ ...big, node: '24.21.0', setting: 'OFF' })).toBe(Infinity);
    expect(defaultMinFiles({ ...big, node: '24.21.0', setting: 'lots' })).toBe(ISOLATE_MIN_FILES);
  });
});
