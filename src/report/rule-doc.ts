/** Markdown for one rule, from its metadata: the rule's page in docs/ and its SARIF `help.markdown`. */
import type { RuleMeta } from '../model/rule.js';

export function ruleHelpMarkdown(rule: RuleMeta): string {
  const lines = [
    `**${rule.title}** (\`${rule.id}\`, default severity ${rule.severity}${rule.openclawAudit ? ', same checkId as `openclaw security audit`' : ''})`,
    '',
    '### Why it matters',
    '',
    rule.description,
    '',
    '### How to fix',
    '',
    rule.remediation,
    '',
    '### Suppress',
    '',
    `If this is intended, add a comment on the line or the line above: \`gatewarden-ignore ${rule.id} -- <reason>\`, or turn the rule off in \`.gatewarden.yml\` (\`rules: { ${rule.id}: off }\`).`,
  ];
  if (rule.references?.length) lines.push('', '### References', '', ...rule.references.map((r) => `- <${r}>`));
  return lines.join('\n');
}

export function ruleHelpText(rule: RuleMeta): string {
  return `${rule.title}\n\n${stripMd(rule.description)}\n\nHow to fix: ${stripMd(rule.remediation)}`;
}

export function stripMd(s: string): string {
  return s.replace(/`([^`]*)`/g, '$1').replace(/\*\*([^*]*)\*\*/g, '$1').replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1');
}
