/**
 * The formats other CI systems read, each checked against what its consumer documents:
 * - `gitlab`: GitLab's Code Quality report (an array of issues with `description`, `check_name`, `fingerprint`,
 *   `severity` in info|minor|major|critical|blocker, `location.path`, `location.lines.begin`; fingerprints unique);
 * - `junit`: well-formed XML (a strict checker, test/support/xml.ts) shaped as Jenkins reads it: `testsuites` >
 *   `testsuite` per rule family > `testcase` per file, at most one `failure` each (Jenkins keeps only the first);
 * - `compact`: `file:line:col: severity rule message`, exactly one line per finding.
 * Hostile names (control characters, markup, quotes) come through each one escaped and whole.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scanReport } from '../src/app/scan-repository.js';
import { scan } from '../src/engine/scan.js';
import type { Finding } from '../src/model/finding.js';
import { ruleDocUrl } from '../src/model/version.js';
import { REPORTERS } from '../src/report/index.js';
import { xmlAttr, xmlText } from '../src/report/junit.js';
import type { FormatOptions, ScanReport } from '../src/report/types.js';
import { FIXTURES } from './helpers.js';
import { parseXml, type XmlElement } from './support/xml.js';

const OPTIONS: FormatOptions = { showSuppressed: false, category: 'gatewarden/', color: false, minSeverity: 'info' };

/** The checks of GitLab's documented Code Quality format; returns what is wrong with a report, nothing when valid. */
function codeQualityErrors(doc: unknown): string[] {
  const errors: string[] = [];
  if (!Array.isArray(doc)) return ['the report is not an array'];
  const fingerprints = new Set<string>();
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
  doc.forEach((issue: unknown, i) => {
    const it = issue as Record<string, unknown> | null;
    if (typeof it !== 'object' || it === null) return void errors.push(`[${i}] is not an object`);
    if (!nonEmpty(it.description)) errors.push(`[${i}].description must be a non-empty string`);
    if (!nonEmpty(it.check_name)) errors.push(`[${i}].check_name must be a non-empty string`);
    if (!nonEmpty(it.fingerprint)) errors.push(`[${i}].fingerprint must be a non-empty string`);
    else if (fingerprints.has(it.fingerprint as string)) errors.push(`[${i}].fingerprint is not unique`);
    else fingerprints.add(it.fingerprint as string);
    if (!['info', 'minor', 'major', 'critical', 'blocker'].includes(it.severity as string)) errors.push(`[${i}].severity must be one of info, minor, major, critical, blocker`);
    const location = it.location as { path?: unknown; lines?: { begin?: unknown } } | undefined;
    if (!nonEmpty(location?.path) || /^(\/|[a-z]+:)/i.test(location?.path as string)) errors.push(`[${i}].location.path must be a relative path`);
    const begin = location?.lines?.begin;
    if (!Number.isInteger(begin) || (begin as number) < 1) errors.push(`[${i}].location.lines.begin must be a line number`);
  });
  return errors;
}

const loc = (file: string, line: number) => ({ file, startLine: line, startColumn: 2, endLine: line, endColumn: 5 });
const HOSTILE_FILE = 'a\n::error::x/<b>&"\'\u001b[31m]]>\ud800.yml';
const hostile: Finding[] = [
  { ruleId: 'compose.privileged', severity: 'critical', message: 'Service "<x>" & \'y\' runs\r\nprivileged ]]> \u0000', location: loc(HOSTILE_FILE, 3), fingerprint: 'a'.repeat(32) },
  { ruleId: 'compose.cap_drop_missing', severity: 'low', message: 'm2', location: loc(HOSTILE_FILE, 5), fingerprint: 'b'.repeat(32), properties: { service: 'x' } },
  { ruleId: 'secrets.anthropic_api_key', severity: 'critical', message: 'Anthropic API key', location: loc('.env', 1), fingerprint: 'c'.repeat(32), redacted: 'sk-a…(108 chars)' },
  { ruleId: 'compose.read_only_missing', severity: 'info', message: 'info note', location: loc('compose.yaml', 2), fingerprint: 'd'.repeat(32) },
  { ruleId: 'compose.privileged', severity: 'critical', message: 'suppressed', location: loc('compose.yaml', 9), fingerprint: 'e'.repeat(32), suppressed: { kind: 'inline' } },
];
const hostileReport: ScanReport = { findings: hostile, notes: [], catalogue: RULES, stats: { files: 3, bytes: 10, skipped: 0, durationMs: 3 } };

