/** Terminal report: grouped by file, most useful first, coloured on a TTY (NO_COLOR respected by the caller). */
import { SEVERITIES, type Severity } from '../model/severity.js';
import { formatBytes } from '../lib/format.js';
import { stripMd } from './rule-doc.js';
import { HISTORY_REMEDIATION } from './history.js';
import { terminal } from './escape.js';
import { visible, type ReportStream } from './types.js';

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
 * Control characters in paths, messages and redacted previews (a file may be named `x\n::error::…`, a password
 * may start with ESC) are shown escaped (report/escape.ts), so nothing scanned can forge report lines, move the
 * terminal's cursor, reverse the text (bidi) or forge workflow commands when this output lands in a CI log.
 */
const printable = terminal;

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
      yield line(`  ${paint('dim', pos)} ${sev} ${f.ruleId}  ${printable(titles.get(f.ruleId) ?? '')}${suppressed}`);
      yield line(`  ${' '.repeat(8)} ${' '.repeat(8)} ${printable(f.message)}${f.redacted ? ` ${paint('dim', `[${printable(f.redacted)}]`)}` : ''}`);
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
  ].filter(Boolean);
  yield line(`${head} · ${paint('dim', tail.join(' · '))}`);
};
