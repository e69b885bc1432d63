import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { addLineHashes, hashLines, lineHashes } from '../src/org/line-hash.js';
import { FIXTURES } from './helpers.js';

/**
 * Known answers of github/codeql-action's own implementation (src/fingerprints.ts `hash`): the first entries are
 * the expectations of its test file; the rest were recorded by running that function on these inputs outside
 * this repository. See each entry's `source`.
 */
const VECTORS = JSON.parse(readFileSync(path.join(FIXTURES, 'line-hash', 'vectors.json'), 'utf8')) as { source: string; input: string; hashes: string[] }[];

function emitted(text: string): { line: number; hash: string }[] {
  const out: { line: number; hash: string }[] = [];
  hashLines(text, (line, hash) => out.push({ line, hash }));
  return out;
}

describe('primaryLocationLineHash', () => {
  it.each(VECTORS.map((v, i) => [i, v] as const))('matches the upload action on vector %i', (_, v) => {
    expect(emitted(v.input)).toEqual(v.hashes.map((hash, i) => ({ line: i + 1, hash })));
  });

  it('covers CRLF, CR, a BOM, astral characters, long lines and repeated lines among the vectors', () => {
    const all = VECTORS.map((v) => v.input).join('');
    expect(all).toMatch(/\r\n/);
    expect(all).toMatch(/\r[^\n]/);
    expect(all).toContain('\uFEFF');
    expect(all).toMatch(/[\uD800-\uDBFF]/);
    expect(VECTORS.some((v) => v.input.split('\n').some((l) => l.length > 100))).toBe(true);
    expect(VECTORS.some((v) => v.hashes.some((h) => h.endsWith(':10')))).toBe(true);
  });

  it('emits one hash per line, in order, as many as the text has lines', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\n', '\r', 'é', '🦀') }), (text) => {
        const lines = emitted(text).map((e) => e.line);
        expect(lines).toEqual(Array.from({ length: text.split(/\r\n|\r|\n/).length }, (_, i) => i + 1));
      }),
      { numRuns: 200 },
    );
  });

  it('ignores spaces and tabs and treats CRLF and CR as LF', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('x', 'y', '=', ' ', '\t') }), { maxLength: 30 }), (lines) => {
        const lf = lines.join('\n');
        const crlf = lines.join('\r\n');
        const squeezed = lines.map((l) => l.replace(/[ \t]/g, '')).join('\r');
        expect(emitted(crlf)).toEqual(emitted(lf));
        expect(emitted(squeezed)).toEqual(emitted(lf));
      }),
      { numRuns: 100 },
    );
  });
});

describe('addLineHashes', () => {
  const result = (uri: string | undefined, startLine?: number): Result => ({
    ruleId: 'r',
    message: { text: 'm' },
    locations: [{ physicalLocation: { ...(uri === undefined ? {} : { artifactLocation: { uri } }), ...(startLine ? { region: { startLine } } : {}) } }],
  });
  const logOf = (results: Result[]): Log => ({ version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results }] });

  it('fingerprints the first location line of files in the checkout, and nothing else', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gatewarden-lh-'));
    mkdirSync(path.join(root, 'dir one'));
    const compose = 'services:\r\n  gw:\r\n    ports:\r\n      - "18789:18789"\r\n';
    writeFileSync(path.join(root, 'dir one', 'docker-compose.yml'), compose);
    writeFileSync(path.join(root, '.env'), 'A=1\nA=1\n');
    const outside = mkdtempSync(path.join(tmpdir(), 'gatewarden-lh-out-'));
    writeFileSync(path.join(outside, 'outside.txt'), 'x\n');
    symlinkSync(path.join(outside, 'outside.txt'), path.join(root, 'link.txt'));
    symlinkSync(outside, path.join(root, 'linkdir'));
    const log = logOf([
      result('dir%20one/docker-compose.yml', 4),
      result('.env', 1),
      result('.env', 2),
      result('.env'), // no region: the upload step leaves it alone
      result('.env', 99), // past the end
      result(`../${path.basename(outside)}/outside.txt`, 1),
      result('link.txt', 1),
      result('linkdir/outside.txt', 1),
      result('https://example.com/a', 1),
      result('missing.txt', 1),
      { ...result('.env', 1), partialFingerprints: { primaryLocationLineHash: 'given:1' } },
    ]);
    const report = await addLineHashes(log, root);
    const hashes = (log.runs[0]?.results ?? []).map((r) => r.partialFingerprints?.primaryLocationLineHash);
    const composeHashes = lineHashes(compose);
    const envHashes = lineHashes('A=1\nA=1\n');
    expect(hashes).toEqual([composeHashes.get(4), envHashes.get(1), envHashes.get(2), undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'given:1']);
    expect(envHashes.get(1)).not.toBe(envHashes.get(2));
    expect(report).toEqual({ added: 3, kept: 1, without: 7 });
  });
});
