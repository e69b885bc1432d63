/** Terminal report: grouped by file, most severe first, coloured on a TTY (NO_COLOR respected by the caller). */
import type { Finding } from '../model/finding.js';
import { SEVERITIES, severityRank, type Severity } from '../model/severity.js';
import { ruleDocUrl } from '../model/version.js';
import { formatBytes } from '../lib/format.js';
import { groupHardening, groupHeadline } from './group.js';
import { fixText, stripMd } from './rule-doc.js';
import { HISTORY_REMEDIATION } from './history.js';
import { terminal } from './escape.js';
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
 * Control characters in paths, messages and redacted previews (a file may be named `x\n::error::…`, a password
 * may start with ESC) are shown escaped (report/escape.ts), so nothing scanned can forge report lines, move the
 * terminal's cursor, reverse the text (bidi) or forge workflow commands when this output lands in a CI log.
 */
export const printable = terminal;

const line = (s: string) => `${s}\n`;
const INDENT = ' '.repeat(20);

/**
 * One chunk per line (report/stream.ts). Files come most severe first (then by path), findings in file order;
 * under each finding its fix in one line and its rule's page (`verbose`: the rule's whole remediation), and a
 * service's hardening notes as one entry (report/group.ts). The last line says what to do next.
 */
export const textReport: ReportStream = function* (report, options) {
  const paint = (c: keyof typeof COLORS, s: string) => (options.color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const rules = new Map(report.catalogue.map((r) => [r.id, r]));
  const findings = visible(report, options);

  const byFile = new Map<string, typeof findings>();
  for (const f of findings) byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);
  const worst = (list: typeof findings) => Math.max(...list.map((f) => severityRank(f.severity)));
  const fileOrder = [...byFile].sort((a, b) => worst(b[1]) - worst(a[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

  const pos = (f: Finding) => `${f.location.startLine}:${f.location.startColumn}`;
  const help = function* (f: Finding, indent: string) {
    const fix = fixText(f, rules.get(f.ruleId), options.verbose);
    if (fix) yield line(`${indent}${paint('bold', 'Fix:')} ${printable(fix)}`);
    yield line(`${indent}${paint('dim', `Docs: ${ruleDocUrl(f.ruleId)}`)}`);
  };
  for (const [file, list] of fileOrder) {
    yield line(paint('bold', printable(file)));
    for (const entry of groupHardening(list, report.catalogue)) {
      if (entry.kind === 'group') {
        yield line(`  ${paint('dim', pos(entry.members[0] ?? list[0]!).padEnd(8))} ${paint(entry.severity, entry.severity.padEnd(8))} ${paint('bold', 'hardening')}  ${printable(groupHeadline(entry))}`);
        // Each member keeps its rule id (what a suppression names), its own fix and its rule's page.
        for (const f of entry.members) {
          const fix = fixText(f, rules.get(f.ruleId), options.verbose) ?? rules.get(f.ruleId)?.title ?? '';
          yield line(`${INDENT}- ${paint('dim', pos(f))} ${paint(f.severity, f.severity)} ${f.ruleId}: ${printable(fix)}`);
          yield line(`${INDENT}  ${paint('dim', `Docs: ${ruleDocUrl(f.ruleId)}`)}`);
        }
        continue;
      }
      const f = entry.finding;
      const suppressed = f.suppressed ? paint('dim', ` [suppressed: ${f.suppressed.kind}${f.suppressed.reason ? ` — ${printable(f.suppressed.reason)}` : ''}]`) : '';
      yield line(`  ${paint('dim', pos(f).padEnd(8))} ${paint(f.severity, f.severity.padEnd(8))} ${f.ruleId}  ${printable(rules.get(f.ruleId)?.title ?? '')}${suppressed}`);
      yield line(`${INDENT}${printable(f.message)}${f.redacted ? ` ${paint('dim', `[${printable(f.redacted)}]`)}` : ''}`);
      if (!f.suppressed) yield* help(f, INDENT);
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
      : `${report.stats.files} file${report.stats.files === 1 ? '' : 's'} (${formatBytes(report.stats.bytes)}) scanned in ${seconds}`,
    report.stats.skipped ? `${report.stats.skipped} skipped` : '',
    suppressedCount ? `${suppressedCount} suppressed` : '',
    hidden.length ? notShownLine(hidden) : '',
  ].filter(Boolean);
  if (report.baseline) {
    const known = report.findings.filter((f) => f.suppressed?.kind === 'baseline').length;
    const how = report.baseline.automatic ? 'found in the scanned directory and applied (--baseline FILE names another)' : 'applied';
    yield line(paint('dim', `Baseline ${printable(report.baseline.file)} ${how}: ${known} known finding${known === 1 ? '' : 's'} hidden (--show-suppressed lists them).`));
  }
  yield line(`${head} · ${paint('dim', tail.join(' · '))}`);
  if (active.length) yield line(NEXT);
};

/** The closing line when anything is left to do. */
export const NEXT =
  'Next: fix each finding as its Fix line says. To accept one, add a comment `gatewarden-ignore <rule-id> -- <reason>` on its line; to accept all of them for now, run `gatewarden baseline` and commit .gatewarden-baseline.json (later scans then show only new findings).';
