/** JSON output. Schema documented in docs/json-format.md; bump JSON_SCHEMA_VERSION on any breaking change. */
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { SEVERITIES } from '../model/severity.js';
import { visible, type Reporter } from './types.js';

export const JSON_SCHEMA_VERSION = 1;

export const jsonReporter: Reporter = (input) => {
  const findings = visible(input);
  const active = input.findings.filter((f) => !f.suppressed);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length]));
  const titles = new Map(input.catalogue.map((r) => [r.id, r.title]));
  return `${JSON.stringify(
    {
      schemaVersion: JSON_SCHEMA_VERSION,
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      summary: { findings: active.length, suppressed: input.findings.length - active.length, bySeverity, ...input.stats, ...(input.history ? { history: input.history } : {}) },
      findings: findings.map((f) => ({
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
      })),
      notes: input.notes,
    },
    null,
    2,
  )}\n`;
};