let demo: ScanReport | undefined;
async function demoReport(): Promise<ScanReport> {
  demo ??= scanReport(await scan({ paths: [path.join(FIXTURES, 'demo-repo')], rules: RULES }));
  return demo;
}

describe('--format gitlab (GitLab Code Quality)', () => {
  it('has a schema check that rejects what GitLab would not read (control)', () => {
    expect(codeQualityErrors({})).toEqual(['the report is not an array']);
    const good = { description: 'd', check_name: 'c', fingerprint: 'f', severity: 'major', location: { path: 'a.yml', lines: { begin: 1 } } };
    expect(codeQualityErrors([good])).toEqual([]);
    expect(codeQualityErrors([good, good])).toEqual(['[1].fingerprint is not unique']);
    expect(codeQualityErrors([{ ...good, severity: 'high' }])).toHaveLength(1);
    expect(codeQualityErrors([{ ...good, location: { path: '/abs/a.yml', lines: { begin: 0 } } }])).toHaveLength(2);
    expect(codeQualityErrors([{ ...good, description: '' }])).toHaveLength(1);
  });

  it('writes one valid issue per finding of the demo scan, with severities mapped', async () => {
    const report = await demoReport();
    const doc = JSON.parse(REPORTERS.gitlab(report, OPTIONS)) as { check_name: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } }[];
    expect(codeQualityErrors(doc)).toEqual([]);
    const active = report.findings.filter((f) => !f.suppressed);
    expect(doc).toHaveLength(active.length);
    expect(doc.map((d) => [d.check_name, d.fingerprint, d.location.path, d.location.lines.begin])).toEqual(active.map((f) => [f.ruleId, f.fingerprint, f.location.file, f.location.startLine]));
    const map = { critical: 'blocker', high: 'critical', medium: 'major', low: 'minor', info: 'info' } as const;
    expect(doc.map((d) => d.severity)).toEqual(active.map((f) => map[f.severity]));
  });

  it('leaves out suppressed findings and those below the floor, and keeps hostile text intact', () => {
    const doc = JSON.parse(REPORTERS.gitlab(hostileReport, OPTIONS)) as { description: string; location: { path: string } }[];
    expect(codeQualityErrors(doc)).toEqual([]);
    expect(doc).toHaveLength(4);
    expect(doc[0]?.location.path).toBe(HOSTILE_FILE);
    expect(doc[0]?.description).toBe(hostile[0]?.message);
    expect(doc[2]?.description).toBe('Anthropic API key (value: sk-a…(108 chars))');
    expect(JSON.parse(REPORTERS.gitlab(hostileReport, { ...OPTIONS, minSeverity: 'low' }))).toHaveLength(3);
    expect(JSON.parse(REPORTERS.gitlab({ ...hostileReport, findings: [] }, OPTIONS))).toEqual([]);
  });
});

const children = (el: XmlElement | undefined, name: string) => (el?.children ?? []).filter((c) => c.name === name);

