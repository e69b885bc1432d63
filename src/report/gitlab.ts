/**
 * GitLab Code Quality report (`artifacts: reports: codequality:`), shown in merge requests on every tier: a JSON
 * array with one issue per finding, carrying the fields GitLab documents (it ignores the rest of the Code Climate
 * spec): `description`, `check_name`, `fingerprint`, `severity`, `location.path`, `location.lines.begin`.
 * Suppressed findings and those below the reporting floor are left out, as in SARIF. Written with JSON.stringify,
 * which escapes whatever a file name or message holds.
 */
import type { Finding } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import { jsonWithArray } from './stream.js';
import { shown, type ReportStream } from './types.js';

/** GitLab's severities: `info`, `minor`, `major`, `critical`, `blocker`. */
export const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
  info: 'info',
};

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  /** Unique within the report (the engine makes fingerprints unique per scan) and stable across runs. */
  fingerprint: string;
  severity: (typeof GITLAB_SEVERITY)[Severity];
  location: { path: string; lines: { begin: number; end: number } };
}

export function codeQualityIssue(f: Finding): CodeQualityIssue {
  return {
    description: f.redacted ? `${f.message} (value: ${f.redacted})` : f.message,
    check_name: f.ruleId,
    fingerprint: f.fingerprint,
    severity: GITLAB_SEVERITY[f.severity],
    location: { path: f.location.file, lines: { begin: f.location.startLine, end: f.location.endLine } },
  };
}

export const gitlabReport: ReportStream = (report, options) =>
  (function* () {
    // The whole document is the array: the skeleton is the marker itself (report/stream.ts).
    yield* jsonWithArray(
      (marker) => marker,
      (function* () {
        for (const f of report.findings) if (!f.suppressed && shown(f, options)) yield codeQualityIssue(f);
      })(),
    );
    yield '\n';
  })();
