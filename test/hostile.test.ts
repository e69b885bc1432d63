/**
 * Hostile and broken input. Each case is its own test, built in a fresh temporary directory next to a file
 * with a known secret (`other.txt`): the hostile file must be reported as a clear note or finding (or skipped
 * with a reason), and the finding in the other file must still be there. Big files are generated here, never
 * committed. Nothing here asserts on time; `npm run bench` measures speed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan, type ScanResult } from '../src/engine/scan.js';
import { REPORTERS } from '../src/report/index.js';
import { ROOT } from './helpers.js';

/** A generated fake with the Anthropic key shape (108 characters); never a real key. */
// Assembled from parts so this source file does not itself hold a token-shaped string.
const KEY = ['sk-ant-api03-', 'gatewardenTESTvalue', 'jOpgKQiDghkRIYH78lcAy8DbJILHkhs3TU4UHLMj6vnGfz9HNrJF3LYWbixdorN5OFTuRfVkP6', 'AA'].join('');
const SECRET_RULE = 'secrets.anthropic_api_key';
const MB = 1024 * 1024;
const CHILD = path.join(ROOT, 'test', 'support', 'scan-child.ts');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const RSS_REPORT = pathToFileURL(path.join(ROOT, 'test', 'support', 'rss-report.mjs')).href;

function tempDir(opts: { git?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-hostile-'));
  if (opts.git) spawnSync('git', ['init', '-q', dir], { stdio: 'ignore' });
  return dir;
}

/** The control: a file whose one finding must survive whatever its neighbours do. */
function withControl(dir: string): string {
  writeFileSync(path.join(dir, 'other.txt'), `# deploy notes\nANTHROPIC_API_KEY=${KEY}\n`);
  return dir;
}

async function scanDir(dir: string, maxFileSize?: number): Promise<ScanResult> {
  return scan({ paths: [dir], rules: RULES, ...(maxFileSize ? { maxFileSize } : {}) });
}

const where = (r: { findings: readonly { ruleId: string; location: { file: string; startLine: number } }[] }) =>
  r.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}`);

function expectControl(r: ScanResult): void {
  expect(where(r)).toContain(`${SECRET_RULE} other.txt:2`);
  expect(r.internalErrors).toBe(0);
}

function noteFor(r: { notes: readonly { code: string; file?: string; message: string }[] }, file: string) {
  return r.notes.filter((n) => n.file === file);
}

function writeBig(file: string, bytes: number, line: string, tail = ''): void {
  const fd = openSync(file, 'w');
  const chunk = Buffer.from(line.repeat(Math.ceil(MB / line.length)).slice(0, MB));
  let written = 0;
  while (written + chunk.length <= bytes - tail.length) written += writeSync(fd, chunk);
  if (written < bytes - tail.length) written += writeSync(fd, chunk.subarray(0, bytes - tail.length - written));
  writeSync(fd, tail);
  closeSync(fd);
}

/** Runs test/support/scan-child.ts in a fresh process (optionally dropping to `nobody`) and returns its report. */
function scanInChild(dir: string, opts: { maxFileSize?: number; asNobody?: boolean; timeoutMs?: number } = {}) {
  const args = [dir, ...(opts.maxFileSize ? [String(opts.maxFileSize)] : []), ...(opts.asNobody ? ['--as-nobody'] : [])];
  // A timeout turns a parser that never returns into a failed test instead of a hung test run.
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MB, ...(opts.timeoutMs ? { timeout: opts.timeoutMs, killSignal: 'SIGKILL' as const } : {}) });
  if (r.signal) throw new Error(`scan child did not finish within ${opts.timeoutMs} ms (killed by ${r.signal})`);
  if (r.status !== 0) throw new Error(`scan child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as {
    findings: { ruleId: string; file: string; line: number; column: number }[];
    notes: { level: string; code: string; message: string; file?: string }[];
    internalErrors: number;
    maxRssBytes: number;
  };
}

/**
 * Scans with the shipped bundle in a fresh process and returns its JSON report and peak RSS: the memory budget
 * is a property of what users run (a tsx-compiled copy carries ~40 MB of compiler on top).
 */
