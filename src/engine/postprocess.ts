/**
 * Post-process, in a fixed order of small steps:
 *   per file, while its text is at hand: locate → fingerprint → redact → inline suppression
 *   over the whole scan: config (off / re-grade) → disambiguate → baseline → sort
 * Reporters only ever see the output: located, fingerprinted, redacted findings with no raw secret.
 */
import type { Anchor } from '../model/location.js';
import type { Finding, Report } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import { bySeverityDesc } from '../model/severity.js';
import type { ScanConfig } from './config.js';
import { fingerprint, secretIdentity, sha256 } from './fingerprint.js';
import type { Locator } from './parse/locator.js';
import { redact, scrub } from './redact.js';
import { findDirective, parseDirectives, type Directive } from './suppress.js';

/** What post-processing needs of a file: where things are, and its inline suppressions. */
export class FileContext {
  private directives: Map<number, Directive> | undefined;
  constructor(
    readonly file: string,
    readonly text: string,
    readonly locator: Locator,
  ) {}
  suppression(ruleId: string, line: number): Directive | undefined {
    this.directives ??= parseDirectives(this.text);
    return findDirective(this.directives, ruleId, line);
  }
}

function identityOf(input: Report, ctx: FileContext): string {
  if (input.key !== undefined) return `key:${input.key}`;
  if (input.secret !== undefined) return secretIdentity(input.secret);
  const a: Anchor = input.at;
  switch (a.kind) {
    case 'path':
      return `path:${JSON.stringify(a.path)}:${a.part ?? 'pair'}`;
    case 'file':
      return 'file';
    case 'range':
      return `text:${sha256(ctx.text.slice(a.start, a.end).replace(/\s+/g, ' ').trim())}`;
    case 'position': {
      const start = ctx.locator.lines.lineStart(a.line);
      const end = ctx.locator.lines.lineStart(a.endLine + 1);
      return `text:${sha256(ctx.text.slice(start, end > start ? end : undefined).replace(/\s+/g, ' ').trim())}`;
    }
  }
}

/** Locate, fingerprint, redact and check inline suppressions for one reported finding. */
export function finalize(rule: RuleMeta, input: Report, ctx: FileContext): Finding {
  const location = ctx.locator.locate(input.at);
  const fp = fingerprint(rule.id, location.file, identityOf(input, ctx));
  const secret = input.secret;
  const redacted = secret !== undefined ? redact(secret) : undefined;
  const clean = (s: string) => (secret !== undefined && redacted !== undefined ? scrub(s, secret, redacted) : s);
  const finding: Finding = {
    ruleId: rule.id,
    severity: input.severity ?? rule.severity,
    message: clean(input.message),
    location,
    fingerprint: fp,
  };
  if (redacted !== undefined) finding.redacted = redacted;
  if (input.fix) {
    finding.fix = { description: clean(input.fix.description), location: ctx.locator.locate(input.fix.at), replacement: clean(input.fix.replacement) };
  }
  if (input.properties) {
    finding.properties = Object.fromEntries(Object.entries(input.properties).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v]));
  }
  const directive = ctx.suppression(rule.id, location.startLine);
  // The reason is the user's text and is printed; a key pasted into it is scrubbed like the message.
  if (directive) finding.suppressed = directive.reason ? { kind: 'inline', reason: clean(directive.reason) } : { kind: 'inline' };
  return finding;
}

export function applyConfig(findings: Finding[], config: ScanConfig): Finding[] {
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
