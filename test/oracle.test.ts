/**
 * Parity with the real `openclaw security audit --json` (2026.9.6): for every config of the corpus
 * (test/oracle/corpus/<name>/), Gatewarden's audit findings (checkId + severity) must equal the recorded golden
 * output (test/oracle/golden/<name>.json, from `npm run oracle:record`) restricted to the static checks, except
 * the documented deviations of test/oracle/deviations.json, each with its reason. CI never runs the oracle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import type { Severity } from '../src/model/severity.js';
import { ROOT, scanCopy } from './helpers.js';

interface Golden {
  config: string;
  exitCode: number;
  rejected?: boolean;
  findings?: { checkId: string; severity: 'critical' | 'warn' | 'info' }[];
  suppressedFindings?: { checkId: string; severity: 'critical' | 'warn' | 'info' }[];
}
interface Deviation {
  config: string;
  checkId: string;
  severity: string;
  /** `audit` = the audit reports it and Gatewarden does not; `gatewarden` = the other way round. */
  only: 'audit' | 'gatewarden';
  reason: string;
}

const DIR = path.join(ROOT, 'test', 'oracle');
const goldens = readdirSync(path.join(DIR, 'golden'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(path.join(DIR, 'golden', f), 'utf8')) as Golden] as const);
const deviations = JSON.parse(readFileSync(path.join(DIR, 'deviations.json'), 'utf8')) as { runtimeOnly: string[]; findings: Deviation[] };

/** The checkIds Gatewarden implements: audit rules, with `<provider>` segments for the templated ones. */
const auditRules = RULES.filter((r) => r.openclawAudit);
const TEMPLATED: Record<string, RegExp> = {
  'tools.elevated.allowFrom.wildcard': /^tools\.elevated\.allowFrom\.[^.]+\.wildcard$/,
  'tools.elevated.allowFrom.large': /^tools\.elevated\.allowFrom\.[^.]+\.large$/,
};
const implemented = (checkId: string) => auditRules.some((r) => r.id === checkId || TEMPLATED[r.id]?.test(checkId));
/** Checks that need the running system (state dir, plugins, --deep probes) or are always emitted. */
const runtimeOnly = (checkId: string) => deviations.runtimeOnly.some((p) => (p.endsWith('*') ? checkId.startsWith(p.slice(0, -1)) : checkId === p));

const toAudit = (s: Severity) => (s === 'critical' || s === 'high' ? 'critical' : s === 'medium' || s === 'low' ? 'warn' : 'info');
const key = (checkId: string, severity: string) => `${checkId} ${severity}`;

describe('parity with openclaw security audit 2026.9.6', () => {
  it('has a corpus of at least 60 recorded configs', () => {
    expect(goldens.filter(([, g]) => !g.rejected).length).toBeGreaterThanOrEqual(60);
  });

  it.each(goldens.filter(([, g]) => !g.rejected))('%s', async (name, golden) => {
    const audit = [...(golden.findings ?? []), ...(golden.suppressedFindings ?? [])];
    const unknown = audit.filter((f) => !implemented(f.checkId) && !runtimeOnly(f.checkId)).map((f) => f.checkId);
    expect(unknown, 'audit checkIds that are neither implemented nor listed as runtime-only').toEqual([]);
    const expected = audit.filter((f) => implemented(f.checkId)).map((f) => key(f.checkId, f.severity));

    const result = await scanCopy(path.join(DIR, 'corpus', name));
    expect(result.internalErrors).toBe(0);
    // The oracle loads no channel plugins in a bare state directory and reports no `channels.*` finding;
    // the channel rules are verified by their fixtures (docs/openclaw.md).
    const ids = new Set(auditRules.filter((r) => !r.id.startsWith('channels.')).map((r) => r.id));
    const actual = result.findings
      .filter((f) => ids.has(f.ruleId))
      .map((f) => key(typeof f.properties?.checkId === 'string' ? f.properties.checkId : f.ruleId, toAudit(f.severity)));

    const missing = [...expected];
    const extra: string[] = [];
    for (const a of actual) {
      const i = missing.indexOf(a);
      if (i >= 0) missing.splice(i, 1);
      else extra.push(a);
    }
    const mine = deviations.findings.filter((d) => d.config === name);
    const documented = (only: 'audit' | 'gatewarden', k: string) => mine.some((d) => d.only === only && key(d.checkId, d.severity) === k);
    expect({ missing: missing.filter((k) => !documented('audit', k)), extra: extra.filter((k) => !documented('gatewarden', k)) }).toEqual({ missing: [], extra: [] });
    // No stale deviation: each documented one is still observed.
    for (const d of mine) expect(d.only === 'audit' ? missing : extra, `deviation ${d.checkId} for ${name} no longer happens`).toContain(key(d.checkId, d.severity));
  });
});
