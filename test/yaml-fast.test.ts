/**
 * The fast first parse of YAML (src/engine/parse/yaml-fast.ts) against the `yaml` library it stands in for: where it
 * reads a text, the value must equal parseDocument + toJS and every path's range (key, value, pair) must be the
 * library's resolver's, or be left to the library ('ask'); where the library reports an error, it must refuse.
 * Run over every YAML fixture, mutations of each (cuts, a character dropped, a space or newline inserted) and
 * hand-written shapes; with GATEWARDEN_DEPLOYMENTS_CORPUS set, over the deployments corpus too.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import './support/fast-check-seed.js';
import { fastRange, fastYaml, resolvePlain } from '../src/engine/parse/yaml-fast.js';
import { parseYaml, parseYamlLazy, yamlResolver } from '../src/engine/parse/yaml.js';
import type { PathSegment } from '../src/model/location.js';
import { FIXTURES, listFiles } from './helpers.js';

function pathsOf(v: unknown, p: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(p);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...p, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) pathsOf((v as Record<string, unknown>)[k], [...p, k], out);
  return out;
}

/** Undefined when the fast parse agrees with the library (or refuses); otherwise what differs. */
function disagreement(text: string): string | undefined {
  const fast = fastYaml(text);
  if (!fast) return undefined;
  const full = parseYaml(text);
  if (!full.ok) return `fast parse read a text the library refuses: ${full.message}`;
  if (!isDeepStrictEqual(fast.value, full.value)) return `value ${JSON.stringify(fast.value)} != ${JSON.stringify(full.value)}`;
  const resolve = yamlResolver(full.doc);
  const lazy = parseYamlLazy(text);
  if (!lazy.ok || !lazy.plain) return 'parseYamlLazy did not take the fast parse';
  for (const p of pathsOf(full.value)) {
    for (const part of ['key', 'value', 'pair'] as const) {
      const want = resolve(p, part);
      const got = fastRange(fast.root, p, part);
      if (got !== 'ask' && !isDeepStrictEqual(got, want)) return `${JSON.stringify(p)} ${part}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`;
      // The lazy resolver answers 'ask' from the library's Document.
      if (!isDeepStrictEqual(lazy.resolver(p, part), want)) return `lazy ${JSON.stringify(p)} ${part}`;
    }
  }
  return undefined;
}

function mutations(text: string): string[] {
  const out = [text];
  for (let i = 1; i < 5; i++) {
    const at = Math.floor((text.length * i) / 5);
    out.push(text.slice(0, at), text.slice(0, at) + text.slice(at + 1), `${text.slice(0, at)} ${text.slice(at)}`, `${text.slice(0, at)}\n${text.slice(at)}`);
  }
  return out;
}

const yamlFiles = (dir: string) => listFiles(dir).filter((f) => /\.ya?ml(\.j2|\.tpl)?$/i.test(f)).map((f) => path.join(dir, f));

