import type { Finding, Note } from '../model/finding.js';
import type { HistoryInfo } from '../model/history.js';
import type { RuleMeta } from '../model/rule.js';

/** What a scan found, as every reporter gets it: findings (already redacted), notes, and the rule catalogue. */
export interface ScanReport {
  findings: readonly Finding[];
  notes: readonly Note[];
  catalogue: readonly RuleMeta[];
  stats: { files: number; bytes: number; skipped: number; durationMs: number };
  /** Set for a history sweep (`scan --history`): findings are located at the commit that introduced them. */
  history?: HistoryInfo;
}

/** How a report is presented; nothing here changes what was found. */
export interface FormatOptions {
  /** Include suppressed findings in the output (text and JSON only; never SARIF or annotations). */
  showSuppressed: boolean;
  /** SARIF `automationDetails.id` category, e.g. `gatewarden/`. */
  category?: string;
  color: boolean;
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

export function visible(report: ScanReport, options: FormatOptions): Finding[] {
  return report.findings.filter((f) => options.showSuppressed || !f.suppressed);
}
