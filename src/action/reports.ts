/** What the action writes: the SARIF file, the annotations, the job summary, the step's outputs and its verdict. */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { scanReport } from '../app/scan-repository.js';
import type { ScanResult } from '../engine/scan.js';
import type { Finding } from '../model/finding.js';
import type { HistoryInfo } from '../model/history.js';
import type { AnyRule } from '../model/rule.js';
import { failing, type Severity } from '../model/severity.js';
import { renderAnnotations } from '../report/github.js';
import { STREAMS, writeReport } from '../report/index.js';
import { summaryMarkdown } from '../report/summary.js';
import { shown } from '../report/types.js';
import type { ActionSettings } from './inputs.js';

export interface Outcome {
  result: ScanResult & { history?: HistoryInfo };
  /** What this run reports: every unsuppressed finding, or in pull-request mode those the pull request introduces. */
  reported: Finding[];
  prMode: boolean;
  rules: readonly AnyRule[];
}

/** The SARIF file always holds every finding: code scanning compares a pull request's analysis with the base itself. */
export async function writeSarif(settings: ActionSettings, { result, rules }: Outcome): Promise<void> {
  const sarifPath = path.resolve(settings.sarifFile);
  await mkdir(path.dirname(sarifPath), { recursive: true });
  await writeReport(STREAMS.sarif(scanReport(result, rules), { showSuppressed: false, category: settings.category, color: false }), sarifPath);
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
  const markdown = summaryMarkdown(prMode ? { ...report, findings: reported } : report, {
    heading: prMode ? 'Gatewarden: findings this pull request introduces' : 'Gatewarden',
    noun: prMode ? 'new finding' : 'finding',
    lines,
    notAnnotated,
    minSeverity,
    ...(prMode ? { preExisting: active.length - reported.length } : {}),
  });
  await appendFile(summaryFile, markdown);
}

/** The step's outputs and verdict. */
export function conclude(settings: ActionSettings, outcome: Outcome): void {
  const { result, reported, prMode } = outcome;
  core.setOutput('sarif-file', settings.sarifFile);
  core.setOutput('findings-count', result.findings.filter((f) => !f.suppressed).length);
  core.setOutput('new-findings-count', reported.length);
  const over = failures(settings, outcome);
  if (result.internalErrors) core.setFailed(`Gatewarden hit ${result.internalErrors} internal error(s); see the notes in the job summary.`);
  if (over.length) core.setFailed(`Gatewarden: ${over.length} ${prMode ? 'new ' : ''}finding(s) at or above ${settings.failOn}.`);
}
