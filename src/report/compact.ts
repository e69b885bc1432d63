/**
 * `file:line:col: severity rule message`, one finding a line, for editors (the `%f:%l:%c: %m` error format) and
 * grep. Control characters in names and messages are shown escaped, so every finding stays one line.
 */
import { printable } from './text.js';
import { visible, type ReportStream } from './types.js';

export const compactReport: ReportStream = function* (report, options) {
  for (const f of visible(report, options)) {
    const l = f.location;
    const value = f.redacted ? ` (value: ${f.redacted})` : '';
    const suppressed = f.suppressed ? ` [suppressed: ${f.suppressed.kind}]` : '';
    yield `${printable(l.file)}:${l.startLine}:${l.startColumn}: ${f.severity} ${f.ruleId} ${printable(f.message)}${value}${suppressed}\n`;
  }
};
