/** The engine's pieces: classification, discovery, suppression, config, baseline, fingerprints. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { buildBaseline } from '../src/engine/postprocess/baseline.js';
import { classify } from '../src/engine/read/classify.js';
import { UsageError } from '../src/model/errors.js';
import { scan } from '../src/engine/scan.js';
import { TokenDetector } from '../src/engine/check/tokens.js';
import { redact } from '../src/engine/postprocess/redact.js';

const KEY = `sk-ant-api03-gatewardenTESTvalue${'Q7x'.repeat(24)}zzAA`; // 13 + 19 + 72 + 4 = 108 chars

function repo(files: Record<string, string>, git = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-engine-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  if (git) {
    const g = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
    g('init', '-q');
    g('add', '-A');
    g('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
  }
  return dir;
}

/** The engine is tested with a fixed set of rules, so that rules added to the catalogue do not change these tests. */
const ENGINE_RULES = RULES.filter((r) => ['compose.privileged', 'secrets.anthropic_api_key', 'dotenv.committed'].includes(r.id));
const run = (dir: string, opts: { baselineFile?: string; configFile?: string } = {}) => scan({ paths: [dir], rules: ENGINE_RULES, ...opts });
const ids = (r: Awaited<ReturnType<typeof run>>) => r.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}`);

describe('classify', () => {
  it.each([
    ['compose.yaml', 'compose'],
    ['deploy/docker-compose.override.yml', 'compose'],
    ['docker-compose.prod.yaml', 'compose'],
    ['openclaw.json', 'openclaw'],
    ['config/openclaw.json5', 'openclaw'],
    ['clawdbot.json', 'openclaw'],
    ['moltbot.json', 'openclaw'],
    ['.openclaw/openclaw.json', 'openclaw'],
    ['.openclaw/credentials/telegram-allowFrom.json', 'text'],
    ['.env', 'dotenv'],
    ['services/api/.env.production', 'dotenv'],
    ['.env.example', 'dotenv'],
    ['Dockerfile', 'dockerfile'],
    ['gateway.Dockerfile', 'dockerfile'],
    ['Dockerfile.dev', 'dockerfile'],
    ['README.md', 'text'],
    ['compose.md', 'text'],
    ['environment.ts', 'text'],
  ])('%s is %s', (file, kind) => {
    expect(classify(file)).toBe(kind);
  });

  it('treats other YAML with a top-level services: map as compose', async () => {
    const dir = repo({ 'stack/monitoring.yml': 'services:\n  grafana:\n    image: grafana/grafana:11.0.0\n    privileged: true\n' });
    expect(ids(await run(dir))).toEqual(['compose.privileged stack/monitoring.yml:4']);
  });
});

describe('discovery', () => {
  it('scans a tracked .env even when .gitignore lists it, and skips ignored untracked files', async () => {
    const dir = repo({ '.env': `KEY=${KEY}\n`, 'docker-compose.yml': 'services:\n  a:\n    image: x:1\n' }, true);
    writeFileSync(path.join(dir, '.gitignore'), '.env\nlocal/\n');
    mkdirSync(path.join(dir, 'local'));
    writeFileSync(path.join(dir, 'local', 'notes.txt'), `key ${KEY}\n`);
    const r = await run(dir);
    expect(r.root.git).toBe(true);
    expect(ids(r)).toEqual(['dotenv.committed .env:1', 'secrets.anthropic_api_key .env:1']);
  });

  it('untracked files, listed while the tracked ones are read, come out as if discovered with them', async () => {
    // Tracked and untracked files interleave in path order; an untracked compose override joins its tracked base,
    // and notes (a binary file of each sort) stay in path order.
    const dir = repo({ 'a.md': `${KEY}\n`, 'docker-compose.yml': 'services:\n  a:\n    image: x:1\n', 'm.bin': 'x\0y' }, true);
    for (const [name, text] of Object.entries({ 'b.md': `${KEY}\n`, 'docker-compose.override.yml': 'services:\n  a:\n    privileged: true\n', 'c.bin': 'x\0y', 'z/k.txt': `k ${KEY}\n` })) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    const comparable = (r: Awaited<ReturnType<typeof run>>) => ({ findings: r.findings, notes: r.notes, files: r.stats.files });
    const partly = comparable(await run(dir));
    expect(partly.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}`)).toEqual([
      'secrets.anthropic_api_key a.md:1',
      'secrets.anthropic_api_key b.md:1',
      'compose.privileged docker-compose.override.yml:3',
      'secrets.anthropic_api_key z/k.txt:1',
    ]);
    expect(partly.notes.map((n) => n.file)).toEqual(['c.bin', 'm.bin']);
    execFileSync('git', ['-C', dir, 'add', '-A'], { stdio: 'ignore' });
    expect(comparable(await run(dir))).toEqual(partly);
  });

  it('a repository inside the scanned one, named with it, is listed by its own git with paths from the outer top', async () => {
    const outer = repo({ 'a.md': `${KEY}\n` }, true);
    const inner = path.join(outer, 'vendor', 'deploy');
    mkdirSync(inner, { recursive: true });
    writeFileSync(path.join(inner, 'k.md'), `${KEY}\n`);
    writeFileSync(path.join(inner, 'untracked.md'), `${KEY}\n`);
    const g = (...args: string[]) => execFileSync('git', ['-C', inner, ...args], { stdio: 'ignore' });
    g('init', '-q');
    g('add', 'k.md');
    g('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
    const both = await scan({ paths: [outer, inner], rules: ENGINE_RULES });
    expect(both.root.base).toBe(outer);
    expect(ids(both)).toEqual([
      'secrets.anthropic_api_key a.md:1',
      'secrets.anthropic_api_key vendor/deploy/k.md:1',
      'secrets.anthropic_api_key vendor/deploy/untracked.md:1',
    ]);
    // Alone, the inner repository is the base.
    expect(ids(await run(inner))).toEqual(['secrets.anthropic_api_key k.md:1', 'secrets.anthropic_api_key untracked.md:1']);
  });

  it('a scan of blobs (ScanOptions.blobs) is the scan of the same files committed, with nothing read from disk', async () => {
    const files: Record<string, string> = {
      '.gitignore': '.env\n',
      '.env': `ANTHROPIC_API_KEY=${KEY}\n`,
      'docker-compose.yml': 'services:\n  gw:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    privileged: true\n    ports: ["18789:18789"]\n',
      'openclaw.json': '{ gateway: { bind: "lan" }, $include: "./agents.json5" }\n',
      'agents.json5': '{ channels: { telegram: { dmPolicy: "open" } } }\n',
      'notes/keys.md': `key ${KEY}\n`,
      'bin.dat': 'x\0y',
    };
    const dir = repo(files);
    const g = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
    g('init', '-q');
    g('add', '-A');
    g('add', '--force', '.env'); // tracked although .gitignore lists it, as blobs are
    g('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
    const comparable = (r: Awaited<ReturnType<typeof scan>>) => ({ findings: r.findings, notes: r.notes, files: r.stats.files, bytes: r.stats.bytes });
    const disk = comparable(await scan({ paths: [dir], rules: RULES }));
    expect(disk.findings.length).toBeGreaterThan(5);
    expect(disk.findings.some((f) => f.location.file === 'agents.json5')).toBe(true); // the $include was followed
    expect(disk.findings.some((f) => f.ruleId === 'dotenv.committed')).toBe(true);
    // The blobs name a directory that does not exist: whatever is read comes from the map.
    const blobs = new Map(Object.entries(files).map(([p, t]) => [p, Buffer.from(t)]));
    const memory = comparable(await scan({ paths: [], rules: RULES, blobs: { base: path.join(dir, 'no-such-dir'), files: blobs } }));
    expect(memory).toEqual(disk);
    // findingsIn: the same findings for those files (text rules skipped elsewhere, cross-file rules unchanged).
    for (const only of [['notes/keys.md'], ['agents.json5', '.env'], ['docker-compose.yml']]) {
      const some = await scan({ paths: [], rules: RULES, blobs: { base: dir, files: blobs }, findingsIn: new Set(only) });
      expect(some.findings.length).toBeGreaterThan(0);
      expect(some.findings).toEqual(disk.findings.filter((f) => only.includes(f.location.file)));
    }
  });

  it('outside git, honours nested .gitignore files and never follows symlinks', async () => {
    const dir = repo({ 'a/.gitignore': 'secret.txt\n', 'a/secret.txt': `${KEY}\n`, 'b/key.txt': `${KEY}\n` });
    symlinkSync(path.join(dir, 'b', 'key.txt'), path.join(dir, 'link.txt'));
    const r = await run(dir);
    expect(r.root.git).toBe(false);
    expect(ids(r)).toEqual(['secrets.anthropic_api_key b/key.txt:1']);
    expect(r.notes).toContainEqual(expect.objectContaining({ code: 'skipped.symlink', file: 'link.txt' }));
  });

  it('skips files above the size limit and binary files, saying so, and scans the rest', async () => {
    const dir = repo({ 'big.txt': `${KEY}\n${'x'.repeat(2048)}`, 'blob.bin': `\0\0${KEY}`, 'ok.txt': `${KEY}\n` });
    const r = await scan({ paths: [dir], rules: ENGINE_RULES, maxFileSize: 1024 });
    expect(ids(r)).toEqual(['secrets.anthropic_api_key ok.txt:1']);
    expect(r.notes.map((n) => `${n.code} ${n.file}`).sort()).toEqual(['skipped.binary blob.bin', 'skipped.too_large big.txt']);
  });

  it('rejects a path that does not exist with a usage error', async () => {
    await expect(scan({ paths: ['/nonexistent/gatewarden'], rules: ENGINE_RULES })).rejects.toBeInstanceOf(UsageError);
  });
});

