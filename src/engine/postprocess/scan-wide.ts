/**
 * Post-processing over the whole scan, once every finding is in, in this order: config (off / re-grade) →
 * disambiguate → baseline → sort. (Each finding was located, fingerprinted, redacted and checked for inline
 * suppression when it was reported: postprocess/finalize.ts.)
 */
import type { Finding } from '../../model/finding.js';
import { bySeverityDesc } from '../../model/severity.js';
import type { ScanConfig } from '../config.js';
import { sha256 } from './fingerprint.js';

export function applyConfig(findings: readonly Finding[], config: ScanConfig): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const setting = config.rules.get(f.ruleId);
    if (setting === 'off') continue;
    out.push(setting ? { ...f, severity: setting } : f);
  }
  return out;
}

export function applyBaseline(findings: Finding[], baseline: ReadonlySet<string> | undefined): Finding[] {
  if (!baseline) return findings;
  return findings.map((f) => (!f.suppressed && baseline.has(f.fingerprint) ? { ...f, suppressed: { kind: 'baseline' } } : f));
}

/**
 * The same identity twice in one file (one token pasted on two lines) must still give distinct fingerprints:
 * the second and later occurrences, in file order, get an occurrence suffix. An exact duplicate (same
 * fingerprint and same place, e.g. two rules' views of one node) is dropped.
 */
export function disambiguate(findings: Finding[]): Finding[] {
  const sorted = sortFindings(findings);
  const seen = new Map<string, number>();
  const places = new Set<string>();
  const out: Finding[] = [];
  for (const f of sorted) {
    const place = `${f.fingerprint}@${f.location.startLine}:${f.location.startColumn}`;
    if (places.has(place)) continue;
    places.add(place);
    const n = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, n + 1);
    out.push(n === 0 ? f : { ...f, fingerprint: `${f.fingerprint.slice(0, 28)}${sha256(`${f.fingerprint}#${n}`).slice(0, 4)}` });
  }
  return out;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
      a.location.startLine - b.location.startLine ||
      a.location.startColumn - b.location.startColumn ||
      bySeverityDesc(a.severity, b.severity) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** The whole-scan steps in their order, on the findings of the files the scan reports on (`findingsIn`). */
export function postprocess(findings: readonly Finding[], opts: { config: ScanConfig; baseline: ReadonlySet<string> | undefined; findingsIn: ReadonlySet<string> | undefined }): Finding[] {
  const { findingsIn } = opts;
  const wanted = findingsIn ? findings.filter((f) => findingsIn.has(f.location.file)) : findings;
  return sortFindings(applyBaseline(disambiguate(applyConfig(wanted, opts.config)), opts.baseline));
}
