import type { Finding, Note } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import type { HistoryInfo } from '../engine/history.js';

/** Everything a reporter gets: findings (already redacted), notes, and the read-only rule catalogue. */
export interface ReportInput {
  findings: readonly Finding[];
  notes: readonly Note[];
  catalogue: readonly RuleMeta[];
  stats: { files: number; bytes: number; skipped: number; durationMs: number };
  /** Include suppressed findings in the output (text and JSON only; never SARIF or annotations). */
  showSuppressed: boolean;
  /** SARIF `automationDetails.id` category, e.g. `gatewarden/`. */
  category?: string;
  color: boolean;
  /** Set for a history sweep (`scan --history`): findings are located at the commit that introduced them. */
  history?: HistoryInfo;
}

/** A report as the pieces it is written in (report/stream.ts); the report is their concatenation. */
export type ReportStream = (input: ReportInput) => Iterable<string>;
/** A report as one text. */
export type Reporter = (input: ReportInput) => string;

/** The whole text of a streamed report. */
export function render(stream: ReportStream): Reporter {
  return (input) => {
    let text = '';
    for (const chunk of stream(input)) text += chunk;
    return text;
  };
}

export function visible(input: ReportInput): Finding[] {
  return input.findings.filter((f) => input.showSuppressed || !f.suppressed);
}
