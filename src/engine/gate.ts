import type { Finding } from '../model/finding.js';
import { atOrAbove, type FailOn } from '../model/severity.js';

/** Findings that fail the run: not suppressed, at or above the threshold. */
export function failing(findings: readonly Finding[], failOn: FailOn): Finding[] {
  return findings.filter((f) => !f.suppressed && atOrAbove(f.severity, failOn));
}

/** Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage or internal error. */
export function exitCode(findings: readonly Finding[], failOn: FailOn, internalErrors: number): 0 | 1 | 2 {
  if (internalErrors > 0) return 2;
  return failing(findings, failOn).length > 0 ? 1 : 0;
}
