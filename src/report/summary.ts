/** Markdown job summary: severity counts, findings by rule, then by file. Kept well under GitHub's 1 MiB. */
import { SEVERITIES } from '../model/severity.js';
import { ruleDocUrl } from '../version.js';
import type { ReportInput } from './types.js';

const MAX_ROWS = 200;
const MAX_BYTES = 900 * 1024;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function summaryMarkdown(input: ReportInput, extra: { heading?: string; lines?: string[] } = {}): string {
  const active = input.findings.filter((f) => !f.suppressed);
  const suppressed = input.findings.length - active.length;
  const titles = new Map(input.catalogue.map((r) => [r.id, r.title]));
  const out: string[] = [`## ${extra.heading ?? 'ClawScan'}`, ''];
  out.push(active.length ? `**${active.length} finding${active.length === 1 ? '' : 's'}** in ${new Set(active.map((f) => f.location.file)).size} file(s).` : '**No findings.**');
  out.push('', '| Severity | Findings |', '| --- | ---: |', ...SEVERITIES.map((s) => `| ${s} | ${active.filter((f) => f.severity === s).length} |`), '');
  if (extra.lines?.length) out.push(...extra.lines, '');

  if (active.length) {
    const byRule = new Map<string, number>();
    for (const f of active) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    out.push('### By rule', '', '| Rule | What | Findings |', '| --- | --- | ---: |');
    for (const [id, n] of [...byRule].sort((a, b) => b[1] - a[1])) out.push(`| [\`${id}\`](${ruleDocUrl(id)}) | ${cell(titles.get(id) ?? '')} | ${n} |`);
    out.push('', '### Findings', '', '| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |');
    const rows = active.slice(0, MAX_ROWS).map((f) => `| ${f.severity} | \`${f.ruleId}\` | \`${cell(f.location.file)}:${f.location.startLine}\` | ${cell(f.redacted ? `${f.message} (value: ${f.redacted})` : f.message)} |`);
    let size = out.join('\n').length;
    let shown = 0;
    for (const row of rows) {
      if (size + row.length > MAX_BYTES) break;
      out.push(row);
      size += row.length + 1;
      shown++;
    }
    if (shown < active.length) out.push('', `_${active.length - shown} more finding(s) not listed here; the SARIF report has all of them._`);
  }
  if (suppressed) out.push('', `${suppressed} finding(s) suppressed by inline comments, \`.clawscan.yml\` or the baseline.`);
  const problems = input.notes.filter((n) => n.level !== 'info');
  if (problems.length) out.push('', '<details><summary>Notes</summary>', '', ...problems.map((n) => `- ${n.level}: ${n.file ? `\`${cell(n.file)}\`: ` : ''}${cell(n.message)}`), '', '</details>');
  return `${out.join('\n')}\n`;
}
