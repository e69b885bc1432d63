/**
 * Output people act on: the text report's fix and doc link under each finding, `verbose`, the closing line, files
 * most severe first, and a service's hardening notes as one entry (text and job summary only: the machine formats
 * keep one finding per rule).
 */
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/model/finding.js';
import type { RuleMeta } from '../src/model/rule.js';
import { ruleDocUrl } from '../src/model/version.js';
import { groupHardening } from '../src/report/group.js';
import { REPORTERS } from '../src/report/index.js';
import { firstSentence } from '../src/report/rule-doc.js';
import { summaryMarkdown } from '../src/report/summary.js';
import { NEXT } from '../src/report/text.js';
import type { FormatOptions, ScanReport } from '../src/report/types.js';

const rule = (id: string, severity: RuleMeta['severity'], remediation: string, tags?: string[]): RuleMeta => ({ id, title: `Title of ${id}`, severity, description: 'Why.', remediation, ...(tags ? { tags } : {}) });
const CATALOGUE = [
  rule('compose.privileged', 'critical', 'Remove `privileged: true`. Grant the one capability it needs instead.', ['compose']),
  rule('compose.cap_drop_missing', 'low', 'Add `cap_drop: [ALL]`. Add back only what it needs.', ['compose', 'hardening']),
  rule('compose.no_new_privileges_missing', 'low', 'Add `security_opt: ["no-new-privileges:true"]`.', ['compose', 'hardening']),
  rule('compose.resource_limits_missing', 'info', 'Set a memory limit, e.g. `mem_limit: 2g`. Size it with care.', ['compose', 'availability']),
  rule('compose.runs_as_root', 'medium', 'Run as an unprivileged user.', ['compose', 'hardening']),
  rule('dotenv.not_ignored', 'low', 'Add `.env` to .gitignore.', ['dotenv']),
];

const loc = (file: string, line: number) => ({ file, startLine: line, startColumn: 3, endLine: line, endColumn: 9 });
let n = 0;
function finding(ruleId: string, severity: Finding['severity'], file: string, line: number, over: Partial<Finding> = {}): Finding {
  n++;
  return { ruleId, severity, message: `${ruleId} message ${n}`, location: loc(file, line), fingerprint: n.toString(16).padStart(32, '0'), ...over };
}
const svc = (service: string) => ({ properties: { service } });

const findings = [
  finding('dotenv.not_ignored', 'low', '.gitignore', 1),
  finding('compose.cap_drop_missing', 'low', 'compose.yaml', 2, svc('gw')),
  finding('compose.no_new_privileges_missing', 'low', 'compose.yaml', 2, svc('gw')),
  finding('compose.resource_limits_missing', 'info', 'compose.yaml', 2, svc('gw')),
  finding('compose.runs_as_root', 'medium', 'compose.yaml', 2, svc('gw')),
  finding('compose.privileged', 'critical', 'compose.yaml', 4, { ...svc('gw'), fix: { description: 'Set privileged to false', location: loc('compose.yaml', 4), replacement: 'false' } }),
  finding('compose.cap_drop_missing', 'low', 'compose.yaml', 9, svc('db')),
  finding('compose.cap_drop_missing', 'low', 'other/compose.yaml', 2, svc('gw')),
  finding('compose.no_new_privileges_missing', 'low', 'compose.yaml', 9, { ...svc('db'), suppressed: { kind: 'inline', reason: 'needs setuid' } }),
];
const report: ScanReport = { findings, notes: [], catalogue: CATALOGUE, stats: { files: 3, bytes: 100, skipped: 0, durationMs: 5 } };
const opts = (over: Partial<FormatOptions> = {}): FormatOptions => ({ showSuppressed: false, category: 'gatewarden/', color: false, minSeverity: 'info', ...over });

