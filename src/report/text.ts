/** Terminal report: grouped by file, most useful first, coloured on a TTY (NO_COLOR respected by the caller). */
import { SEVERITIES, type Severity } from '../model/severity.js';
import { formatBytes } from '../lib/format.js';
import { stripMd } from './rule-doc.js';
import { HISTORY_REMEDIATION } from './history.js';
import { belowFloor, notShownLine, visible, type ReportStream } from './types.js';

const COLORS: Record<Severity | 'dim' | 'bold' | 'reset', string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

/**
 * Control characters in paths and messages (a file may be named `x\n::error::…`) are shown escaped, so no file
 * name can forge report lines, terminal escapes or workflow commands when this output lands in a CI log.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const printable = (s: string) => s.replace(/[\x00-\x1f\x7f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

const line = (s: string) => `${s}\n`;

/** One chunk per line (report/stream.ts). */
export const textReport: ReportStream = function* (report, options) {
  const paint = (c: keyof typeof COLORS, s: string) => (options.color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const titles = new Map(report.catalogue.map((r) => [r.id, r.title]));
  const findings = visible(report, options);

  const byFile = new Map<string, typeof findings>();
  for (const f of findings) byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
  for (const [file, list] of byFile) {
    yield line(paint('bold', printable(file)));
    for (const f of list) {
      const pos = `${f.location.startLine}:${f.location.startColumn}`.padEnd(8);
      const sev = paint(f.severity, f.severity.padEnd(8));
      const suppressed = f.suppressed ? paint('dim', ` [suppressed: ${f.suppressed.kind}${f.suppressed.reason ? ` — ${printable(f.suppressed.reason)}` : ''}]`) : '';
      yield line(`  ${paint('dim', pos)} ${sev} ${f.ruleId}  ${titles.get(f.ruleId) ?? ''}${suppressed}`);
      yield line(`  ${' '.repeat(8)} ${' '.repeat(8)} ${printable(f.message)}${f.redacted ? ` ${paint('dim', `[${f.redacted}]`)}` : ''}`);
    }
    yield line('');
  }

  const problems = report.notes.filter((n) => n.level !== 'info');
  if (problems.length) {
    yield line(paint('bold', 'Notes'));
    for (const n of problems) yield line(`  ${n.level === 'error' ? paint('high', 'error  ') : paint('medium', 'warning')} ${n.file ? `${printable(n.file)}: ` : ''}${printable(n.message)}`);
    yield line('');
  }

  const active = report.findings.filter((f) => !f.suppressed);
  if (report.history && active.length) {
    yield line(paint('bold', 'What to do about secrets in the history'));
    for (const [i, step] of HISTORY_REMEDIATION.entries()) yield line(`  ${i + 1}. ${stripMd(step)}`);
    yield line('');
  }
  const counts = SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const suppressedCount = report.findings.length - active.length;
  const hidden = belowFloor(report, options);
  const files = new Set(active.map((f) => f.location.file)).size;
  const head = active.length
    ? `${paint(counts[0]?.[0] ?? 'info', `✖ ${active.length} finding${active.length === 1 ? '' : 's'}`)} (${counts.map(([s, n]) => paint(s, `${n} ${s}`)).join(', ')}) in ${files} file${files === 1 ? '' : 's'}`
    : paint('low', '✔ no findings');
  const seconds = `${(report.stats.durationMs / 1000).toFixed(2)}s`;
  const tail = [
    report.history
      ? `${report.history.commits} commit${report.history.commits === 1 ? '' : 's'} (${formatBytes(report.stats.bytes)} of added lines) scanned in ${seconds}`
      : `${report.stats.files} files (${formatBytes(report.stats.bytes)}) scanned in ${seconds}`,
    report.stats.skipped ? `${report.stats.skipped} skipped` : '',
    suppressedCount ? `${suppressedCount} suppressed` : '',
    hidden.length ? notShownLine(hidden) : '',
  ].filter(Boolean);
  yield line(`${head} · ${paint('dim', tail.join(' · '))}`);
};