function scanBundleInChild(dir: string, opts: { maxFileSize?: number } = {}) {
  const args = ['--import', RSS_REPORT, CLI, 'scan', dir, '--format', 'json', '--fail-on', 'never', ...(opts.maxFileSize ? ['--max-file-size', String(opts.maxFileSize)] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MB });
  if (r.status !== 0) throw new Error(`gatewarden exited ${r.status}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as {
    findings: { ruleId: string; location: { file: string; startLine: number; startColumn: number } }[];
    notes: { level: string; code: string; message: string; file?: string }[];
  };
  return {
    findings: report.findings.map((f) => ({ ruleId: f.ruleId, file: f.location.file, line: f.location.startLine, column: f.location.startColumn })),
    notes: report.notes,
    internalErrors: report.notes.filter((n) => n.code.startsWith('internal')).length,
    maxRssBytes: Number(/__MAXRSS__ (\d+)/.exec(r.stderr)?.[1]),
  };
}

describe('malformed structured files are parse errors; the rest of the scan goes on', () => {
  it('malformed compose YAML', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  gateway:\n    image: "unterminated\n    ports: [\n');
    const r = await scanDir(dir);
    expectControl(r);
    const err = r.findings.find((f) => f.ruleId === 'scan.parse_error');
    expect(err?.location.file).toBe('docker-compose.yml');
    expect(err?.message).toMatch(/not valid YAML/);
  });

  it('malformed OpenClaw JSON5', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'openclaw.json'), '{\n  gateway: { bind: "lan",\n  auth: { mode: \'token\' \n');
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toContainEqual(expect.stringMatching(/^config\.parse_error openclaw\.json:\d+$/));
  });

  it('OpenClaw JSON5 that ends inside a string after a backslash (momoa looped forever on it) is a parse error', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'openclaw.json'), '{\n  agents: { defaults: { sandbox: { docker: { binds: ["C:\\');
    // In a child process: the loop was synchronous, so in this process it would hang the test run, not fail it.
    const r = scanInChild(dir, { timeoutMs: 20_000 });
    expect(r.internalErrors).toBe(0);
    expect(r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual(expect.arrayContaining([`${SECRET_RULE} other.txt:2`, expect.stringMatching(/^config\.parse_error openclaw\.json:\d+$/)]));
  }, 60_000);

  it('malformed dotenv: junk lines do not hide the assignments around them', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, '.env'), `=\n"'\nexport\n\\\nA="unterminated\n===\nANTHROPIC_API_KEY=${KEY}\n`);
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toContain(`${SECRET_RULE} .env:7`);
    expect(where(r)).toContain('dotenv.committed .env:1');
  });

  it('malformed Dockerfile', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'Dockerfile'), `FROM\nRUNN x\nENV\n\\\nRUN <<EOF\nARG =\nENV K="${KEY}\n`);
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toContain(`${SECRET_RULE} Dockerfile:7`);
  });

  it('a structured file that is not text at all (random bytes without NUL)', async () => {
    const dir = withControl(tempDir());
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = 1 + ((i * 7919) % 255);
    writeFileSync(path.join(dir, 'compose.yaml'), bytes);
    writeFileSync(path.join(dir, 'openclaw.json'), bytes);
    const r = await scanDir(dir);
    expectControl(r);
    // YAML reads such bytes as one odd scalar (valid, not a compose project); JSON5 refuses them.
    expect(where(r).filter((w) => w.includes('compose.yaml'))).toEqual([]);
    expect(where(r)).toContainEqual(expect.stringMatching(/^config\.parse_error openclaw\.json:/));
  });
});

