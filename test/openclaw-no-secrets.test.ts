/**
 * No secret value written in an OpenClaw config reaches any output: every literal credential of the
 * OpenClaw fixtures and of the parity corpus (gateway/hooks tokens and passwords of 8+ characters) is looked
 * for in the JSON, SARIF, text and GitHub renderings of their scan.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { REPORTERS } from '../src/report/index.js';
import { FIXTURES, ROOT, scanCopy } from './helpers.js';

const DIRS = [path.join(ROOT, 'test', 'oracle', 'corpus'), ...['gateway', 'hooks', 'config'].map((d) => path.join(FIXTURES, 'rules', d))];

function secretsIn(dir: string): string[] {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.json5?$/.test(name)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\b(?:token|password)\s*:\s*"([^"$]{8,})"/g)) if (!['undefined'].includes(m[1]!)) out.add(m[1]!);
      }
    }
  };
  walk(dir);
  return [...out];
}

describe('OpenClaw credentials never reach the output', () => {
  it.each(DIRS.map((d) => [path.relative(ROOT, d), d]))('%s', async (_name, dir) => {
    const secrets = secretsIn(dir);
    expect(secrets.length).toBeGreaterThan(0);
    const r = await scanCopy(dir);
    const report = { findings: r.findings, notes: r.notes, catalogue: RULES, stats: r.stats };
    const options = { showSuppressed: true, color: false };
    for (const [format, reporter] of Object.entries(REPORTERS)) {
      const out = reporter(report, options);
      for (const s of secrets) expect(out.includes(s), `${format} output contains a credential of ${s.length} chars`).toBe(false);
    }
  });
});