describe('--format junit (JUnit XML as Jenkins reads it)', () => {
  it('has a checker that rejects malformed XML (control)', () => {
    const bad = [
      '<a><b></a></b>',
      '<a x="1" x="2"/>',
      '<a>&foo;</a>',
      '<a>1 < 2</a>',
      '<a>x ]]> y</a>',
      '<a x="<"/>',
      '<a/><b/>',
      '<a>\u0001</a>',
      '<a>&#1;</a>',
      '<a>\ud800</a>',
      '<a><!-- a -- b --></a>',
      '<a',
      '<a x=1/>',
    ];
    for (const doc of bad) expect(() => parseXml(doc), doc).toThrow();
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="&lt;&#10;">t&amp;<b/>&#x1F600;</a>\n')).toEqual({ name: 'a', attrs: { x: '<\n' }, children: [{ name: 'b', attrs: {}, children: [], text: '' }], text: 't&\u{1F600}' });
  });

  it('escapes so that a parser reads back the text (minus what XML cannot hold, shown as escapes)', () => {
    const s = 'a<b>&"\'\t\n\r ]]> \u0000 \ud800 ok';
    const visible = 'a<b>&"\'\t\n\r ]]> \\u0000 \\ud800 ok';
    expect(parseXml(`<a x="${xmlAttr(s)}">${xmlText(s)}</a>`)).toMatchObject({ attrs: { x: visible }, text: visible });
  });

  it('is one suite per rule family, one failed test case per file, every finding in its failure', async () => {
    const report = await demoReport();
    const active = report.findings.filter((f) => !f.suppressed);
    const root = parseXml(REPORTERS.junit(report, OPTIONS));
    expect(root.name).toBe('testsuites');
    const suites = children(root, 'testsuite');
    const families = [...new Set(active.map((f) => f.ruleId.split('.')[0]))].sort();
    expect(suites.map((s) => s.attrs.name)).toEqual(families.map((f) => `gatewarden.${f}`));
    let cases = 0;
    let listed = 0;
    for (const suite of suites) {
      const tcs = children(suite, 'testcase');
      expect(suite.attrs.tests).toBe(String(tcs.length));
      expect(suite.attrs.failures).toBe(String(tcs.length));
      const family = suite.attrs.name?.slice('gatewarden.'.length);
      const files = [...new Set(active.filter((f) => f.ruleId.split('.')[0] === family).map((f) => f.location.file))].sort();
      expect(tcs.map((t) => t.attrs.name)).toEqual(files);
      for (const tc of tcs) {
        cases++;
        expect(tc.attrs.classname).toBe(suite.attrs.name);
        const failures = children(tc, 'failure');
        expect(failures).toHaveLength(1);
        const mine = active.filter((f) => f.ruleId.split('.')[0] === family && f.location.file === tc.attrs.name);
        expect(failures[0]?.attrs.message).toMatch(new RegExp(`^${mine.length} findings? \\(`));
        for (const f of mine) {
          expect(failures[0]?.text).toContain(`${f.location.file}:${f.location.startLine}:${f.location.startColumn}: ${f.severity} ${f.ruleId} `);
          expect(failures[0]?.text).toContain(`Docs: ${ruleDocUrl(f.ruleId)}`);
          listed++;
        }
      }
    }
    expect(listed).toBe(active.length);
    expect(root.attrs).toMatchObject({ tests: String(cases), failures: String(cases) });
  });

  it('reads back hostile names whole, leaves out suppressed and below-floor findings, and passes a clean scan', () => {
    const root = parseXml(REPORTERS.junit(hostileReport, { ...OPTIONS, minSeverity: 'low' }));
    const tcs = children(root, 'testsuite').flatMap((s) => children(s, 'testcase'));
    // Both compose findings of the hostile file are one test case; the newline survives as a reference.
    expect(tcs.map((t) => t.attrs.name)).toEqual([HOSTILE_FILE.replace('\u001b', '\\u001b').replace('\ud800', '\\ud800'), '.env']);
    const text = tcs.map((t) => children(t, 'failure')[0]?.text ?? '').join('\n');
    expect(text).toContain('Service "<x>" & \'y\' runs\r\nprivileged ]]> \\u0000');  // CR kept as a reference, so a parser gives it back
    expect(text).not.toContain('info note');
    expect(text).not.toContain('suppressed');
    const clean = parseXml(REPORTERS.junit({ ...hostileReport, findings: [] }, OPTIONS));
    const suites = children(clean, 'testsuite');
    expect(suites).toHaveLength(1);
    expect(children(suites[0], 'testcase')).toHaveLength(1);
    expect(children(children(suites[0], 'testcase')[0], 'failure')).toEqual([]);
    expect(clean.attrs).toMatchObject({ tests: '1', failures: '0' });
  });
});

describe('--format compact', () => {
  it('is one `file:line:col: severity rule message` line per finding', async () => {
    const report = await demoReport();
    const lines = REPORTERS.compact(report, OPTIONS).split('\n').slice(0, -1);
    const active = report.findings.filter((f) => !f.suppressed);
    expect(lines).toEqual(active.map((f) => `${f.location.file}:${f.location.startLine}:${f.location.startColumn}: ${f.severity} ${f.ruleId} ${f.message}${f.redacted ? ` (value: ${f.redacted})` : ''}`));
  });

  it('keeps a hostile name on its one line, and honours the floor and --show-suppressed', () => {
    const out = REPORTERS.compact(hostileReport, { ...OPTIONS, minSeverity: 'low' });
    const lines = out.split('\n').slice(0, -1);
    expect(lines).toHaveLength(3);
    // Control characters as report/escape.ts's terminal() writes them (the text report's escaping).
    expect(lines[0]).toBe(`a\\n::error::x/<b>&"'\\x1b[31m]]>\ud800.yml:3:2: critical compose.privileged Service "<x>" & 'y' runs\\r\\nprivileged ]]> \\x00`);
    expect(REPORTERS.compact(hostileReport, { ...OPTIONS, showSuppressed: true }).split('\n').at(-2)).toMatch(/ \[suppressed: inline\]$/);
  });
});
