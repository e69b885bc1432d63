/**
 * The action: settings → scan → SARIF file, annotations, job summary, outputs → pass/fail.
 * Full mode only for now; pull-request mode (new findings only, review comments) builds on this.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { RULES } from '../../rules/index.js';
import { describeError, UsageError } from '../engine/errors.js';
import { failing } from '../engine/gate.js';
import { scan } from '../engine/scan.js';
import { REPORTERS, type ReportInput } from '../report/index.js';
import { summaryMarkdown } from '../report/summary.js';
import { historySweep } from './history.js';
import { getSettings } from './inputs.js';

export async function run(): Promise<void> {
  try {
    const settings = getSettings();
    const extraLines: string[] = [];
    if (settings.mode !== 'full') {
      const event = process.env.GITHUB_EVENT_NAME ?? '';
      if (settings.mode === 'pr' || event.startsWith('pull_request')) {
        extraLines.push('Pull-request mode (new findings only) is not available in this version: every finding in the repository is reported.');
      }
    }
    // `history: true` in full mode: the history sweep replaces the file scan (action/history.ts).
    const sweep = await historySweep(settings, extraLines);
    const result =
      sweep ??
      (await scan({
        paths: [settings.path],
        rules: RULES,
        ...(settings.config ? { configFile: settings.config } : {}),
        ...(settings.baseline ? { baselineFile: settings.baseline } : {}),
      }));
    const input: ReportInput = {
      findings: result.findings,
      notes: result.notes,
      catalogue: RULES,
      stats: result.stats,
      showSuppressed: false,
      category: settings.category,
      color: false,
      ...(sweep ? { history: sweep.history } : {}),
    };

    const sarifPath = path.resolve(settings.sarifFile);
    await mkdir(path.dirname(sarifPath), { recursive: true });
    await writeFile(sarifPath, REPORTERS.sarif(input));

    if (settings.annotations) process.stdout.write(REPORTERS.github(input));
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summaryMarkdown(input, { lines: extraLines })).write();

    const active = result.findings.filter((f) => !f.suppressed);
    core.setOutput('sarif-file', settings.sarifFile);
    core.setOutput('findings-count', active.length);
    core.setOutput('new-findings-count', active.length);

    if (result.internalErrors) core.setFailed(`ClawScan hit ${result.internalErrors} internal error(s); see the notes in the job summary.`);
    const over = failing(result.findings, settings.failOn);
    if (over.length) core.setFailed(`ClawScan: ${over.length} finding(s) at or above ${settings.failOn}.`);
  } catch (err) {
    core.setFailed(err instanceof UsageError ? err.message : describeError(err));
  }
}
