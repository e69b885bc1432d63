/** The action's inputs, read once and validated into typed settings. Nothing else calls core.getInput. */
import * as core from '@actions/core';
import { UsageError } from '../model/errors.js';
import { parseJobs } from '../engine/threads/pool.js';
import { FAIL_ON_VALUES, SEVERITIES, type FailOn, type Severity } from '../model/severity.js';

export interface ActionSettings {
  path: string;
  mode: 'auto' | 'pr' | 'full';
  sarifFile: string;
  failOn: FailOn;
  /** Reporting floor of the annotations and the job summary (not of the SARIF file, nor of `failOn`). */
  severity: Severity;
  annotations: boolean;
  reviewComments: boolean;
  config?: string;
  baseline?: string;
  token: string;
  category: string;
  /** Sweep the git history instead of the files, in full mode (action/history.ts). */
  history: boolean;
  /** Suppressions a pull request adds (baseline entries, inline comments): honoured but listed, or not honoured. */
  prSuppressions: 'review' | 'deny';
  /** Threads for the per-file stage (engine/threads/pool.ts): `auto` or a number. */
  jobs: number | 'auto';
}

function bool(name: string, fallback: boolean): boolean {
  const v = core.getInput(name).trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off'].includes(v)) return false;
  throw new UsageError(`input ${name} must be true or false (got "${v}")`);
}

export function getSettings(): ActionSettings {
  const mode = core.getInput('mode') || 'auto';
  if (!['auto', 'pr', 'full'].includes(mode)) throw new UsageError(`input mode must be auto, pr or full (got "${mode}")`);
  const failOn = core.getInput('fail-on') || 'high';
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn)) throw new UsageError(`input fail-on must be one of ${FAIL_ON_VALUES.join(', ')} (got "${failOn}")`);
  const severity = core.getInput('severity') || 'low';
  if (!(SEVERITIES as readonly string[]).includes(severity)) throw new UsageError(`input severity must be one of ${SEVERITIES.join(', ')} (got "${severity}")`);
  const history = bool('history', false);
  const jobs = parseJobs(core.getInput('jobs'));
  if (jobs === undefined) throw new UsageError(`input jobs must be auto or a whole number from 1 to 64 (got "${core.getInput('jobs')}")`);
  const prSuppressions = core.getInput('pr-suppressions').trim() || 'review';
  if (prSuppressions !== 'review' && prSuppressions !== 'deny') throw new UsageError(`input pr-suppressions must be review or deny (got "${prSuppressions}")`);
  const config = core.getInput('config');
  const baseline = core.getInput('baseline');
  return {
    path: core.getInput('path') || '.',
    mode: mode as ActionSettings['mode'],
    sarifFile: core.getInput('sarif-file') || 'gatewarden.sarif',
    failOn: failOn as FailOn,
    severity: severity as Severity,
    annotations: bool('annotations', true),
    reviewComments: bool('review-comments', false),
    ...(config ? { config } : {}),
    ...(baseline ? { baseline } : {}),
    token: core.getInput('token'),
    // The sweep has its own category: sharing the work-tree scan's would close its alerts.
    category: core.getInput('category') || (history ? 'gatewarden-history/' : 'gatewarden/'),
    history,
    prSuppressions,
    jobs,
  };
}
