/** JSON output. Schema documented in docs/json-format.md; bump JSON_SCHEMA_VERSION on any breaking change. */
import { TOOL_NAME, TOOL_VERSION } from '../model/version.js';
import { SEVERITIES } from '../model/severity.js';
import type { Finding } from '../model/finding.js';
import { jsonWithArray } from './stream.js';
import { belowFloor, visible, type ReportStream } from './types.js';

export const JSON_SCHEMA_VERSION = 1;

export const jsonReport: ReportStream = (report, options) => {
  const active = report.findings.filter((f) => !f.suppressed);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length]));
  const notShown = belowFloor(report, options).length;
  const titles = new Map(report.catalogue.map((r) => [r.id, r.title]));
  const shape = (f: Finding) => ({
    ruleId: f.ruleId,
    title: titles.get(f.ruleId) ?? f.ruleId,
    severity: f.severity,
    message: f.message,
    location: f.location,
    fingerprint: f.fingerprint,
    ...(f.redacted ? { redacted: f.redacted } : {}),
    ...(f.fix ? { fix: f.fix } : {}),
    ...(f.properties ? { properties: f.properties } : {}),
    ...(f.suppressed ? { suppressed: f.suppressed } : {}),
  });
  const skeleton = (findings: unknown) => ({
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    summary: { findings: active.length, suppressed: report.findings.length - active.length, ...(notShown ? { notShown } : {}), bySeverity, ...report.stats, ...(report.history ? { history: report.history } : {}) },
    findings,
    notes: report.notes,
  });
  // Findings are shaped and written one at a time (report/stream.ts).
  return (function* () {
    yield* jsonWithArray(skeleton, (function* () {
      for (const f of visible(report, options)) yield shape(f);
    })());
    yield '\n';
  })();
};