describe('hardening notes grouped per service (a view, not a change to the findings)', () => {
  it('groups the low and info hardening notes of one service in one file, at its first member', () => {
    const entries = groupHardening(findings.filter((f) => !f.suppressed), CATALOGUE);
    const shape = entries.map((e) => (e.kind === 'group' ? `group ${e.file} ${e.service} ${e.severity}: ${e.members.map((m) => m.ruleId).join(',')}` : `${e.finding.ruleId} ${e.finding.location.file}`));
    expect(shape).toEqual([
      'dotenv.not_ignored .gitignore',
      'group compose.yaml gw low: compose.cap_drop_missing,compose.no_new_privileges_missing,compose.resource_limits_missing',
      // medium stands on its own line even from a hardening rule; so does a service's only note, and each file's.
      'compose.runs_as_root compose.yaml',
      'compose.privileged compose.yaml',
      'compose.cap_drop_missing compose.yaml',
      'compose.cap_drop_missing other/compose.yaml',
    ]);
  });

  it('never groups a suppressed finding (it is shown with its reason)', () => {
    const entries = groupHardening(findings, CATALOGUE);
    expect(entries.filter((e) => e.kind === 'group')).toHaveLength(1);
    expect(entries.some((e) => e.kind === 'finding' && e.finding.suppressed)).toBe(true);
  });

  it('text: one entry per service that lists every missing setting with its own rule id, fix and page', () => {
    const text = REPORTERS.text(report, opts());
    expect(text).toContain('hardening  Service "gw": 3 hardening settings missing');
    expect(text).toContain('- 2:3 low compose.cap_drop_missing: Add cap_drop: [ALL].');
    expect(text).toContain('- 2:3 info compose.resource_limits_missing: Set a memory limit, e.g. mem_limit: 2g.');
    expect(text).toContain(`Docs: ${ruleDocUrl('compose.no_new_privileges_missing')}`);
    // One line per finding of the rule: in the gw group, db's only note, the other file's.
    expect(text.match(/low +compose\.cap_drop_missing[: ]/g)).toHaveLength(3);
  });

  it('job summary: one row per group, naming each rule with its fix', () => {
    const md = summaryMarkdown(report);
    const row = md.split('\n').find((l) => l.includes('hardening settings missing'));
    expect(row).toBeDefined();
    expect(row).toContain(`[\`compose.cap_drop_missing\`](${ruleDocUrl('compose.cap_drop_missing')})<br>[\`compose.no_new_privileges_missing\`]`);
    // Brackets as character references (report/escape.ts: no text of a row can open a link); rendered, the same text.
    expect(row).toContain('compose.no_new_privileges_missing: Add security_opt: &#91;"no-new-privileges:true"&#93;.');
    expect(md).not.toMatch(/more not listed/);
  });

  it('JSON and SARIF keep one finding per rule', () => {
    const json = JSON.parse(REPORTERS.json(report, opts())) as { findings: unknown[] };
    expect(json.findings).toHaveLength(findings.filter((f) => !f.suppressed).length);
    const sarif = JSON.parse(REPORTERS.sarif(report, opts())) as Log;
    expect(sarif.runs[0]?.results).toHaveLength(findings.filter((f) => !f.suppressed).length);
  });
});

describe('the text report says how to fix', () => {
  const text = REPORTERS.text(report, opts());

  it('puts the fix in one line and the rule page under each finding: its own fix first, else the remediation', () => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('compose.privileged  Title of compose.privileged'));
    expect(lines.slice(at + 1, at + 4).map((l) => l.trim())).toEqual(['compose.privileged message 6', 'Fix: Set privileged to false.', `Docs: ${ruleDocUrl('compose.privileged')}`]);
    const root = lines.findIndex((l) => l.includes('compose.runs_as_root  Title'));
    expect(lines[root + 2]?.trim()).toBe('Fix: Run as an unprivileged user.');
  });

  it('--verbose gives the whole remediation', () => {
    expect(text).not.toContain('Grant the one capability');
    const verbose = REPORTERS.text(report, opts({ verbose: true }));
    expect(verbose).toContain('Fix: Set privileged to false. Remove privileged: true. Grant the one capability it needs instead.');
    expect(verbose).toContain('compose.resource_limits_missing: Set a memory limit, e.g. mem_limit: 2g. Size it with care.');
  });

  it('lists files most severe first, then by path', () => {
    const files = text.split('\n').filter((l) => /^\S/.test(l) && !/^(✖|Next:)/.test(l));
    expect(files).toEqual(['compose.yaml', '.gitignore', 'other/compose.yaml']);
  });

  it('ends with what to do next: fix, suppress by rule id, or baseline', () => {
    const last = text.trimEnd().split('\n').at(-1);
    expect(last).toBe(NEXT);
    expect(NEXT).toMatch(/gatewarden-ignore <rule-id> -- <reason>/);
    expect(NEXT).toMatch(/gatewarden baseline/);
    const clean = REPORTERS.text({ ...report, findings: [] }, opts());
    expect(clean.trimEnd().split('\n').at(-1)).toMatch(/^✔ no findings/);
  });

  it('shows suppressed findings with their reason and no fix', () => {
    const shown = REPORTERS.text(report, opts({ showSuppressed: true })).split('\n');
    const at = shown.findIndex((l) => l.includes('[suppressed: inline — needs setuid]'));
    expect(at).toBeGreaterThan(0);
    expect(shown[at + 2]).not.toMatch(/Fix:/);
  });
});

describe('firstSentence', () => {
  it('stops at the first sentence end, not at an abbreviation', () => {
    expect(firstSentence('Set a limit, e.g. mem_limit: 2g. Then more.')).toBe('Set a limit, e.g. mem_limit: 2g.');
    expect(firstSentence('Use v1.2 or later. Then restart.')).toBe('Use v1.2 or later.');
    expect(firstSentence('One sentence only')).toBe('One sentence only');
    expect(firstSentence('Pin it. sha256 digests too.')).toBe('Pin it. sha256 digests too.');
  });
});