describe('fast YAML parse', () => {
  it('agrees with the library on every YAML fixture and mutations of it', () => {
    const files = yamlFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(50);
    let read = 0;
    for (const file of files) {
      for (const text of mutations(readFileSync(file, 'utf8'))) {
        expect(disagreement(text), `${file}: ${JSON.stringify(text.slice(0, 80))}`).toBeUndefined();
        if (fastYaml(text)) read++;
      }
    }
    // Most of them are in the subset: the fast path is taken, not refused wholesale.
    expect(read).toBeGreaterThan(files.length);
  });

  const corpus = process.env.GATEWARDEN_DEPLOYMENTS_CORPUS;
  it.skipIf(!corpus || !existsSync(corpus))('agrees with the library on the deployments corpus', () => {
    for (const file of yamlFiles(corpus!)) expect(disagreement(readFileSync(file, 'utf8')), file).toBeUndefined();
  });

  const COMPOSE = [
    'services:\n  app:\n    image: "nginx:1.27" # pinned\n    ports:\n      - "80:80"\n      - 443:443\n    environment:\n      A: 1\n      B: "two"\n      C:\n    command: ["sh", "-c", \'echo it\'\'s\']\n',
    'services:\n  db:\n    healthcheck:\n      test: [\n        "CMD", "pg_isready",  # probe\n        "-U", postgres\n      ]\n    labels: {a: b, "c": 1, d: [x, {y: z}]}\n',
    'x:\n- a\n- b: 1\n  c: 2\n-   d\ny: |\n  line one\n\n  line three\nz: >-\n  folded\n  text\n\n    more\n  end\n',
    'k: "\\x41\\u00e9\\t\\"q\\" \\\\ \\/ \\e"\nn: [0o17, 0x1F, 1e3, .inf, -.Inf, .nan, -0.5, +12, 1_000, 007, 12.]\nb: [true, True, FALSE, yes, null, Null, ~, NULL, nil]\n',
    'a: 1\na: 2\n1: one\ntrue: yes\n1.0: float\n"quoted key": v\nkey with spaces : v\nurl: http://x:80/a#b\nc: a #comment\nd: a#b\n',
    'a:\n  b: 1\n  # trailing comment\nc:\n  - 1\n    # deeper\n# out\n',
    '# only a comment\n',
    '',
    '- top\n- level\n',
    'plain scalar document\n',
  ];
  for (const [i, text] of COMPOSE.entries()) {
    it(`reads shape ${i} as the library does`, () => {
      expect(fastYaml(text), JSON.stringify(text)).toBeDefined();
      expect(disagreement(text)).toBeUndefined();
    });
  }

  const REFUSED = {
    anchor: 'a: &x {b: 1}\nc: *x\n',
    merge: 'a: {b: 1}\nc:\n  <<: {d: 2}\n',
    tag: 'services:\n  a:\n    ports: !reset []\n',
    'multi-line plain': 'a: one\n  two\n',
    'multi-line quoted': 'a: "one\n  two"\n',
    tab: 'a:\n\tb: 1\n',
    CR: 'a: 1\r\nb: 2\r\n',
    'document marker': '---\na: 1\n',
    'two documents': 'a: 1\n---\nb: 2\n',
    'keep chomping': 'a: |+\n  x\n\nb: 1\n',
    'indentation indicator': 'a: |2\n   x\n',
    'null key': '~: 1\n',
    'explicit key': '? a\n: 1\n',
    'nested compact mapping': 'a: b: c\n',
    'bad indentation': 'a:\n    b: 1\n  c: 2\n',
    'flow not indented': 'a:\n  b: [\n  1]\n',
    'unknown escape': 'a: "\\q"\n',
    'reserved start': 'a: @x\n',
  };
  for (const [name, text] of Object.entries(REFUSED)) {
    it(`leaves ${name} to the library`, () => {
      expect(fastYaml(text)).toBeUndefined();
      const lazy = parseYamlLazy(text);
      const full = parseYaml(text);
      expect(lazy.ok).toBe(full.ok);
      if (lazy.ok && full.ok) expect(lazy.value).toEqual(full.value);
      if (!lazy.ok && !full.ok) expect(lazy.message).toBe(full.message);
    });
  }

  // Texts assembled from lines of the shapes compose files have, at random indentations: whatever the fast parse
  // reads must be what the library reads.
  const LINES = ['a:', 'b: 1', 'c: "q\\"x"', "d: 'it''s'", '- e', '- f: 2', '-', 'g: [1, "2", {h: i}]', 'j: [', '  k,', ']', '}', 'l: {m: n,', 'o: |', 'p: >-', 'text line', '# note', '', 'q: r # s', 'x: &y 1', 'z: *y', '<<: {}', 't: !reset []', 'u: v: w', '"w": 1', 'n: null', 'v: 0x1F', '? k', '---'];
  const line = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom(...LINES)).map(([n, l]) => ' '.repeat(n) + l);
  it('agrees with the library on random texts of compose-like lines', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline ? '\n' : '');
        expect(disagreement(text), JSON.stringify(text)).toBeUndefined();
      }),
      { numRuns: 1500 },
    );
  });

  it('resolves plain scalars with the core schema', () => {
    expect(resolvePlain('0o17')).toBe(15);
    expect(resolvePlain('0x1F')).toBe(31);
    expect(resolvePlain('1_000')).toBe('1_000');
    expect(resolvePlain('yes')).toBe('yes');
    expect(resolvePlain('-.inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(resolvePlain('~')).toBe(null);
  });
});
