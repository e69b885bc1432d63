/**
 * The view people read (text report, job summary) groups a service's hardening notes into one entry: a compose
 * file with five services would otherwise repeat "no cap_drop", "no no-new-privileges", "no read_only", "no memory
 * limit" five times each. The grouping is a view over the findings, not a change to them: every member keeps its
 * rule id (what suppression names), its location, its fix and its fingerprint, and the machine formats (JSON,
 * SARIF, GitLab, JUnit, compact) list one finding per rule as before (docs/output.md#hardening-notes).
 */
import type { Finding } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import { bySeverityDesc, type Severity } from '../model/severity.js';

/** One line of a listing: a finding, or a service's hardening notes together. */
export type Entry = { kind: 'finding'; finding: Finding } | HardeningGroup;

export interface HardeningGroup {
  kind: 'group';
  file: string;
  service: string;
  /** The most severe of the members. */
  severity: Severity;
  /** In file order; at least two. */
  members: Finding[];
}

/** Tags of the rules whose findings are settings a service lacks (defence in depth), not exposures. */
const HARDENING_TAGS = new Set(['hardening', 'availability']);
/** Only notes are grouped: a finding of medium or above stands on its own line whatever its rule. */
const NOTE_SEVERITIES: ReadonlySet<Severity> = new Set(['low', 'info']);

/** The service a finding is a hardening note about, or undefined when it is not one. */
export function hardeningService(f: Finding, rule: Pick<RuleMeta, 'tags'> | undefined): string | undefined {
  const service = f.properties?.service;
  if (typeof service !== 'string' || f.suppressed || !NOTE_SEVERITIES.has(f.severity)) return undefined;
  return rule?.tags?.some((t) => HARDENING_TAGS.has(t)) ? service : undefined;
}

/**
 * The findings of one listing as entries, in their order: the hardening notes of one service in one file become
 * one group, placed where its first member was; a service with a single note keeps it as a plain finding.
 */
export function groupHardening(findings: readonly Finding[], catalogue: readonly Pick<RuleMeta, 'id' | 'tags'>[]): Entry[] {
  const rules = new Map(catalogue.map((r) => [r.id, r]));
  const keyOf = (f: Finding) => {
    const service = hardeningService(f, rules.get(f.ruleId));
    // JSON.stringify: a file or service name may hold any character, so no separator could be trusted.
    return service === undefined ? undefined : JSON.stringify([f.location.file, service]);
  };
  const members = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = keyOf(f);
    if (key !== undefined) members.set(key, [...(members.get(key) ?? []), f]);
  }
  const entries: Entry[] = [];
  const placed = new Set<string>();
  for (const f of findings) {
    const key = keyOf(f);
    const group = key === undefined ? undefined : members.get(key);
    if (key === undefined || !group || group.length < 2) {
      entries.push({ kind: 'finding', finding: f });
      continue;
    }
    if (placed.has(key)) continue;
    placed.add(key);
    const severity = [...group].sort((a, b) => bySeverityDesc(a.severity, b.severity))[0]?.severity ?? f.severity;
    entries.push({ kind: 'group', file: f.location.file, service: String(f.properties?.service), severity, members: group });
  }
  return entries;
}

/** The headline of a group: `Service "gateway": 4 hardening settings missing`. */
export function groupHeadline(g: HardeningGroup): string {
  return `Service "${g.service}": ${g.members.length} hardening settings missing`;
}