describe('suppression', () => {
  it('honours inline comments on the line or the line above, in each comment syntax', async () => {
    const dir = repo({
      'a.sh': `# gatewarden-ignore secrets.anthropic_api_key -- revoked test key\nK=${KEY}\nJ=${KEY.replace('zzAA', 'zyAA')}\n`,
      'b.ts': `const k = '${KEY}'; // gatewarden-ignore secrets.anthropic_api_key -- fixture\n`,
      'c.md': `<!-- gatewarden-ignore * -- docs example -->\n${KEY}\n`,
      'd.yml': `# gatewarden-ignore compose.privileged\nk: ${KEY}\n`,
    });
    const r = await run(dir);
    expect(ids(r)).toEqual(['secrets.anthropic_api_key a.sh:3', 'secrets.anthropic_api_key d.yml:2']);
    const suppressed = r.findings.filter((f) => f.suppressed);
    expect(suppressed.map((f) => [f.location.file, f.suppressed?.reason])).toEqual([
      ['a.sh', 'revoked test key'],
      ['b.ts', 'fixture'],
      ['c.md', 'docs example'],
    ]);
  });

  it('applies .gatewarden.yml: ignored paths, rules turned off, severities re-graded', async () => {
    const dir = repo({
      '.gatewarden.yml': 'ignore:\n  - vendor/\nrules:\n  dotenv.committed: off\n  compose.privileged: low\n',
      'vendor/key.txt': `${KEY}\n`,
      '.env': `K=${KEY}\n`,
      'compose.yaml': 'services:\n  a:\n    image: x:1\n    privileged: true\n',
    });
    const r = await run(dir);
    expect(r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.location.file}`)).toEqual(['secrets.anthropic_api_key critical .env', 'compose.privileged low compose.yaml']);
  });

  it('ignores config paths among tracked and untracked files alike, relative to the config folder', async () => {
    const dir = repo(
      {
        'deploy/.gatewarden.yml': 'ignore:\n  - vendor/\n  - "*.bak"\n  - "!keep.bak"\n',
        'deploy/vendor/key.txt': `${KEY}\n`,
        'deploy/old.bak': `${KEY}\n`,
        'deploy/keep.bak': `${KEY}\n`,
        'vendor/key.txt': `${KEY}\n`,
      },
      true,
    );
    // Untracked files are discovered in a second batch (engine/discover/discover.ts) and filtered on their own.
    mkdirSync(path.join(dir, 'deploy/vendor/new'), { recursive: true });
    writeFileSync(path.join(dir, 'deploy/vendor/new/key.txt'), `${KEY}\n`);
    writeFileSync(path.join(dir, 'deploy/new.bak'), `${KEY}\n`);
    writeFileSync(path.join(dir, 'deploy/new.txt'), `${KEY}\n`);
    const r = await scan({ paths: [dir], rules: ENGINE_RULES, configFile: path.join(dir, 'deploy/.gatewarden.yml') });
    expect(ids(r)).toEqual(['secrets.anthropic_api_key deploy/keep.bak:1', 'secrets.anthropic_api_key deploy/new.txt:1', 'secrets.anthropic_api_key vendor/key.txt:1']);
  });

  it('reports a broken config file as a usage error', async () => {
    const dir = repo({ '.gatewarden.yml': 'rules:\n  compose.privileged: loud\n' });
    await expect(run(dir)).rejects.toThrow(/rules\.compose\.privileged must be off/);
  });

  it('hides baseline findings by fingerprint and shows new ones', async () => {
    const dir = repo({ 'compose.yaml': 'services:\n  a:\n    image: x:1\n    privileged: true\n' });
    const first = await run(dir);
    const baselineFile = path.join(dir, 'baseline.json');
    writeFileSync(baselineFile, JSON.stringify(buildBaseline(first.findings)));
    writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x:1\n    privileged: true\n  b:\n    image: y:1\n    privileged: true\n');
    const second = await run(dir, { baselineFile });
    expect(ids(second)).toEqual(['compose.privileged compose.yaml:7']);
    expect(second.findings.filter((f) => f.suppressed?.kind === 'baseline')).toHaveLength(1);
  });
});

describe('fingerprints', () => {
  it('stay the same when unrelated lines move, and differ per occurrence', async () => {
    const dir = repo({ 'compose.yaml': 'services:\n  a:\n    image: x:1\n    privileged: true\n', '.env.example': `A=${KEY}\n` });
    const before = await run(dir);
    writeFileSync(path.join(dir, 'compose.yaml'), '# a comment\n\nservices:\n  z:\n    image: q:2\n  a:\n    image: x:1\n    privileged: true\n');
    writeFileSync(path.join(dir, '.env.example'), `# moved down\nOTHER=1\nA=${KEY}\nB=${KEY}\n`);
    const after = await run(dir);
    const fp = (r: typeof before, rule: string) => r.findings.filter((f) => f.ruleId === rule).map((f) => f.fingerprint);
    expect(fp(after, 'compose.privileged')).toEqual(fp(before, 'compose.privileged'));
    const [firstKey, secondKey] = fp(after, 'secrets.anthropic_api_key');
    expect(firstKey).toBe(fp(before, 'secrets.anthropic_api_key')[0]);
    expect(secondKey).toBeDefined();
    expect(secondKey).not.toBe(firstKey);
    for (const f of after.findings) expect(f.fingerprint).not.toContain(KEY.slice(13, 30));
  });
});

