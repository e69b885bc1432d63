/**
 * Reports are written in pieces (src/report/stream.ts): the pieces must make exactly the text the whole document
 * would have pretty-printed to, and must reach a file or a pipe whole and in order.
 */
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import { FORMATS, REPORTERS, STREAMS, writeReport } from '../src/report/index.js';
import { jsonWithArray } from '../src/report/stream.js';
import { FIXTURES, ROOT } from './helpers.js';

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

describe('jsonWithArray', () => {
  const items = [
    { a: 1, nested: { list: [1, [2, { deep: 'x' }]], empty: [], none: {} } },
    'a string with "quotes", a \\ backslash,\na newline and \u0000 a NUL',
    [],
    null,
    42,
    { '\u2028': 'line separator', emoji: '🦞' },
  ];

  it.each([
    ['at the top level', (m: unknown) => ({ head: 'h', list: m, tail: [1, 2] })],
    ['first key', (m: unknown) => ({ list: m })],
    ['in an object in an array', (m: unknown) => ({ runs: [{ tool: { x: [1] }, list: m, after: { y: 'z' } }] })],
    ['as the whole document', (m: unknown) => m],
  ])('prints what JSON.stringify(…, null, 2) prints, %s', (_, place) => {
    for (const n of [0, 1, items.length]) {
      const list = items.slice(0, n);
      expect([...jsonWithArray(place, list)].join('')).toBe(pretty(place(list)));
    }
  });

  it('produces one piece per item (so no piece holds the array)', () => {
    expect([...jsonWithArray((m) => ({ list: m }), items)]).toHaveLength(items.length + 2);
  });

  it('refuses a skeleton without the marker rather than print a wrong document', () => {
    expect(() => [...jsonWithArray(() => ({ list: [] }), [1])]).toThrow(/marker/);
  });
});

describe('streamed reporters', () => {
  it('print the pretty-printed JSON of what they describe (JSON and SARIF), findings of every shape included', async () => {
    const r = await scan({ paths: [path.join(FIXTURES, 'rules')], rules: RULES, noConfig: true });
    expect(r.findings.filter((f) => f.fix).length).toBeGreaterThan(5);
    const report = { findings: r.findings, notes: r.notes, catalogue: RULES, stats: r.stats };
    const options = { showSuppressed: true, category: 'gatewarden/', color: false };
    for (const format of ['json', 'sarif'] as const) {
      const text = REPORTERS[format](report, options);
      expect(text).toBe(`${pretty(JSON.parse(text))}\n`);
    }
  });

  it('write to a file exactly what they render, across many write batches', async () => {
    const r = await scan({ paths: [path.join(FIXTURES, 'rules')], rules: RULES, noConfig: true });
    const report = { findings: r.findings, notes: r.notes, catalogue: RULES, stats: r.stats };
    const options = { showSuppressed: true, category: 'gatewarden/', color: false };
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-stream-'));
    for (const format of FORMATS) {
      const file = path.join(dir, `report.${format}`);
      await writeReport(STREAMS[format](report, options), file);
      const text = REPORTERS[format](report, options);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    expect(Buffer.byteLength(REPORTERS.sarif(report, options))).toBeGreaterThan(4 * 64 * 1024);
  });

  it('reach a pipe whole: the CLI prints to stdout what it writes with --output', () => {
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-stream-'));
    const file = path.join(dir, 'out.sarif');
    const args = ['scan', path.join(FIXTURES, 'rules'), '--format', 'sarif', '--fail-on', 'never'];
    const piped = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(piped.status).toBe(0);
    expect(spawnSync(process.execPath, [cli, ...args, '--output', file]).status).toBe(0);
    const written = readFileSync(file, 'utf8');
    expect(written.length).toBeGreaterThan(4 * 64 * 1024);
    expect(piped.stdout.replace(/"durationMs": \d+/g, '')).toBe(written.replace(/"durationMs": \d+/g, ''));
  });

  it('write a file whole or not at all: a report that fails half-way leaves the file as it was and no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-stream-'));
    const failing = function* () {
      yield 'x'.repeat(200 * 1024);
      throw new Error('fault while producing the report');
    };
    await expect(writeReport(failing(), path.join(dir, 'new.sarif'))).rejects.toThrow(/fault while producing/);
    writeFileSync(path.join(dir, 'old.sarif'), 'previous report\n');
    await expect(writeReport(failing(), path.join(dir, 'old.sarif'))).rejects.toThrow(/fault while producing/);
    expect(readdirSync(dir)).toEqual(['old.sarif']);
    expect(readFileSync(path.join(dir, 'old.sarif'), 'utf8')).toBe('previous report\n');
    await writeReport(['new ', 'report\n'], path.join(dir, 'old.sarif'));
    expect(readdirSync(dir)).toEqual(['old.sarif']);
    expect(readFileSync(path.join(dir, 'old.sarif'), 'utf8')).toBe('new report\n');
  });

  it('write through what is not a regular file instead of replacing it (a symbolic link, a FIFO)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-stream-'));
    writeFileSync(path.join(dir, 'target.json'), '');
    symlinkSync('target.json', path.join(dir, 'link.json'));
    await writeReport(['{}', '\n'], path.join(dir, 'link.json'));
    expect(lstatSync(path.join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'target.json'), 'utf8')).toBe('{}\n');

    const fifo = path.join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    await writeReport(['through ', 'the fifo\n'], fifo);
    await closed;
    expect(got).toBe('through the fifo\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
