/** Gatewarden's severity scale and its one mapping to SARIF and to GitHub annotation levels. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The `--fail-on` threshold: a severity, or `never`. */
export type FailOn = Severity | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'info', 'never'];

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function severityRank(s: Severity): number {
  return RANK[s];
}

/** Sort comparator: most severe first. */
export function bySeverityDesc(a: Severity, b: Severity): number {
  return RANK[b] - RANK[a];
}

export function atOrAbove(s: Severity, threshold: FailOn): boolean {
  return threshold !== 'never' && RANK[s] >= RANK[threshold];
}

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** OpenClaw's audit speaks critical / warn / info; this is the mapping the brief fixes. */
export function fromAuditSeverity(s: 'critical' | 'warn' | 'info'): Severity {
  return s === 'critical' ? 'critical' : s === 'warn' ? 'medium' : 'info';
}

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/**
 * GitHub buckets `security-severity`: >9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low.
 * The values stay clear of the bucket edges.
 */
export function securitySeverity(s: Severity): string {
  return { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' }[s];
}

/** Findings that fail a run: not suppressed, at or above the threshold. */
export function failing<F extends { severity: Severity; suppressed?: unknown }>(findings: readonly F[], failOn: FailOn): F[] {
  return findings.filter((f) => !f.suppressed && atOrAbove(f.severity, failOn));
}
