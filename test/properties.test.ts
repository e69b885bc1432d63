/**
 * Property tests (fast-check). Everything is driven by the registry and its fixtures, so rules and file kinds
 * added later are covered without touching this file:
 *  - the parsers never throw, whatever the text;
 *  - every rule survives mutated versions of every rule fixture (truncated, garbage inserted, a slice of the
 *    file pumped thousands of times, hostile fragments repeated) with no internal error;
 *  - no reporter (text, JSON, SARIF, annotations, job summary) ever prints a secret value: neither generated
 *    keys planted in every kind of file and comment, nor any secret any rule reports on its own fixtures.
 * Linear time is not measured here (no timing assertions): test/redos.test.ts proves every pattern linear.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import type { AnyRule } from '../src/model/rule.js';
import type { FileKind } from '../src/model/target.js';
import { classify } from '../src/engine/read/classify.js';
import { parseDotenv } from '../src/engine/parse/dotenv.js';
import { parseFile } from '../src/engine/parse/index.js';
import { flowDepth } from '../src/engine/parse/yaml.js';
import { scan, type ScanResult } from '../src/engine/scan.js';
import { REPORTERS, type FormatOptions, type ScanReport } from '../src/report/index.js';
import { summaryMarkdown } from '../src/report/summary.js';
import { FIXTURES, listFiles } from './helpers.js';

const STRUCTURED: Exclude<FileKind, 'text'>[] = ['compose', 'openclaw', 'dotenv', 'dockerfile'];

/** Fragments that matter to some parser or pattern: brackets, quotes, anchors, escapes, key prefixes. */
const HOSTILE = [
  '[', '{', ']', '}', '"', "'", '`', '\\', '\n', '\r\n', '\t', ' ', '#', ':', '=', '-', '- ', ': ', '&a ', '*a', '<<: *a',
  '!!binary ', '---\n', '${', '${{', '}}', '$', '/*', '*/', '//', '<!--', '-->', 'FROM ', 'ENV ', 'RUN <<EOF\n', '\\\n',
  'services:', 'export ', 'sk-ant-api03-', 'AA', 'gatewarden-ignore ', ' -- ', '\u0000', '\ufeff', '\ud800', '💥', 'é',
];

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 300 }).map((a) => a.join('')),
  fc.tuple(fc.constantFrom(...HOSTILE), fc.integer({ min: 1, max: 5000 })).map(([s, n]) => s.repeat(n)),
);