describe('resource exhaustion in parsers', () => {
  it('a YAML alias bomb (billion laughs) is refused as a parse error', async () => {
    const dir = withControl(tempDir());
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    writeFileSync(path.join(dir, 'compose.yaml'), `${levels.join('\n')}\nservices:\n  s:\n    image: x\n    environment: *j\n`);
    const r = await scanDir(dir);
    expectControl(r);
    const err = r.findings.find((f) => f.ruleId === 'scan.parse_error');
    expect(err?.location.file).toBe('compose.yaml');
    expect(err?.message).toMatch(/alias/i);
  });

  it('a YAML merge-key bomb (<< over aliases of aliases) is refused as a parse error', async () => {
    const dir = withControl(tempDir());
    const lines = ['x-0: &m0 { privileged: true }'];
    for (let i = 1; i <= 12; i++) lines.push(`x-${i}: &m${i} { <<: [*m${i - 1}, *m${i - 1}, *m${i - 1}, *m${i - 1}] }`);
    lines.push('services:', '  s:', '    image: x', `    <<: *m12`);
    writeFileSync(path.join(dir, 'compose.yaml'), `${lines.join('\n')}\n`);
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toContainEqual(expect.stringMatching(/^scan\.parse_error compose\.yaml:/));
  });

  it('YAML flow collections nested 200,000 deep (which would exhaust the yaml parser) are refused up front', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  s: ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`);
    const r = await scanDir(dir);
    expectControl(r);
    const err = r.findings.find((f) => f.ruleId === 'scan.parse_error');
    expect(err?.message).toMatch(/nested deeper than 200 levels/);
    expect(err?.location.startLine).toBe(2);
  });

  it('YAML block mappings nested thousands deep', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'compose.yaml'), `services:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`);
    const r = await scanDir(dir);
    expectControl(r);
    const err = r.findings.find((f) => f.ruleId === 'scan.parse_error');
    expect(err?.message).toMatch(/nested (too deeply|deeper than)/);
  });

  it('JSON5 nested 100,000 deep', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'openclaw.json'), `${'{a:'.repeat(100_000)}1${'}'.repeat(100_000)}`);
    const r = await scanDir(dir);
    expectControl(r);
    const err = r.findings.find((f) => f.ruleId === 'config.parse_error');
    expect(err?.message).toMatch(/nested (too deeply|deeper than)/);
  });

  it('a parser error that quotes the input (an unresolved YAML alias named like a key) never carries the key', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  s:\n    image: *${KEY}\n`);
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toContainEqual(expect.stringMatching(/^scan\.parse_error compose\.yaml:/));
    for (const format of Object.keys(REPORTERS) as (keyof typeof REPORTERS)[]) {
      const out = REPORTERS[format]({ findings: r.findings, notes: r.notes, catalogue: RULES, stats: r.stats }, { showSuppressed: true, category: 'gatewarden/', color: false });
      expect(out, format).not.toContain(KEY);
      expect(out, format).not.toContain(KEY.slice(20, 60));
    }
  });
});

describe('hostile input found by the mutation property test (FC_SEED=20261121)', () => {
  it('a 380 KB compose line of `OPENCLAW_GATEWAY_TOKEN: ${X` and a 400 KB dotenv line of `OPENCLAW_GATEWAY_TOKEN=abc` scan in linear time', () => {
    const dir = withControl(tempDir());
    // Every assignment on the line used to read (and judge) the rest of the line, and a `${` with no `}` searched
    // to the end of the text: quadratic, minutes at this size (19 s and 27 s at 100 KB). Linear takes milliseconds.
    writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  gateway:\n    image: x\n    environment:\n      ${'OPENCLAW_GATEWAY_TOKEN: ${OPENCLAW_  '.repeat(10_000)}\n`);
    writeFileSync(path.join(dir, '.env'), `${'OPENCLAW_GATEWAY_TOKEN=abc '.repeat(15_000)}\n`);
    const r = scanInChild(dir, { timeoutMs: 30_000 });
    expect(r.internalErrors).toBe(0);
    // The dotenv value is the rest of the line (one literal), not 15,000 overlapping ones; the compose one is a reference.
    expect(r.findings.filter((f) => f.ruleId === 'secrets.openclaw_gateway_token').map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(['.env:1:24']);
    expect(r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toContain(`${SECRET_RULE} other.txt:2`);
  }, 60_000);

  it('an nginx include of a 56 KB path is matched without a regex (one built from it was too large to compile: an internal error in every nginx rule)', async () => {
    const dir = withControl(tempDir());
    mkdirSync(path.join(dir, 'nginx', 'snippets'), { recursive: true });
    writeFileSync(path.join(dir, 'nginx', 'snippets', 'tailnet-only.conf'), 'allow 100.64.0.0/10;\ndeny all;\n');
    const site = (include: string) => `server {\n  listen 80;\n  location / {\n    include ${include};\n    proxy_pass http://127.0.0.1:18789;\n  }\n}\n`;
    writeFileSync(path.join(dir, 'nginx', 'site.conf'), site(`/etc/nginx/snippets/${'authelia-auth/'.repeat(4000)}x.conf`));
    writeFileSync(path.join(dir, 'nginx', 'other.conf'), site('/etc/nginx/snippets/*.conf'));
    const r = await scanDir(dir);
    expectControl(r);
    expect(r.notes.filter((n) => n.code.startsWith('internal'))).toEqual([]);
  });
});

describe('a hostile .gatewarden.yml (it comes with the repository)', () => {
  it('flow nesting 200,000 deep is a clear usage error, not a crash', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, '.gatewarden.yml'), `ignore: ${'['.repeat(200_000)}\n`);
    await expect(scanDir(dir)).rejects.toThrow(/\.gatewarden\.yml: not valid YAML: nested deeper than 200 levels/);
  });

  it('an alias bomb is a clear usage error', async () => {
    const dir = withControl(tempDir());
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    writeFileSync(path.join(dir, '.gatewarden.yml'), `${levels.join('\n')}\n`);
    await expect(scanDir(dir)).rejects.toThrow(/\.gatewarden\.yml: not valid YAML: .*alias/i);
  });
});