describe('rule isolation', () => {
  it('reports a crashing rule as an internal error and still reports every other finding', async () => {
    const dir = repo({ 'compose.yaml': 'services:\n  a:\n    image: x:1\n    privileged: true\n', 'k.txt': `${KEY}\n` });
    const boom = { ...RULES[0]!, id: 'test.boom', appliesTo: ['text'], check: () => { throw new Error('kaboom'); } };
    const r = await scan({ paths: [dir], rules: [...ENGINE_RULES, boom] });
    expect(ids(r)).toEqual(['compose.privileged compose.yaml:4', 'secrets.anthropic_api_key k.txt:1']);
    expect(r.internalErrors).toBe(2);
    expect(r.notes.filter((n) => n.code === 'internal.rule_error').map((n) => `${n.file}: ${n.message}`)).toEqual(['compose.yaml: rule test.boom failed: kaboom', 'k.txt: rule test.boom failed: kaboom']);
  });
});

describe('checks are synchronous', () => {
  // Every file of a repository goes through every text rule: an `async` check costs a promise, an async frame and a
  // microtask per rule and file, which was most of what a scan of 100,000 files allocated (docs/performance.md).
  // The one thing worth waiting for, secretlint, the engine awaits once per file before the rules run.
  const tokens = new TokenDetector(RULES);

  it('no rule of the registry has an async check, and every rule returns nothing, secretlint file or not', async () => {
    for (const rule of RULES) expect(rule.check.constructor.name, rule.id).not.toBe('AsyncFunction');
    const textRules = RULES.filter((r) => (r.appliesTo as readonly string[]).includes('text'));
    expect(textRules.length).toBeGreaterThan(15);
    for (const text of ['A plain page: words, `const x = 1;`, a key: value, a password field, a gateway.\n'.repeat(40), 'GROQ_API_KEY=gsk_short\n']) {
      const found = await tokens.scan(text, 'notes.md');
      const view = tokens.view(found, 'text');
      for (const rule of textRules) {
        view.rule = rule.id;
        const ctx = { report: () => expect.fail(`${rule.id} reported on a file with nothing to find`), project: { targets: () => [] }, tokens: view };
        expect((rule.check as (t: unknown, c: unknown) => unknown)({ kind: 'text', file: 'notes.md', fileKind: 'text', text }, ctx), rule.id).toBeUndefined();
      }
    }
  });

  it('only a file that needs secretlint (a Groq key prefix) makes the detector wait', async () => {
    expect(tokens.scan('A plain page: words, a key: value.\n', 'notes.md')).not.toBeInstanceOf(Promise);
    const waits = tokens.scan('GROQ_API_KEY=gsk_short\n', '.env');
    expect(waits).toBeInstanceOf(Promise);
    expect((await waits).all).toEqual([]);
  });

  it('a check that returns a promise anyway is a rule error, and the scan goes on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-async-'));
    writeFileSync(path.join(dir, 'k.txt'), 'hello\n');
    const sneaky = { ...RULES[0]!, id: 'test.sneaky', appliesTo: ['text'], check: () => Promise.resolve() };
    const r = await scan({ paths: [dir], rules: [...RULES, sneaky], noConfig: true });
    expect(r.notes.filter((n) => n.code === 'internal.rule_error').map((n) => n.message)).toEqual(['rule test.sneaky failed: check returned a value: checks are synchronous']);
  });
});

describe('redact', () => {
  it('shows 4 characters and the length of long secrets, only the length of short ones', () => {
    expect(redact(KEY)).toBe('sk-a…(108 chars)');
    expect(redact('hunter2')).toBe('…(7 chars)');
  });
});

describe('a scan shares its thread', () => {
  it('lets the event loop run while it reads files (what runs beside it is not held until it ends)', async () => {
    // Pull-request mode reads git's output on this thread while the head is scanned (action/main.ts); the text
    // workers' replies arrive the same way. A callback queued at the first file must run before the last one.
    const tree = path.join(import.meta.dirname, 'fixtures', 'rules');
    let total = 0;
    let current = 0;
    let ranAt: number | undefined;
    await scan({
      paths: [tree],
      rules: RULES,
      noConfig: true,
      onProgress: (done, all) => {
        total = all;
        current = done;
        if (done === 1) setImmediate(() => (ranAt = current));
      },
    });
    expect(total).toBeGreaterThan(500);
    expect(ranAt).toBeDefined();
    expect(ranAt as number).toBeLessThan(total);
  });
});
