import type { Finding, Note } from '../model/finding.js';
import type { HistoryInfo } from '../model/history.js';
import type { RuleMeta } from '../model/rule.js';
import { atOrAbove, SEVERITIES, type Severity } from '../model/severity.js';

/** What a scan found, as every reporter gets it: findings (already redacted), notes, and the rule catalogue. */
export interface ScanReport {
  findings: readonly Finding[];
  notes: readonly Note[];
  catalogue: readonly RuleMeta[];
  stats: { files: number; bytes: number; skipped: number; durationMs: number };
  /** Set for a history sweep (`scan --history`): findings are located at the commit that introduced them. */
  history?: HistoryInfo;
  /** The baseline that hid known findings, relative to the scanned root; `automatic` when found, not named. */
  baseline?: { file: string; automatic: boolean };
}

/** How a report is presented; nothing here changes what was found. */
export interface FormatOptions {
  /** Include suppressed findings in the output (text and JSON only; never SARIF or annotations). */
  showSuppressed: boolean;
  /** SARIF `automationDetails.id` category, e.g. `gatewarden/`. */
  category?: string;
  color: boolean;
  /**
   * The reporting floor: findings below it are left out of the listing and counted instead (the closing line of
   * the text report, `summary.notShown` in JSON). Separate from `--fail-on`: a hidden finding still fails the run
   * when it is at or above the threshold. Default: every finding (`info`).
   */
  minSeverity?: Severity;
  /** Text: each finding's full remediation instead of its first sentence. */
  verbose?: boolean;
}

/** A report as the pieces it is written in (report/stream.ts); the report is their concatenation. */
export type ReportStream = (report: ScanReport, options: FormatOptions) => Iterable<string>;
/** A report as one text. */
export type Reporter = (report: ScanReport, options: FormatOptions) => string;

/** The whole text of a streamed report. */
export function render(stream: ReportStream): Reporter {
  return (report, options) => {
    let text = '';
    for (const chunk of stream(report, options)) text += chunk;
    return text;
  };
}

/** Whether a finding clears the reporting floor. */
export function shown(f: Finding, options: Pick<FormatOptions, 'minSeverity'>): boolean {
  return atOrAbove(f.severity, options.minSeverity ?? 'info');
}

/** The findings a listing shows: suppressed ones only on request, and none below the reporting floor. */
export function visible(report: ScanReport, options: FormatOptions): Finding[] {
  return report.findings.filter((f) => (options.showSuppressed || !f.suppressed) && shown(f, options));
}

/** Findings left out by the reporting floor alone (not suppressed, below `minSeverity`), to be counted. */
export function belowFloor(report: ScanReport, options: Pick<FormatOptions, 'minSeverity'>): Finding[] {
  return report.findings.filter((f) => !f.suppressed && !shown(f, options));
}

/**
 * "12 low/info findings not shown: --min-severity info": what the floor hid and the setting that shows it
 * (`how` spells it as the caller takes it: the CLI's `--min-severity`, the action's input `severity`).
 */
export function notShownLine(hidden: readonly Finding[], how = (s: Severity) => `--min-severity ${s}`): string {
  const severities = SEVERITIES.filter((s) => hidden.some((f) => f.severity === s));
  const lowest = severities[severities.length - 1] ?? 'info';
  return `${hidden.length} ${severities.join('/')} finding${hidden.length === 1 ? '' : 's'} not shown: ${how(lowest)}`;
}
