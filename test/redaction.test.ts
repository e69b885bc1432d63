/**
 * No output format ever contains a secret value. Every registered rule is wrapped so the raw secrets it reports
 * are captured; then the whole fixture tree is scanned and rendered in every format, and no rendering may
 * contain any captured secret. Rules added later are covered without touching this test.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { buildBaseline } from '../src/engine/postprocess/baseline.js';
import { scan } from '../src/engine/scan.js';
import type { AnyRule } from '../src/model/rule.js';
import { FORMATS, REPORTERS, type FormatOptions, type ScanReport } from '../src/report/index.js';
import { summaryMarkdown } from '../src/report/summary.js';
import { FIXTURES } from './helpers.js';

function capturing(rules: readonly AnyRule[], secrets: Map<string, string>): AnyRule[] {
  return rules.map((rule) => ({
    ...rule,
    check: (target: never, ctx: Parameters<AnyRule['check']>[1]) =>
      rule.check(target, {
        ...ctx,
        report: (input) => {
          if (input.secret !== undefined) secrets.set(input.secret, rule.id);
          ctx.report(input);
        },
      }),
  }));
}

describe('redaction', () => {
  it('keeps every reported secret out of every output format', async () => {
    const secrets = new Map<string, string>();
    const result = await scan({ paths: [FIXTURES], rules: capturing(RULES, secrets) });
    expect(secrets.size, 'the fixtures must contain secrets for this test to mean anything').toBeGreaterThan(0);
    const report: ScanReport = { findings: result.findings, notes: result.notes, catalogue: RULES, stats: result.stats };
    // Every finding in every format (floor at info, suppressed shown, whole remediations) and every format there is.
    const options: FormatOptions = { showSuppressed: true, category: 'gatewarden/', color: true, minSeverity: 'info', verbose: true };
    expect(Object.keys(REPORTERS).sort()).toEqual([...FORMATS].sort());
    expect(FORMATS).toEqual(expect.arrayContaining(['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'compact']));
    const outputs: Record<string, string> = {
      ...Object.fromEntries(Object.entries(REPORTERS).map(([name, reporter]) => [name, reporter(report, options)])),
      summary: summaryMarkdown(report),
      baseline: JSON.stringify(buildBaseline(result.findings)),
    };
    for (const [format, text] of Object.entries(outputs)) {
      for (const [secret, ruleId] of secrets) {
        // A secret under 6 characters (a 4-letter placeholder password) also occurs inside ordinary words
        // ("pass" in "password"); those are checked below through their redacted form, which shows no characters.
        if (secret.length < 6) continue;
        const i = text.indexOf(secret);
        const context = i === -1 ? '' : `${text.slice(Math.max(0, i - 120), i)}<SECRET>${text.slice(i + secret.length, i + secret.length + 40)}`.replaceAll(secret, '<SECRET>');
        expect(i === -1, `${format} output contains a secret reported by ${ruleId} (${secret.length} chars): …${context}…`).toBe(true);
      }
    }
    const secretFindings = result.findings.filter((f) => f.redacted);
    expect(secretFindings.length).toBeGreaterThan(0);
    for (const f of secretFindings) expect(f.redacted).toMatch(/^.{0,4}…\(\d+ chars\)$/u);
    for (const f of secretFindings.filter((x) => Number(/\((\d+) chars\)/.exec(x.redacted ?? '')?.[1]) < 12)) expect(f.redacted).toMatch(/^…/u);
  });
});
