/**
 * The reporting floor (`--min-severity`, the action's `severity`): what each output lists, what it counts
 * instead, and that info findings never become security alerts in SARIF.
 */
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import type { RuleMeta } from '../src/model/rule.js';
import { DEFAULT_MIN_SEVERITY, REPORTERS } from '../src/report/index.js';
import { summaryMarkdown } from '../src/report/summary.js';
import type { FormatOptions, ScanReport } from '../src/report/types.js';

const rule = (id: string, severity: RuleMeta['severity']): RuleMeta => ({ id, title: `Title of ${id}`, severity, description: 'Why.', remediation: 'Do `this`. Then that.' });
const CATALOGUE = [rule('compose.privileged', 'critical'), rule('compose.cap_drop_missing', 'low'), rule('channels.dm.locked', 'info'), rule('compose.image_unpinned', 'low')];

let n = 0;
function finding(ruleId: string, severity: Finding['severity'], over: Partial<Finding> = {}): Finding {
  n++;
  return { ruleId, severity, message: `${ruleId} message`, location: { file: 'docker-compose.yml', startLine: n, startColumn: 3, endLine: n, endColumn: 9 }, fingerprint: n.toString(16).padStart(32, '0'), ...over };
}

const report: ScanReport = {
  findings: [
    finding('compose.privileged', 'critical'),
    finding('compose.cap_drop_missing', 'low'),
    finding('channels.dm.locked', 'info'),
    finding('compose.image_unpinned', 'info'),
    finding('compose.image_unpinned', 'low', { suppressed: { kind: 'inline' } }),
  ],
  notes: [],
  catalogue: CATALOGUE,
  stats: { files: 1, bytes: 10, skipped: 0, durationMs: 1 },
};
const opts = (over: Partial<FormatOptions> = {}): FormatOptions => ({ showSuppressed: false, category: 'gatewarden/', color: false, ...over });

describe('the reporting floor', () => {
  it('defaults to low for what people read and info for what tools read', () => {
    expect(DEFAULT_MIN_SEVERITY).toMatchObject({ text: 'low', github: 'low', json: 'info', sarif: 'info' });
  });

  it('text: lists what clears the floor and counts the rest in the closing line', () => {
    const low = REPORTERS.text(report, opts({ minSeverity: 'low' }));
    expect(low).toContain('compose.cap_drop_missing');
    expect(low).not.toContain('channels.dm.locked');
    expect(low).toMatch(/· 2 info findings not shown: --min-severity info$/m);
    const medium = REPORTERS.text(report, opts({ minSeverity: 'medium' }));
    expect(medium).not.toContain('compose.cap_drop_missing');
    expect(medium).toMatch(/· 3 low\/info findings not shown: --min-severity info$/m);
    const all = REPORTERS.text(report, opts({ minSeverity: 'info' }));
    expect(all).toContain('channels.dm.locked');
    expect(all).not.toMatch(/not shown/);
    // Suppressed findings are counted as suppressed, never as below the floor.
    expect(low).toMatch(/1 suppressed/);
  });

  it('json: the array leaves out what is below the floor, the summary counts it', () => {
    const json = JSON.parse(REPORTERS.json(report, opts({ minSeverity: 'high' }))) as { summary: { findings: number; notShown?: number }; findings: { ruleId: string }[] };
    expect(json.findings.map((f) => f.ruleId)).toEqual(['compose.privileged']);
    expect(json.summary).toMatchObject({ findings: 4, notShown: 3 });
    expect((JSON.parse(REPORTERS.json(report, opts())) as { summary: object }).summary).not.toHaveProperty('notShown');
  });

  it('sarif: info findings are notes without a security-severity, and so are info rules', () => {
    const log = JSON.parse(REPORTERS.sarif(report, opts())) as Log;
    const run = log.runs[0];
    const results = run?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.level, r.properties?.['security-severity']])).toEqual([
      ['compose.privileged', 'error', '9.5'],
      ['compose.cap_drop_missing', 'note', '3.0'],
      ['channels.dm.locked', 'note', undefined],
      ['compose.image_unpinned', 'note', undefined],
    ]);
    const rules = new Map((run?.tool.driver.rules ?? []).map((r) => [r.id, r]));
    expect(rules.get('channels.dm.locked')?.properties).not.toHaveProperty('security-severity');
    expect(rules.get('channels.dm.locked')?.defaultConfiguration?.level).toBe('note');
    expect(rules.get('compose.cap_drop_missing')?.properties?.['security-severity']).toBe('3.0');
    // Every rule stays in the catalogue whatever the floor (a rule that stops reporting closes its alerts).
    const high = JSON.parse(REPORTERS.sarif(report, opts({ minSeverity: 'high' }))) as Log;
    expect(high.runs[0]?.results?.map((r) => r.ruleId)).toEqual(['compose.privileged']);
    expect(high.runs[0]?.tool.driver.rules).toHaveLength(CATALOGUE.length);
  });

  it('github annotations: only what clears the floor', () => {
    const text = REPORTERS.github(report, opts({ minSeverity: 'low' }));
    expect(text).toContain('compose.cap_drop_missing');
    expect(text).not.toContain('channels.dm.locked');
  });

  it('job summary: the severity table counts everything, the listing stops at the floor and says so', () => {
    const md = summaryMarkdown(report, { minSeverity: 'medium' });
    expect(md).toContain('| low | 1 |');
    expect(md).toContain('| info | 2 |');
    expect(md).toContain('_3 low/info findings not shown: input `severity: info`_');
    expect(md).not.toContain('compose.cap_drop_missing');
    expect(summaryMarkdown(report)).toContain('compose.cap_drop_missing');
  });
});
