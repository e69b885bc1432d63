/** The rule catalogue as a table: `gatewarden rules`, and the index docs/rules/README.md the docs generator writes. */
import type { RuleMeta } from '../model/rule.js';
import { stripMd } from './rule-doc.js';

/** `linkBase`: where the rule pages are, relative to the document the Markdown table goes into. */
export function rulesTable(rules: readonly RuleMeta[], format: 'text' | 'json' | 'markdown', linkBase = 'docs/rules/'): string {
  if (format === 'json') return `${JSON.stringify(rules.map(({ id, title, severity, description, remediation, references, tags, openclawAudit }) => ({ id, title, severity, description, remediation, references, tags, openclawAudit: Boolean(openclawAudit) })), null, 2)}\n`;
  if (format === 'markdown') {
    const rows = rules.map((r) => `| [\`${r.id}\`](${linkBase}${r.id}.md) | ${r.severity} | ${r.title}${r.openclawAudit ? ' (audit checkId)' : ''} |`);
    return ['| Rule | Severity | What it finds |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
  }
  const w = Math.max(...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(w)}  ${r.severity.padEnd(8)}  ${stripMd(r.title)}`).join('\n') + '\n';
}
