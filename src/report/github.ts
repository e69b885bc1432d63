/**
 * GitHub workflow-command annotations. GitHub shows at most 10 errors, 10 warnings and 10 notices per step
 * and 50 per job, and drops the rest silently, so the most severe come first and a final notice counts what
 * did not fit. Escaping follows the toolkit: `%`, CR, LF in data; also `:` and `,` in properties.
 */
import { bySeverityDesc, sarifLevel } from '../model/severity.js';
import type { Finding } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import { stripMd } from './rule-doc.js';
import type { Reporter } from './types.js';

export const PER_LEVEL_LIMIT = 10;
export const PER_JOB_LIMIT = 50;

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const COMMAND = { error: 'error', warning: 'warning', note: 'notice' } as const;

/** Title: rule id and title. Message: what was found, then how to fix it (the fix, then the rule's remediation). */
export function annotationCommand(f: Finding, rule: Pick<RuleMeta, 'title' | 'remediation'> | undefined): string {
  const l = f.location;
  const props = [`file=${escapeProp(l.file)}`, `line=${l.startLine}`, `endLine=${l.endLine}`];
  if (l.startLine === l.endLine) props.push(`col=${l.startColumn}`, `endColumn=${l.endColumn}`);
  props.push(`title=${escapeProp(`${f.ruleId}: ${rule?.title ?? f.ruleId}`)}`);
  const lines = [f.redacted ? `${f.message} (value: ${f.redacted})` : f.message];
  if (f.fix) lines.push(`Fix: ${f.fix.description}.`);
  if (rule) lines.push(`How to fix: ${stripMd(rule.remediation)}`);
  return `::${COMMAND[sarifLevel(f.severity)]} ${props.join(',')}::${escapeData(lines.join('\n'))}`;
}

/** Picks the annotations that fit GitHub's limits, most severe first; returns them and what was left out. */
export function selectAnnotations(findings: readonly Finding[]): { shown: Finding[]; omitted: Finding[] } {
  const ordered = [...findings].filter((f) => !f.suppressed).sort((a, b) => bySeverityDesc(a.severity, b.severity));
  const perLevel = new Map<string, number>();
  const shown: Finding[] = [];
  const omitted: Finding[] = [];
  // One slot is kept for the closing notice when anything is left out.
  for (const f of ordered) {
    const level = sarifLevel(f.severity);
    const n = perLevel.get(level) ?? 0;
    if (n < PER_LEVEL_LIMIT && shown.length < PER_JOB_LIMIT - 1) {
      perLevel.set(level, n + 1);
      shown.push(f);
    } else omitted.push(f);
  }
  // The closing notice needs a notice slot of its own.
  if (omitted.length && (perLevel.get('note') ?? 0) >= PER_LEVEL_LIMIT) {
    const lastNote = shown.map((f) => sarifLevel(f.severity)).lastIndexOf('note');
    omitted.unshift(...shown.splice(lastNote, 1));
  }
  return { shown, omitted };
}

export const githubReporter: Reporter = (input) => {
  const rules = new Map(input.catalogue.map((r) => [r.id, r]));
  const { shown, omitted } = selectAnnotations(input.findings);
  const lines = shown.map((f) => annotationCommand(f, rules.get(f.ruleId)));
  if (omitted.length) {
    lines.push(`::notice title=ClawScan::${escapeData(`${omitted.length} more finding${omitted.length === 1 ? '' : 's'} not annotated (GitHub shows at most ${PER_LEVEL_LIMIT} per level per step); the job summary lists them, and the SARIF report has every finding.`)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