describe('big files', () => {
  it('a file far above the size limit (1 GiB, sparse) is skipped with its size, never read', async () => {
    const dir = withControl(tempDir());
    const file = path.join(dir, 'dump.sql');
    closeSync(openSync(file, 'w'));
    spawnSync('truncate', ['-s', '1G', file]);
    const r = await scanDir(dir);
    expectControl(r);
    const [note] = noteFor(r, 'dump.sql');
    expect(note?.code).toBe('skipped.too_large');
    expect(note?.message).toMatch(/1024 MB, above the 5 MB limit/);
    expect(r.stats.skipped).toBe(1);
  });

  it('a 50 MB file of one line is skipped at the default limit', async () => {
    const dir = withControl(tempDir());
    writeBig(path.join(dir, 'bundle.min.js'), 50 * MB, 'var a=1;', KEY);
    const r = await scanDir(dir);
    expectControl(r);
    expect(noteFor(r, 'bundle.min.js').map((n) => n.code)).toEqual(['skipped.too_large']);
  });

  it('a 50 MB file of one line, with the limit raised, is scanned to its end within the memory budget', () => {
    const dir = withControl(tempDir());
    writeBig(path.join(dir, 'bundle.min.js'), 50 * MB, 'var a=1;', `;k="${KEY}"`);
    const r = scanBundleInChild(dir, { maxFileSize: 64 * MB });
    expect(r.internalErrors).toBe(0);
    expect(r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([`${SECRET_RULE} bundle.min.js:1`, `${SECRET_RULE} other.txt:2`]);
    expect(r.findings[0]?.column).toBe(50 * MB - KEY.length);
    // The budget (150 MB) plus the file held twice while it is decoded (bytes, then text).
    expect(r.maxRssBytes).toBeLessThan(150 * MB + 2 * 50 * MB);
  });

  it('memory does not grow with the number of files: 3,000 files (60 MB) stay within the 150 MB budget', () => {
    const dir = withControl(tempDir());
    const body = `# notes\n${'lorem ipsum dolor sit amet, consectetur adipiscing elit\n'.repeat(360)}`;
    for (let d = 0; d < 30; d++) {
      mkdirSync(path.join(dir, `d${d}`));
      for (let i = 0; i < 100; i++) writeFileSync(path.join(dir, `d${d}`, `f${i}.md`), i === 7 ? `${body}key=${KEY}\n` : body);
    }
    const r = scanBundleInChild(dir);
    expect(r.internalErrors).toBe(0);
    expect(r.findings.filter((f) => f.ruleId === SECRET_RULE).map((f) => `${f.file}:${f.line}`)).toHaveLength(31);
    expect(r.maxRssBytes).toBeLessThan(150 * MB);
  });
});

describe('a file full of findings', () => {
  it('45,000 keys in one 5 MB file: the first 100 are reported, a note counts the rest, memory stays in budget', () => {
    const dir = withControl(tempDir());
    // Distinct, high-entropy bodies, so no placeholder or entropy filter of the rule thins them out.
    const keys = Array.from({ length: 45_000 }, (_, i) => `sk-ant-api03-gatewardenTESTvalue${createHash('sha256').update(String(i)).digest('base64url').repeat(2).slice(0, 74)}AA`);
    writeFileSync(path.join(dir, 'dump.txt'), `${keys.join('\n')}\n`);
    const r = scanBundleInChild(dir);
    expect(r.internalErrors).toBe(0);
    const inDump = r.findings.filter((f) => f.file === 'dump.txt' && f.ruleId === SECRET_RULE);
    expect(inDump).toHaveLength(100);
    expect(inDump.map((f) => f.line)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toContain(`${SECRET_RULE} other.txt:2`);
    // The count is what the rule reported: its own placeholder filters may decline a handful of the 45,000.
    const notes = noteFor(r, 'dump.txt').map((n) => `${n.code}: ${n.message}`);
    expect(notes).toHaveLength(1);
    const m = /^findings\.capped: secrets\.anthropic_api_key found (\d+) matches; the first 100 are reported$/.exec(notes[0] ?? '');
    expect(Number(m?.[1])).toBeGreaterThan(44_000);
    expect(r.maxRssBytes).toBeLessThan(150 * MB);
  });
});

describe('binary and non-UTF-8 files', () => {
  it('a binary file (NUL bytes) is skipped as binary', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'logo.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), Buffer.from(KEY)]));
    const r = await scanDir(dir);
    expectControl(r);
    expect(noteFor(r, 'logo.png').map((n) => n.code)).toEqual(['skipped.binary']);
    expect(where(r).filter((w) => w.includes('logo.png'))).toEqual([]);
  });

  it('a Latin-1 file is scanned; the key after invalid UTF-8 bytes is found on its line', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'notes-latin1.txt'), Buffer.concat([Buffer.from('caf\xe9 cr\xe8me\n\xff\xfe\xfd\n', 'latin1'), Buffer.from(`token=${KEY}\n`)]));
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toContain(`${SECRET_RULE} notes-latin1.txt:3`);
  });

  it('a UTF-16LE file with a byte-order mark is decoded and scanned, not skipped as binary', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'export.ps1'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`# export\r\n$env:KEY = "${KEY}"\r\n`, 'utf16le')]));
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toContain(`${SECRET_RULE} export.ps1:2`);
    expect(noteFor(r, 'export.ps1')).toEqual([]);
  });

  it('a UTF-16BE file with a byte-order mark is decoded and scanned', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'export.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`KEY=${KEY}\n`, 'utf16le').swap16()]));
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toContain(`${SECRET_RULE} export.txt:1`);
  });

  it('a UTF-8 byte-order mark does not shift columns or break JSON5', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, 'bom.txt'), `\ufeff${KEY}\n`);
    writeFileSync(path.join(dir, 'openclaw.json'), '\ufeff{ gateway: { bind: "loopback" } }\n');
    const r = await scanDir(dir);
    expectControl(r);
    expect(r.findings.find((f) => f.location.file === 'bom.txt')?.location.startColumn).toBe(1);
    expect(where(r).filter((w) => w.startsWith('config.parse_error'))).toEqual([]);
  });
});

