/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: one run, every rule of the catalogue (so alerts of a rule
 * that stops firing close), repository-relative URIs, regions, `security-severity`, Gatewarden's own
 * `partialFingerprints` key, and `automationDetails.id` from the category. Suppressed findings are left out:
 * GitHub ignores `result.suppressions` and would open them as alerts. Info findings are `note`s without a
 * `security-severity` (nor does a rule whose default is info), so a safe default does not become a Low alert.
 * Findings below the reporting floor (`--min-severity`; default info, so none) are left out too.
 */
import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import type { Finding } from '../model/finding.js';
import { bySeverityDesc, sarifLevel, securitySeverity } from '../model/severity.js';
import { FINGERPRINT_KEY } from '../model/finding.js';
import { ruleDocUrl, TOOL_NAME, TOOL_URI, TOOL_VERSION } from '../model/version.js';
import { ruleHelpMarkdown, ruleHelpText, stripMd } from './rule-doc.js';
import { sarifUri } from './escape.js';
import { jsonWithArray } from './stream.js';
import { shown, type ReportStream, type ScanReport } from './types.js';

const MAX_DESCRIPTION = 1024;
/** GitHub code scanning rejects a run with more results than this (it does not cut): the report keeps the most severe. */
export const MAX_SARIF_RESULTS = 25_000;

/** The findings a SARIF run holds: every unsuppressed one, or the MAX_SARIF_RESULTS most severe, in report order. */
export function sarifFindings(findings: readonly Finding[]): { kept: ReadonlySet<Finding> | undefined; total: number } {
  const active = findings.filter((f) => !f.suppressed);
  if (active.length <= MAX_SARIF_RESULTS) return { kept: undefined, total: active.length };
  const ranked = [...active].sort((a, b) => bySeverityDesc(a.severity, b.severity));
  return { kept: new Set(ranked.slice(0, MAX_SARIF_RESULTS)), total: active.length };
}

function clip(s: string, n = MAX_DESCRIPTION): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

export const sarifReport: ReportStream = (report, options) => {
  const rules: ReportingDescriptor[] = report.catalogue.map((r) => ({
    id: r.id,
    name: r.id.replace(/[._](\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
    shortDescription: { text: clip(r.title) },
    fullDescription: { text: clip(stripMd(r.description)) },
    help: { text: ruleHelpText(r), markdown: ruleHelpMarkdown(r) },
    helpUri: ruleDocUrl(r.id),
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: {
      tags: ['security', ...(r.tags ?? [])].slice(0, 10),
      precision: r.precision ?? 'high',
      // An info rule is no security alert: without a score GitHub shows its results as notes, not Low alerts.
      ...(r.severity === 'info' ? {} : { 'security-severity': securitySeverity(r.severity) }),
    },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const { kept, total } = sarifFindings(report.findings.filter((f) => shown(f, options)));
  const capped: Notification[] = kept
    ? [{ level: 'warning' as const, message: { text: `${total - MAX_SARIF_RESULTS} of ${total} results left out: GitHub code scanning accepts at most 25,000 per run; the most severe are kept.` }, descriptor: { id: 'sarif.truncated' } }]
    : [];

  const run: Omit<Run, 'results'> = {
    tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: TOOL_URI, rules } },
    columnKind: 'utf16CodeUnits',
    originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the scanned repository.' } } },
    invocations: [
      {
        executionSuccessful: !report.notes.some((n) => n.level === 'error'),
        toolExecutionNotifications: report.notes.map((n): Notification => ({
          level: n.level === 'info' ? 'note' : n.level,
          message: { text: n.file ? `${n.file}: ${n.message}` : n.message },
          descriptor: { id: n.code },
        })).concat(capped),
      },
    ],
  };
  if (options.category) run.automationDetails = { id: options.category.endsWith('/') ? options.category : `${options.category}/` };
  // `results` keeps its place after `tool` (key order is part of the output); the results themselves are made
  // and written one at a time (report/stream.ts).
  const log = (results: unknown): Log => {
    const { tool, ...rest } = run;
    return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool, results: results as Result[], ...rest }] };
  };
  function* results(): Generator<Result> {
    for (const f of report.findings) if (!f.suppressed && shown(f, options) && (!kept || kept.has(f))) yield sarifResult(f, index.get(f.ruleId), report);
  }
  return (function* () {
    yield* jsonWithArray(log, results());
    yield '\n';
  })();
};

function sarifResult(f: Finding, ruleIndex: number | undefined, report: ScanReport): Result {
  const result: Result = {
    ruleId: f.ruleId,
    level: sarifLevel(f.severity),
    message: { text: f.redacted ? `${f.message} (value: ${f.redacted})` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: sarifUri(f.location.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.location.startLine, startColumn: f.location.startColumn, endLine: f.location.endLine, endColumn: f.location.endColumn },
        },
      },
    ],
    // A history finding's file is often gone from the checkout, where upload-sarif cannot compute a line
    // hash: without one GitHub would open a new alert on every sweep. Ours is stable across sweeps.
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint, ...(report.history ? { primaryLocationLineHash: `${f.fingerprint.slice(0, 16)}:1` } : {}) },
    properties: { severity: f.severity, ...(f.severity === 'info' ? {} : { 'security-severity': securitySeverity(f.severity) }), ...(f.properties ?? {}) },
  };
  if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
  if (f.fix) {
    result.fixes = [
      {
        description: { text: f.fix.description },
        artifactChanges: [
          {
            artifactLocation: { uri: sarifUri(f.fix.location.file), uriBaseId: '%SRCROOT%' },
            replacements: [
              {
                deletedRegion: { startLine: f.fix.location.startLine, startColumn: f.fix.location.startColumn, endLine: f.fix.location.endLine, endColumn: f.fix.location.endColumn },
                insertedContent: { text: f.fix.replacement },
              },
            ],
          },
        ],
      },
    ];
  }
  return result;
}