describe('parsers never throw', () => {
  it.each(STRUCTURED)('%s', (kind) => {
    fc.assert(
      fc.property(anyText, (text) => {
        const r = parseFile(`f.${kind}`, kind, text);
        if (!r.ok) {
          expect(r.error.message.length).toBeGreaterThan(0);
          if (r.error.line !== undefined) expect(r.error.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('dotenv entries point inside the text, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let last = -1;
        for (const e of parseDotenv(text)) {
          expect(e.keyStart).toBeGreaterThan(last);
          expect(e.valueStart).toBeGreaterThanOrEqual(e.keyStart + e.key.length);
          expect(e.valueEnd).toBeGreaterThanOrEqual(e.valueStart);
          expect(e.valueEnd).toBeLessThanOrEqual(text.length);
          last = e.keyStart;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the YAML nesting pre-check measures plain flow nesting exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (n) => {
        expect(flowDepth(`a: ${'['.repeat(n)}${']'.repeat(n)}`, 1000).depth).toBe(n);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Every rule over mutated fixtures.

const fixtureFiles = listFiles(path.join(FIXTURES, 'rules')).filter((f) => !f.endsWith('expected.json'));
const fixtureText = new Map(fixtureFiles.map((f) => [f, readFileSync(path.join(FIXTURES, 'rules', f), 'utf8')]));

type Mutation = (text: string) => string;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => (t: string) => t.slice(0, t.length ? at % t.length : 0)),
  fc.tuple(fc.nat(), anyText).map(([at, s]) => (t: string) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + s + t.slice(i);
  }),
  // A slice of the file itself, pumped: the input most likely to make a pattern written for this file backtrack.
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 100, max: 3000 })).map(([at, len, n]) => (t: string) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + t.slice(i, i + len).repeat(n) + t.slice(i);
  }),
  fc.constant((t: string) => t.replace(/\n/g, '\r\n')),
  fc.constant((t: string) => t.split('\n').reverse().join('\n')),
);

async function scanTree(files: Map<string, string>, rules: readonly AnyRule[] = RULES): Promise<ScanResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-prop-'));
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return scan({ paths: [dir], rules });
}

describe('every rule in the registry survives mutated fixtures', () => {
  it(`no internal error over ${fixtureFiles.length} fixture files of ${RULES.length} rules`, async () => {
    expect(fixtureFiles.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: fixtureFiles.length, maxLength: fixtureFiles.length }), async (mutations) => {
        const files = new Map(fixtureFiles.map((f, i) => [f, (mutations[i] as Mutation)(fixtureText.get(f) ?? '')]));
        const r = await scanTree(files);
        expect(r.notes.filter((n) => n.code.startsWith('internal')).map((n) => n.message)).toEqual([]);
        expect(r.internalErrors).toBe(0);
        for (const f of r.findings) {
          expect(f.location.startLine).toBeGreaterThanOrEqual(1);
          expect(f.location.endLine).toBeGreaterThanOrEqual(f.location.startLine);
        }
      }),
      { numRuns: 25 },
    );
    // 25 scans of every fixture: ~26 s on an idle 2-core machine, so the budget leaves room for a loaded one.
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------------------
// No reporter ever prints a secret.

/** Every output a user or GitHub sees. The SARIF rule catalogue (static docs) is left out of the search. */
function renderAll(r: ScanResult): Record<string, string> {
  const report: ScanReport = { findings: r.findings, notes: r.notes, catalogue: RULES, stats: r.stats };
  const options: FormatOptions = { showSuppressed: true, category: 'gatewarden/', color: false, minSeverity: 'info' };
  const sarif = JSON.parse(REPORTERS.sarif(report, options)) as { runs: { tool: { driver: { rules?: unknown } } }[] };
  for (const run of sarif.runs) delete run.tool.driver.rules;
  return {
    text: REPORTERS.text(report, options),
    textColor: REPORTERS.text(report, { ...options, color: true }),
    json: REPORTERS.json(report, options),
    sarif: JSON.stringify(sarif),
    github: REPORTERS.github(report, options),
    gitlab: REPORTERS.gitlab(report, options),
    junit: REPORTERS.junit(report, options),
    compact: REPORTERS.compact(report, options),
    summary: summaryMarkdown(report),
  };
}

/** The secret, and any 12-character window of its variable part (a redaction shows at most 4). */
function leaks(out: string, secret: string, fixedPrefix = 0): string | undefined {
  if (out.includes(secret)) return secret;
  for (let i = fixedPrefix; i + 12 <= secret.length; i++) if (out.includes(secret.slice(i, i + 12))) return secret.slice(i, i + 12);
  return undefined;
}

const PREFIX = 'sk-ant-api03-';
// Bodies from a hash of a generated seed: always high-entropy, so a rule's placeholder or entropy filter never
// (rightly) declines them and the property stays about reporting, not detection.
const anthropicKey = fc.integer().map((seed) => `${PREFIX}${createHash('sha256').update(`k${seed}`).digest('base64url').repeat(3).slice(0, 93)}AA`);

/** Places a key can sit in a repository, by file name (so classification picks the parser). */
const PLANTS: [string, (k: string) => string][] = [
  ['notes.md', (k) => `# Setup\n\nexport ANTHROPIC_API_KEY=${k}\n`],
  ['.env', (k) => `ANTHROPIC_API_KEY=${k}\nOTHER="${k}"\n`],
  ['.env.example', (k) => `ANTHROPIC_API_KEY='${k}'\n`],
  ['docker-compose.yml', (k) => `services:\n  gateway:\n    image: x\n    privileged: true\n    environment:\n      ANTHROPIC_API_KEY: ${k}\n`],
  ['compose.yaml', (k) => `services:\n  s:\n    image: *${k}\n`],
  ['openclaw.json', (k) => `{\n  models: { providers: { anthropic: { apiKey: "${k}" } } },\n}\n`],
  ['broken/openclaw.json', (k) => `{ apiKey: ${k} `],
  ['Dockerfile', (k) => `FROM node:22\nENV ANTHROPIC_API_KEY=${k}\n`],
  ['suppressed.ts', (k) => `// gatewarden-ignore secrets.anthropic_api_key -- test key ${k}\nconst k = "${k}";\n`],
  ['one line.js', (k) => `${'var a=1;'.repeat(2000)}"${k}"`],
];

describe('no reporter ever prints a secret', () => {
  it('generated keys planted in every kind of file, comment and broken file', async () => {
    await fc.assert(
      fc.asyncProperty(anthropicKey, fc.subarray(PLANTS, { minLength: 1 }), async (key, plants) => {
        const r = await scanTree(new Map(plants.map(([name, make]) => [name, make(key)])));
        expect(r.findings.some((f) => f.ruleId === 'secrets.anthropic_api_key')).toBe(true);
        for (const [format, out] of Object.entries(renderAll(r))) expect(leaks(out, key, PREFIX.length), format).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });

  it('secrets that rules report on their own fixtures (every rule in the registry)', async () => {
    // Wrap every rule so the raw secret of each report is recorded before the engine drops it.
    const secrets = new Set<string>();
    const spying = RULES.map((rule) => ({
      ...rule,
      check: (target: never, ctx: Parameters<AnyRule['check']>[1]) =>
        rule.check(target, {
          ...ctx,
          report: (input) => {
            if (input.secret !== undefined && input.secret.length >= 8) secrets.add(input.secret);
            ctx.report(input);
          },
        }),
    })) as AnyRule[];
    const r = await scan({ paths: [path.join(FIXTURES, 'rules')], rules: spying });
    expect(secrets.size).toBeGreaterThan(0);
    const outputs = renderAll(r);
    for (const secret of secrets) for (const [format, out] of Object.entries(outputs)) expect(out.includes(secret), `${format} contains a secret reported as ${redactedOf(r, secret)}`).toBe(false);
  });
});

function redactedOf(r: ScanResult, secret: string): string {
  return r.findings.find((f) => f.redacted?.startsWith(secret.slice(0, 4)))?.redacted ?? '(unknown)';
}

// Classification must agree with the plant names above, or the test plants in the wrong parser.
it('plant files are classified as intended', () => {
  expect(PLANTS.map(([n]) => classify(n))).toEqual(['text', 'dotenv', 'dotenv', 'compose', 'compose', 'openclaw', 'openclaw', 'dockerfile', 'text', 'text']);
});