describe('symbolic links are never followed', () => {
  it('a symlink loop outside git', async () => {
    const dir = withControl(tempDir());
    symlinkSync('loop', path.join(dir, 'loop'));
    mkdirSync(path.join(dir, 'a'));
    symlinkSync('..', path.join(dir, 'a', 'up'));
    const r = await scanDir(dir);
    expectControl(r);
    expect(noteFor(r, 'loop').map((n) => n.code)).toEqual(['skipped.symlink']);
    expect(noteFor(r, 'a/up').map((n) => n.code)).toEqual(['skipped.symlink']);
    expect(r.stats.files).toBe(1);
  });

  it('symlinks pointing outside the root (a file and a directory holding a key) outside git', async () => {
    const outside = withControl(tempDir());
    const dir = withControl(tempDir());
    symlinkSync(path.join(outside, 'other.txt'), path.join(dir, 'leak.txt'));
    symlinkSync(outside, path.join(dir, 'outside-dir'));
    const r = await scanDir(dir);
    expectControl(r);
    expect(where(r)).toEqual([`${SECRET_RULE} other.txt:2`]);
    expect(noteFor(r, 'leak.txt').map((n) => n.code)).toEqual(['skipped.symlink']);
    expect(noteFor(r, 'outside-dir').map((n) => n.code)).toEqual(['skipped.symlink']);
  });

  it('a symlink loop and symlinks out of the root in a git repository', async () => {
    const outside = withControl(tempDir());
    const dir = withControl(tempDir({ git: true }));
    symlinkSync('loop', path.join(dir, 'loop'));
    symlinkSync(path.join(outside, 'other.txt'), path.join(dir, 'leak.txt'));
    symlinkSync(outside, path.join(dir, 'outside-dir'));
    const r = await scanDir(dir);
    expect(r.root.git).toBe(true);
    expectControl(r);
    expect(where(r)).toEqual([`${SECRET_RULE} other.txt:2`]);
    expect(noteFor(r, 'loop').map((n) => n.code)).toEqual(['skipped.symlink']);
    expect(noteFor(r, 'leak.txt').map((n) => n.code)).toEqual(['skipped.symlink']);
    expect(noteFor(r, 'outside-dir').map((n) => n.code)).toEqual(['skipped.symlink']);
  });
});

