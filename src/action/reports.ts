/** What the action writes: the SARIF file, the annotations, the job summary, the step's outputs and its verdict. */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { scanReport } from '../app/scan-repository.js';
import type { ScanResult } from '../engine/scan.js';
import type { Finding, Note } from '../model/finding.js';
import type { HistoryInfo } from '../model/history.js';
import type { AnyRule } from '../model/rule.js';
import { failing, type Severity } from '../model/severity.js';
import { renderAnnotations } from '../report/github.js';
import { STREAMS, writeReport } from '../report/index.js';
import { commandData, commandProperty, mdCode, mdLine, mdText } from '../report/escape.js';
import { PER_LEVEL_LIMIT } from '../report/github.js';
import { MAX_SARIF_RESULTS, sarifFindings } from '../report/sarif.js';
import { summaryMarkdown } from '../report/summary.js';
import { shown } from '../report/types.js';
import type { PrSuppression } from './policy.js';
import type { ActionSettings } from './inputs.js';

export interface Outcome {
  result: ScanResult & { history?: HistoryInfo };
  /** What this run reports: every unsuppressed finding, or in pull-request mode those the pull request introduces. */
  reported: Finding[];
  prMode: boolean;
  rules: readonly AnyRule[];
  /** Pull-request mode: the suppressions the pull request adds (action/policy.ts). */
  prSuppressions?: readonly PrSuppression[];
}

/** The SARIF file always holds every finding: code scanning compares a pull request's analysis with the base itself. */
export async function writeSarif(settings: ActionSettings, { result, rules }: Outcome): Promise<string | undefined> {
  const sarifPath = path.resolve(settings.sarifFile);
  await mkdir(path.dirname(sarifPath), { recursive: true });
  await writeReport(STREAMS.sarif(scanReport(result, rules), { showSuppressed: false, category: settings.category, color: false }), sarifPath);
  const { kept, total } = sarifFindings(result.findings);
  if (!kept) return undefined;
  const text = `The SARIF report holds the ${MAX_SARIF_RESULTS.toLocaleString('en-US')} most severe of ${total.toLocaleString('en-US')} findings: GitHub code scanning accepts at most 25,000 results per run.`;
  core.warning(text);
  return text;
}

/** The findings at or above `fail-on`, which fail the step. */
export function failures(settings: ActionSettings, { reported }: Outcome): Finding[] {
  return failing(reported, settings.failOn);
}

/** Prints the annotations that fit GitHub's limits; returns the findings left out. */
export function annotate(settings: ActionSettings, outcome: Outcome): Finding[] {
  if (!settings.annotations) return [];
  // The step's own `::error::` lines (failing findings, internal errors) take error slots from the same budget.
  const reserved = (failures(settings, outcome).length ? 1 : 0) + (outcome.result.internalErrors ? 1 : 0);
  const annotations = renderAnnotations(outcome.reported.filter((f) => shown(f, { minSeverity: settings.severity })), outcome.rules, reserved);
  process.stdout.write(annotations.text);
  // A file that could not be scanned is never only an info note: a warning at the file (security review, B1).
  for (const n of notScanned(outcome.result).slice(0, PER_LEVEL_LIMIT)) {
    process.stdout.write(`::warning file=${commandProperty(n.file ?? '')},title=${commandProperty('Gatewarden: not scanned')}::${commandData(`Not scanned: ${n.message}`)}\n`);
  }
  // Suppressions the pull request adds are never silent (action/policy.ts): a notice at each, when honoured.
  for (const s of (outcome.prSuppressions ?? []).filter((x) => x.honoured).slice(0, PER_LEVEL_LIMIT)) {
    const f = s.finding;
    const props = [`file=${commandProperty(f.location.file)}`, `line=${f.location.startLine}`, `title=${commandProperty(`${f.ruleId}: suppressed by this pull request`)}`];
    process.stdout.write(`::notice ${props.join(',')}::${commandData(`Suppressed by this pull request (${s.kind}: ${s.reason}): ${f.message}`)}\n`);
  }
  return annotations.omitted;
}

