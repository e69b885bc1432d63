/**
 * Golden parity of config.schema_invalid with the real validator (`openclaw security audit --json` 2026.9.6,
 * recorded by `npm run oracle:validity` into test/oracle/validity/golden): for every recorded config, the rule's
 * answer for 2026.9.6 (`startup()`, what the rule reports from, on the config as the engine reads it: `$include`s
 * merged, `${VAR}` as written) has the same accept/reject and the same rejected paths (the unknown key itself where
 * the validator names one). A disagreement fails unless test/oracle/validity/deviations.json lists it with its
 * reason; a listed deviation that no longer deviates fails too, so the list stays true.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson5 } from '../../src/engine/parse/json5.js';
import { resolveOpenClaw } from '../../src/engine/parse/openclaw.js';
import { startup } from '../../rules/_shared/openclaw/validity.js';
import { ROOT } from '../helpers.js';

interface Golden {
  config: string;
  openclaw: string;
  valid: boolean;
  issues: { path: string; message: string; keys?: string[] }[];
}
interface Answer {
  valid: boolean;
  paths: string[];
}

const GOLDEN = path.join(ROOT, 'test', 'oracle', 'validity', 'golden');
const deviations = JSON.parse(readFileSync(path.join(ROOT, 'test', 'oracle', 'validity', 'deviations.json'), 'utf8')) as Record<string, { reason: string; ours: Answer }>;
const goldens = ['corpus', 'validity'].flatMap((set) =>
  readdirSync(path.join(GOLDEN, set))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `${set}/${f.slice(0, -5)}`, golden: JSON.parse(readFileSync(path.join(GOLDEN, set, f), 'utf8')) as Golden })),
);

function ours(g: Golden): Answer {
  const text = readFileSync(path.join(ROOT, g.config), 'utf8');
  const parsed = parseJson5(text);
  if (!parsed.ok) throw new Error(`${g.config}: ${parsed.message}`);
  const read = (rel: string) => (existsSync(path.join(ROOT, rel)) ? readFileSync(path.join(ROOT, rel), 'utf8') : undefined);
  const resolved = resolveOpenClaw(g.config, parsed.value, read);
  const s = startup(resolved.value, g.openclaw);
  return { valid: s.valid, paths: s.issues.map((i) => i.path.join('.') || '<root>').sort() };
}
const theirs = (g: Golden): Answer => ({ valid: g.valid, paths: g.issues.flatMap((i) => i.keys ?? [i.path]).sort() });

describe('config.schema_invalid agrees with the real validator (2026.9.6)', () => {
  it('has goldens for both sets (175 at phase 1, 16 more from deployment shapes)', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(191);
    expect(goldens.filter((g) => !g.golden.valid).length).toBeGreaterThanOrEqual(37);
  });

  it.each(goldens.map((g) => [g.name, g.golden] as const))('%s', (name, golden) => {
    const mine = ours(golden);
    const deviation = deviations[name];
    if (deviation) {
      // Documented: our answer is the recorded one, and it differs from the validator's.
      expect(mine, deviation.reason).toEqual(deviation.ours);
      expect(mine).not.toEqual(theirs(golden));
    } else {
      expect(mine).toEqual(theirs(golden));
    }
  });

  it('reads the compact data derived from the version files as they are (compact.mjs --check)', () => {
    expect(() => execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'openclaw-schema', 'compact.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('lists no deviation without a golden', () => {
    const names = new Set(goldens.map((g) => g.name));
    expect(Object.keys(deviations).filter((n) => !names.has(n))).toEqual([]);
  });
});