describe('unusual paths', () => {
  const NAMES = ['with space.txt', 'ünïcødé-€.txt', 'new\nline.txt', 'tab\tand "quote".txt', 'dir with space/deep ✓/x.env'];

  for (const git of [false, true]) {
    it(`spaces, unicode, newlines and quotes in paths (${git ? 'git' : 'non-git'} discovery)`, async () => {
      const dir = withControl(tempDir({ git }));
      for (const name of NAMES) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), `K=${KEY}\n`);
      }
      const r = await scanDir(dir);
      expect(r.root.git).toBe(git);
      expectControl(r);
      for (const name of NAMES) expect(where(r), name).toContain(`${SECRET_RULE} ${name}:1`);
      expect(where(r)).toContain('dotenv.committed dir with space/deep ✓/x.env:1');
    });
  }

  it('a newline in a path cannot forge lines in the text report or workflow commands in annotations', async () => {
    const dir = withControl(tempDir());
    const name = 'x\n::error file=forged.txt::forged\n.txt';
    writeFileSync(path.join(dir, name), `K=${KEY}\n`);
    const r = await scanDir(dir);
    expect(where(r)).toContain(`${SECRET_RULE} ${name}:1`);
    const report = { findings: r.findings, notes: r.notes, catalogue: RULES, stats: r.stats };
    const options = { showSuppressed: false, category: 'gatewarden/', color: false };
    for (const format of ['text', 'github'] as const) {
      const lines = REPORTERS[format](report, options).split('\n');
      expect(lines.filter((l) => l.startsWith('::error file=forged')), format).toEqual([]);
    }
    const sarif = JSON.parse(REPORTERS.sarif(report, options)) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]?.results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri);
    // Each path segment percent-encoded (issue 22): encodeURI left `#`, `?` and `scheme:` to turn the path into something else.
    expect(uris).toContain(name.split('/').map(encodeURIComponent).join('/'));
  });
});

