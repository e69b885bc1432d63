/**
 * GitHub workflow-command annotations. GitHub shows at most 10 errors, 10 warnings and 10 notices per step
 * and 50 per job, and drops the rest silently, so the most severe come first and a final notice counts what
 * did not fit. Escaping follows the toolkit (`%`, CR, LF in data; also `:` and `,` in properties), and every other
 * control is shown as a visible escape (report/escape.ts).
 */
import { bySeverityDesc, sarifLevel } from '../model/severity.js';
import type { Finding } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import { stripMd } from './rule-doc.js';
import { commandData, commandProperty, terminal } from './escape.js';
import { shown, type ReportStream } from './types.js';

export const PER_LEVEL_LIMIT = 10;
export const PER_JOB_LIMIT = 50;

const escapeData = commandData;
const escapeProp = commandProperty;

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

/**
 * Picks the annotations that fit GitHub's limits, most severe first; returns them and what was left out.
 * `reservedErrors`: error slots kept free for error annotations printed elsewhere in the same step (the action's
 * own `::error::` when it fails the step).
 */
export function selectAnnotations(findings: readonly Finding[], reservedErrors = 0): { shown: Finding[]; omitted: Finding[] } {
  const ordered = [...findings].filter((f) => !f.suppressed).sort((a, b) => bySeverityDesc(a.severity, b.severity));
  const perLevel = new Map<string, number>();
  const shown: Finding[] = [];
  const omitted: Finding[] = [];
  // One slot is kept for the closing notice when anything is left out.
  for (const f of ordered) {
    const level = sarifLevel(f.severity);
    const n = perLevel.get(level) ?? 0;
    const limit = level === 'error' ? PER_LEVEL_LIMIT - reservedErrors : PER_LEVEL_LIMIT;
    if (n < limit && shown.length < PER_JOB_LIMIT - 1 - reservedErrors) {
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

/** The workflow commands for `findings` within the limits, and the findings left out. */
export function renderAnnotations(findings: readonly Finding[], catalogue: readonly RuleMeta[], reservedErrors = 0): { text: string; omitted: Finding[] } {
  const rules = new Map(catalogue.map((r) => [r.id, r]));
  const { shown, omitted } = selectAnnotations(findings, reservedErrors);
  const lines = shown.map((f) => annotationCommand(f, rules.get(f.ruleId)));
  if (omitted.length) {
    lines.push(`::notice title=Gatewarden::${escapeData(`${omitted.length} more finding${omitted.length === 1 ? '' : 's'} not annotated (GitHub shows at most ${PER_LEVEL_LIMIT} per level per step); the job summary lists them, and the SARIF report has every finding.`)}`);
  }
  return { text: lines.length ? `${lines.join('\n')}\n` : '', omitted };
}

/**
 * `--format github` (the CLI): of the findings at or above the reporting floor, the annotations that fit, and the rest as plain log lines, since the CLI writes
 * no job summary for the closing notice to point to (security review, B16). Each line starts with a word of
 * ours, so no file name can turn it into a workflow command.
 */
export const githubReport: ReportStream = (report, options) => {
  const rules = new Map(report.catalogue.map((r) => [r.id, r]));
  const { shown: fits, omitted } = selectAnnotations(report.findings.filter((f) => shown(f, options)));
  const lines = fits.map((f) => annotationCommand(f, rules.get(f.ruleId)));
  if (omitted.length) {
    lines.push(`::notice title=Gatewarden::${escapeData(`${omitted.length} more finding${omitted.length === 1 ? '' : 's'} not annotated (GitHub shows at most ${PER_LEVEL_LIMIT} per level per step); they are listed in the log below.`)}`);
    for (const f of omitted) lines.push(`Gatewarden ${f.severity}: ${terminal(f.location.file)}:${f.location.startLine} ${f.ruleId} ${terminal(f.redacted ? `${f.message} (value: ${f.redacted})` : f.message)}`);
  }
  return [lines.length ? `${lines.join('\n')}\n` : ''];
};
