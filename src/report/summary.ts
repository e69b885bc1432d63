/**
 * Markdown job summary: severity counts, findings by rule (with links to the rule docs) and by file, the list of
 * findings (a service's hardening notes in one row), and what did not fit in the annotations. Kept well under GitHub's 1 MiB per step.
 */
import type { Finding } from '../model/finding.js';
import { SEVERITIES } from '../model/severity.js';
import { ruleDocUrl } from '../model/version.js';
import type { Severity } from '../model/severity.js';
import { mdCode, mdLine, mdText } from './escape.js';
import { groupHardening, groupHeadline } from './group.js';
import { fixText } from './rule-doc.js';
import { notShownLine, shown, type ScanReport } from './types.js';

const MAX_ROWS = 200;
const MAX_BYTES = 900 * 1024;

/** Untrusted text in a table cell or a line: report/escape.ts. */
const cell = mdText;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export interface SummaryExtra {
  heading?: string;
  /** What the findings are called: `finding` (default) or `new finding` in pull-request mode. */
  noun?: string;
  /** One-line statements shown under the counts (mode, comparison, why review comments were skipped). */
  lines?: string[];
  /** Findings that did not fit GitHub's annotation limits. */
  notAnnotated?: readonly Finding[];
  /** Pull-request mode: findings already at the base (not listed). */
  preExisting?: number;
  /** Reporting floor (the action's `severity` input): findings below it are counted in the table, not listed. */
  minSeverity?: Severity;
  /**
   * Lines that are already Markdown (made by the caller, untrusted parts escaped with report/escape.ts), shown as
   * they are under the counts: sections of their own such as "Suppressed by this pull request" or "Not scanned".
   */
  sections?: readonly string[];
}

export function summaryMarkdown(report: ScanReport, extra: SummaryExtra = {}): string {
  const noun = extra.noun ?? 'finding';
  const active = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.length - active.length;
  const titles = new Map(report.catalogue.map((r) => [r.id, r.title]));
  const out: string[] = [`## ${extra.heading ?? 'Gatewarden'}`, ''];
  out.push(active.length ? `**${plural(active.length, noun)}** in ${plural(new Set(active.map((f) => f.location.file)).size, 'file')}.` : `**No ${noun}s.**`);
  if (extra.preExisting) out.push('', `${plural(extra.preExisting, 'finding')} already at the base ${extra.preExisting === 1 ? 'is' : 'are'} not listed here (the SARIF report has every finding).`);
  out.push('', '| Severity | Findings |', '| --- | ---: |', ...SEVERITIES.map((s) => `| ${s} | ${active.filter((f) => f.severity === s).length} |`), '');
  if (extra.lines?.length) out.push(...extra.lines.map((l) => `> ${line(l)}`).flatMap((l) => [l, '>']).slice(0, -1), '');
  if (extra.sections?.length) out.push(...extra.sections, '');

  const listed = active.filter((f) => shown(f, extra));
  const hidden = active.filter((f) => !shown(f, extra));
  if (hidden.length) out.push(`_${line(notShownLine(hidden, (s) => `input \`severity: ${s}\``))}_`, '');

  if (listed.length) {
    const byRule = new Map<string, number>();
    for (const f of listed) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    out.push('### By rule', '', '| Rule | What | Findings |', '| --- | --- | ---: |');
    for (const [id, n] of [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) out.push(`| [\`${id}\`](${ruleDocUrl(id)}) | ${cell(titles.get(id) ?? '')} | ${n} |`);
    const byFile = new Map<string, number>();
    for (const f of listed) byFile.set(f.location.file, (byFile.get(f.location.file) ?? 0) + 1);
    out.push('', '### By file', '', '| File | Findings |', '| --- | ---: |');
    for (const [file, n] of [...byFile].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_ROWS)) out.push(`| ${mdCode(file)} | ${n} |`);
    if (byFile.size > MAX_ROWS) out.push('', `_${byFile.size - MAX_ROWS} more file(s) not listed._`);
    out.push('', '### Findings', '');
    pushFindingRows(out, listed, report.catalogue);
  }
  if (extra.notAnnotated?.length) {
    out.push('', '### Not annotated', '', `${plural(extra.notAnnotated.length, noun)} did not fit GitHub's annotation limits (10 per level per step, 50 per job):`, '');
    pushFindingRows(out, extra.notAnnotated, report.catalogue);
  }
  if (suppressed) out.push('', `${suppressed} finding(s) suppressed by inline comments, \`.gatewarden.yml\` or the baseline.`);
  const problems = report.notes.filter((n) => n.level !== 'info');
  if (problems.length) out.push('', '<details><summary>Notes</summary>', '', ...problems.map((n) => `- ${n.level}: ${n.file ? `${mdCode(n.file)}: ` : ''}${line(n.message)}`), '', '</details>');
  return `${out.join('\n')}\n`;
}

const line = mdLine;

/**
 * One row per finding, a service's hardening notes in one row (report/group.ts) that still names each rule and
 * its fix; `shown` counts the findings the rows hold.
 */
function pushFindingRows(out: string[], findings: readonly Finding[], catalogue: ScanReport['catalogue']): void {
  out.push('| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |');
  const rules = new Map(catalogue.map((r) => [r.id, r]));
  const link = (id: string) => `[\`${id}\`](${ruleDocUrl(id)})`;
  let size = out.join('\n').length;
  let shown = 0;
  for (const entry of groupHardening(findings, catalogue).slice(0, MAX_ROWS)) {
    let row: string;
    if (entry.kind === 'group') {
      const first = entry.members[0]!;
      const fixes = entry.members.map((f) => `${f.ruleId}: ${fixText(f, rules.get(f.ruleId)) ?? rules.get(f.ruleId)?.title ?? ''}`);
      row = `| ${entry.severity} | ${entry.members.map((f) => link(f.ruleId)).join('<br>')} | ${mdCode(`${first.location.file}:${first.location.startLine}`)} | ${line(groupHeadline(entry))}:<br>${fixes.map(line).join('<br>')} |`;
    } else {
      const f = entry.finding;
      row = `| ${f.severity} | ${link(f.ruleId)} | ${mdCode(`${f.location.file}:${f.location.startLine}`)} | ${line(f.redacted ? `${f.message} (value: ${f.redacted})` : f.message)} |`;
    }
    if (size + row.length > MAX_BYTES) break;
    out.push(row);
    size += row.length + 1;
    shown += entry.kind === 'group' ? entry.members.length : 1;
  }
  if (shown < findings.length) out.push('', `_${findings.length - shown} more not listed here; the SARIF report has all of them._`);
}
