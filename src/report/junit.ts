/**
 * JUnit XML as Jenkins (and GitLab, Azure Pipelines, CircleCI) read it: one `<testsuite>` per rule family (the
 * rule id up to its first dot: `compose`, `secrets`, `gateway`), one `<testcase>` per file with findings of that
 * family, failed. Jenkins keeps only the first `<failure>` of a test case, so each test case has one, whose
 * `message` counts the file's findings and whose text lists every one of them: where, severity, rule, message,
 * fix, rule page (docs/output.md#junit). A clean scan is one passing test case, so a `junit` step that requires
 * results still finds one. Suppressed findings and those below the reporting floor (default `low`) are left out.
 *
 * Everything a repository controls (file names, messages) goes through `xmlText` / `xmlAttr`.
 */
import type { Finding } from '../model/finding.js';
import { bySeverityDesc, SEVERITIES } from '../model/severity.js';
import { ruleDocUrl } from '../model/version.js';
import { fixText } from './rule-doc.js';
import { shown, type ReportStream } from './types.js';

/**
 * Characters XML 1.0 does not allow at all, not even as a character reference: C0 controls but tab, LF and CR,
 * lone surrogates, U+FFFE and U+FFFF. They are written as visible escapes (`\u001b`).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

function xmlChars(s: string): string {
  return s.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text content: the characters XML forbids made visible, markup escaped; CR kept as a reference (a parser would turn it into LF). */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/[&<>\r]/g, (c) => ENTITIES[c] ?? c);
}

/** An attribute value in double quotes: also the quotes, and tab/LF/CR as references (attribute normalisation would turn them into spaces). */
export function xmlAttr(s: string): string {
  return xmlChars(s).replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');

/** The root suite and the package of every test class (`gatewarden.compose`): Jenkins groups by package. */
const TOOL = 'gatewarden';
const family = (ruleId: string) => ruleId.split('.')[0] ?? ruleId;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export const junitReport: ReportStream = function* (report, options) {
  const rules = new Map(report.catalogue.map((r) => [r.id, r]));
  const findings = report.findings.filter((f) => !f.suppressed && shown(f, options));
  // family → file → findings, each in order.
  const suites = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    const files = suites.get(family(f.ruleId)) ?? new Map<string, Finding[]>();
    suites.set(family(f.ruleId), files);
    files.set(f.location.file, [...(files.get(f.location.file) ?? []), f]);
  }
  const seconds = (report.stats.durationMs / 1000).toFixed(3);
  const cases = [...suites.values()].reduce((n, files) => n + files.size, 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites${attrs({ name: TOOL, tests: Math.max(cases, 1), failures: cases, errors: 0, time: seconds })}>\n`;
  if (!cases) {
    yield `  <testsuite${attrs({ name: TOOL, tests: 1, failures: 0, errors: 0, skipped: 0, time: seconds })}>\n`;
    yield `    <testcase${attrs({ classname: TOOL, name: `no findings in ${plural(report.stats.files, 'file')}`, time: 0 })}/>\n`;
    yield '  </testsuite>\n';
  }
  for (const name of [...suites.keys()].sort()) {
    const files = suites.get(name) ?? new Map<string, Finding[]>();
    const classname = `${TOOL}.${name}`;
    yield `  <testsuite${attrs({ name: classname, tests: files.size, failures: files.size, errors: 0, skipped: 0, time: 0 })}>\n`;
    for (const file of [...files.keys()].sort()) {
      const list = files.get(file) ?? [];
      const worst = [...list].sort((a, b) => bySeverityDesc(a.severity, b.severity))[0]?.severity ?? 'info';
      const counts = SEVERITIES.map((s) => [s, list.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
      const message = `${plural(list.length, 'finding')} (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})`;
      const body = list
        .map((f) => {
          const fix = fixText(f, rules.get(f.ruleId));
          return [
            `${f.location.file}:${f.location.startLine}:${f.location.startColumn}: ${f.severity} ${f.ruleId} ${f.redacted ? `${f.message} (value: ${f.redacted})` : f.message}`,
            ...(fix ? [`Fix: ${fix}`] : []),
            `Docs: ${ruleDocUrl(f.ruleId)}`,
          ].join('\n');
        })
        .join('\n\n');
      yield `    <testcase${attrs({ classname, name: file, file, time: 0 })}>\n`;
      yield `      <failure${attrs({ message, type: worst })}>${xmlText(body)}</failure>\n`;
      yield '    </testcase>\n';
    }
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
};