/** The job summary (appended directly: core.summary caches the file name for the process), or the lines as logs. */
export async function summarise(outcome: Outcome, lines: string[], notAnnotated: Finding[], minSeverity: Severity = 'low'): Promise<void> {
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) {
    for (const l of lines) core.info(l);
    return;
  }
  const { result, reported, prMode, rules } = outcome;
  const report = scanReport(result, rules);
  const active = result.findings.filter((f) => !f.suppressed);
  const sections = [...notScannedSection(notScanned(result)), ...prSuppressionSection(outcome.prSuppressions ?? [])];
  const markdown = summaryMarkdown(prMode ? { ...report, findings: reported } : report, {
    sections,
    heading: prMode ? 'Gatewarden: findings this pull request introduces' : 'Gatewarden',
    noun: prMode ? 'new finding' : 'finding',
    lines,
    notAnnotated,
    minSeverity,
    ...(prMode ? { preExisting: Math.max(0, active.length - reported.filter((f) => active.includes(f)).length) } : {}),
  });
  await appendFile(summaryFile, markdown);
}

/** The files the scan could not read (too large, unreadable, special, a submodule), each a warning note. */
export function notScanned(result: ScanResult): Note[] {
  return result.notes.filter((n) => n.level !== 'info' && n.code.startsWith('skipped.') && n.file !== undefined);
}

/** The "Not scanned" section: a heading of its own, before any collapsed part of the summary. */
function notScannedSection(notes: readonly Note[]): string[] {
  if (!notes.length) return [];
  return [
    '### Not scanned',
    '',
    `${notes.length} file(s) could not be scanned; a secret in them would not be reported.`,
    '',
    '| File | Why |',
    '| --- | --- |',
    ...notes.slice(0, 200).map((n) => `| ${mdCode(n.file ?? '')} | ${mdLine(n.message)} |`),
    ...(notes.length > 200 ? ['', `_${notes.length - 200} more not listed; the SARIF report's notifications have all of them._`] : []),
    '',
  ];
}

/** The rows of "Suppressed by this pull request" (none when it adds none). */
function prSuppressionSection(list: readonly PrSuppression[]): string[] {
  if (!list.length) return [];
  const honoured = list[0]?.honoured;
  const rows = list.slice(0, 200).map((s) => `| ${mdCode(s.finding.ruleId)} | ${mdCode(`${s.finding.location.file}:${s.finding.location.startLine}`)} | ${s.kind} | ${mdText(s.reason)} | ${s.honoured ? 'yes' : 'no'} |`);
  return [
    '### Suppressed by this pull request',
    '',
    honoured
      ? `${list.length} finding(s) are hidden by suppressions this pull request adds (\`pr-suppressions: review\`: honoured, listed here). A reviewer should check each one.`
      : `${list.length} suppression(s) this pull request adds are not honoured (\`pr-suppressions: deny\`): their findings count as new.`,
    '',
    '| Rule | Location | Kind | Reason | Honoured |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(list.length > 200 ? ['', `_${list.length - 200} more not listed._`] : []),
  ];
}

/** One more line at the end of the job summary (the review's outcome, known after the summary was written). */
export async function appendSummaryLine(line: string): Promise<void> {
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) {
    core.info(line);
    return;
  }
  await appendFile(summaryFile, `\n> ${mdLine(line)}\n`);
}

/** The step's outputs, written before any network step. */
export function setOutputs(settings: ActionSettings, { result, reported }: Outcome): void {
  core.setOutput('sarif-file', settings.sarifFile);
  core.setOutput('findings-count', result.findings.filter((f) => !f.suppressed).length);
  core.setOutput('new-findings-count', reported.length);
}

/** The step's verdict: internal errors, a config that could not be used, a channel that failed, findings at or above `fail-on`. */
export function conclude(settings: ActionSettings, outcome: Outcome, channelErrors: readonly string[] = []): void {
  const { result, prMode } = outcome;
  for (const e of channelErrors) core.error(e);
  const configErrors = result.notes.filter((n) => n.code === 'config.invalid');
  for (const n of configErrors) core.error(n.message);
  if (configErrors.length) core.setFailed('Gatewarden: the config could not be used; the scan ran with the default settings (see the error above).');
  if (channelErrors.length) core.setFailed(`Gatewarden: ${channelErrors.join('; ')}.`);
  const over = failures(settings, outcome);
  if (result.internalErrors) core.setFailed(`Gatewarden hit ${result.internalErrors} internal error(s); see the notes in the job summary.`);
  if (over.length) core.setFailed(`Gatewarden: ${over.length} ${prMode ? 'new ' : ''}finding(s) at or above ${settings.failOn}.`);
}
