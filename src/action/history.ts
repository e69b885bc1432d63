/**
 * `history: true`: in full mode (a scheduled or push run) the step sweeps the git history instead of scanning
 * the files, and reports through the same SARIF / annotations / summary path. Kept apart from main.ts, which
 * calls it once. Its SARIF category defaults to `gatewarden-history/` (inputs.ts), so the sweep's alerts never
 * close or duplicate those of the work-tree scan.
 */
import * as core from '@actions/core';
import { sweepHistory } from '../app/scan-repository.js';
import { isPullRequestEventName } from '../github/event.js';
import type { HistoryInfo } from '../model/history.js';
import type { ScanResult } from '../engine/scan.js';
import { HISTORY_REMEDIATION } from '../report/history.js';
import type { ActionSettings } from './inputs.js';

export function isFullMode(settings: ActionSettings): boolean {
  return settings.mode === 'full' || (settings.mode === 'auto' && !isPullRequestEventName(process.env.GITHUB_EVENT_NAME ?? ''));
}

/** The sweep's result, or undefined when the step should scan the files (no `history`, or a pull request). */
export async function historySweep(settings: ActionSettings, summaryLines: string[]): Promise<(ScanResult & { history: HistoryInfo }) | undefined> {
  if (!settings.history) return undefined;
  if (!isFullMode(settings)) {
    summaryLines.push('`history: true` applies to full mode only (a scheduled or push workflow); this run scanned the files.');
    return undefined;
  }
  const result = await sweepHistory({
    path: settings.path,
    ...(settings.config ? { configFile: settings.config } : {}),
    ...(settings.baseline ? { baselineFile: settings.baseline } : {}),
  });
  if (result.history.shallow) core.warning('Gatewarden history sweep: this is a shallow clone, so older commits were not scanned. Set `fetch-depth: 0` on actions/checkout.');
  summaryLines.push(`History sweep: ${result.history.commits} commit(s) reachable from \`${result.history.range}\`; each finding is located at the commit that introduced it.`);
  if (result.findings.some((f) => !f.suppressed)) summaryLines.push('', ...HISTORY_REMEDIATION.map((line, i) => `${i + 1}. ${line}`));
  return result;
}
