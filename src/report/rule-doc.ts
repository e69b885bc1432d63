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

/** Abbreviations whose period ends no sentence ("e.g. `deploy:`"). */
const ABBREVIATIONS = ['e.g', 'i.e', 'etc', 'vs', 'cf'];

/**
 * The first sentence of plain text: up to the first period followed by a space and a capital letter (or the end),
 * not after an abbreviation. A loop over the periods, not one regex, so no input can make it backtrack.
 */
export function firstSentence(s: string): string {
  const text = s.trim();
  const lower = text.toLowerCase();
  for (let i = text.indexOf('. '); i >= 0; i = text.indexOf('. ', i + 1)) {
    if (ABBREVIATIONS.some((a) => i >= a.length && lower.startsWith(a, i - a.length) && !/\w/.test(text.charAt(i - a.length - 1)))) continue;
    const next = text.slice(i + 1).trimStart().charAt(0);
    if (next && next === next.toUpperCase() && next !== next.toLowerCase()) return text.slice(0, i + 1);
  }
  return text;
}

/**
 * How to fix one finding, in one line: its own mechanical fix when it has one, else the first sentence of its
 * rule's remediation; `full` gives the whole remediation after the finding's own fix.
 */
export function fixText(f: { fix?: { description: string } }, rule: Pick<RuleMeta, 'remediation'> | undefined, full = false): string | undefined {
  const own = f.fix ? `${f.fix.description.replace(/\.$/, '')}.` : undefined;
  // One line: each line trimmed and joined by a space (split, not a regex around the newline, which would backtrack).
  const remediation = rule
    ? stripMd(rule.remediation)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' ')
    : undefined;
  if (full) return [own, remediation].filter(Boolean).join(' ') || undefined;
  return own ?? (remediation ? firstSentence(remediation) : undefined);
}