describe('git repositories git itself refuses', () => {
  // Only root can hand a directory to another user; elsewhere this case cannot be built.
  it.skipIf(process.getuid?.() !== 0)('a checkout owned by another user (container jobs): tracked files are still found through git', async () => {
    const dir = withControl(tempDir({ git: true }));
    writeFileSync(path.join(dir, '.gitignore'), '.env\n');
    writeFileSync(path.join(dir, '.env'), `ANTHROPIC_API_KEY=${KEY}\n`);
    spawnSync('git', ['-C', dir, 'add', '-f', '.env', '.gitignore', 'other.txt']);
    spawnSync('chown', ['-R', 'nobody:nogroup', dir]);
    expect(spawnSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' }).stderr).toMatch(/dubious ownership/);
    const r = await scanDir(dir);
    expect(r.root.git).toBe(true);
    expectControl(r);
    expect(where(r)).toContain(`${SECRET_RULE} .env:1`);
    expect(where(r)).toContain('dotenv.committed .env:1');
  });

  it('a repository config cannot make the scan run commands (core.fsmonitor)', async () => {
    const dir = withControl(tempDir({ git: true }));
    const marker = path.join(dir, 'fsmonitor-ran');
    spawnSync('git', ['-C', dir, 'config', 'core.fsmonitor', `touch '${marker}'; false`]);
    const r = await scanDir(dir);
    expectControl(r);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('empty and non-git trees', () => {
  // Issue 22: an empty scan is said out loud (a foreign .git file or an ignore-all config can empty one).
  it('an empty git repository: nothing found, one warning that no file was scanned', async () => {
    const r = await scanDir(tempDir({ git: true }));
    expect(r.root.git).toBe(true);
    expect(r.findings).toEqual([]);
    expect(r.notes.map((n) => `${n.level} ${n.code}`)).toEqual(['warning scan.no_files']);
    expect(r.stats.files).toBe(0);
  });

  it('an empty directory outside git', async () => {
    const r = await scanDir(tempDir());
    expect(r.root.git).toBe(false);
    expect(r.findings).toEqual([]);
    expect(r.notes.map((n) => `${n.level} ${n.code}`)).toEqual(['warning scan.no_files']);
  });

  it('a git work tree: tracked files (even ignored ones) and untracked files that are not ignored', async () => {
    const dir = withControl(tempDir({ git: true }));
    writeFileSync(path.join(dir, '.gitignore'), '*.log\n.env\n');
    writeFileSync(path.join(dir, '.env'), `K=${KEY}\n`);
    writeFileSync(path.join(dir, 'tracked.md'), `K=${KEY}\n`);
    spawnSync('git', ['-C', dir, 'add', '-f', '.env', 'tracked.md', '.gitignore']);
    writeFileSync(path.join(dir, 'debug.log'), `K=${KEY}\n`);
    writeFileSync(path.join(dir, 'untracked.md'), `K=${KEY}\n`);
    const r = await scanDir(dir);
    expect(r.root.git).toBe(true);
    expectControl(r);
    expect(where(r).filter((w) => w.startsWith(SECRET_RULE)).sort()).toEqual([`${SECRET_RULE} .env:1`, `${SECRET_RULE} other.txt:2`, `${SECRET_RULE} tracked.md:1`, `${SECRET_RULE} untracked.md:1`]);
    expect(r.stats.files).toBe(5);
  });

  it('a directory that is not a git repository is walked, honouring its .gitignore files', async () => {
    const dir = withControl(tempDir());
    writeFileSync(path.join(dir, '.gitignore'), 'ignored/\n*.log\n');
    mkdirSync(path.join(dir, 'ignored'));
    writeFileSync(path.join(dir, 'ignored', 'k.txt'), KEY);
    writeFileSync(path.join(dir, 'debug.log'), KEY);
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', '.gitignore'), 'local.txt\n');
    writeFileSync(path.join(dir, 'sub', 'local.txt'), KEY);
    writeFileSync(path.join(dir, 'sub', 'kept.txt'), KEY);
    const r = await scanDir(dir);
    expect(r.root.git).toBe(false);
    expectControl(r);
    expect(where(r).sort()).toEqual([`${SECRET_RULE} other.txt:2`, `${SECRET_RULE} sub/kept.txt:1`]);
  });

  it('a FIFO (which would block a read forever) is passed over with a note', async () => {
    const dir = withControl(tempDir());
    const made = spawnSync('mkfifo', [path.join(dir, 'pipe')]);
    expect(made.status).toBe(0);
    const r = await scanDir(dir);
    expectControl(r);
    expect(noteFor(r, 'pipe').map((n) => n.code)).toEqual(['skipped.special']);
  });
});

describe('unreadable files', () => {
  // Root reads files whatever their mode, so as root the scan runs in a child process that drops to `nobody`
  // once its code is loaded: the test meets the real permission error either way rather than passing vacuously.
  const asRoot = process.getuid?.() === 0;

  function unreadableTree(): string {
    const dir = withControl(tempDir());
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, 'other.txt'), 0o644);
    writeFileSync(path.join(dir, 'secret.txt'), KEY);
    chmodSync(path.join(dir, 'secret.txt'), 0o000);
    mkdirSync(path.join(dir, 'locked'));
    writeFileSync(path.join(dir, 'locked', 'inside.txt'), KEY);
    chmodSync(path.join(dir, 'locked'), 0o000);
    return dir;
  }

  it('an unreadable file and directory become skipped.unreadable notes; the readable file is still scanned', async () => {
    const dir = unreadableTree();
    const r = asRoot ? scanInChild(dir, { asNobody: true }) : await scanDir(dir).then((x) => ({ ...x, findings: x.findings.map((f) => ({ ruleId: f.ruleId, file: f.location.file, line: f.location.startLine })) }));
    expect(r.internalErrors).toBe(0);
    expect(r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([`${SECRET_RULE} other.txt:2`]);
    expect(noteFor(r, 'secret.txt').map((n) => `${n.code}: ${n.message}`)).toEqual(['skipped.unreadable: cannot read file (EACCES)']);
    expect(noteFor(r, 'locked').map((n) => `${n.code}: ${n.message}`)).toEqual(['skipped.unreadable: cannot read directory: EACCES']);
  });
});
