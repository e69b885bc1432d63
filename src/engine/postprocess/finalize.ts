/**
 * Post-processing of one reported finding, while its file is at hand: locate → fingerprint → redact → inline
 * suppression (the rest runs over the whole scan: postprocess/scan-wide.ts). Reporters only ever see the output:
 * located, fingerprinted, redacted findings with no raw secret.
 */
import type { Anchor } from '../../model/location.js';
import type { Finding, Report } from '../../model/finding.js';
import { messageText, type RuleMeta } from '../../model/rule.js';
import type { FileContext } from '../check/file-context.js';
import { fingerprint, secretIdentity, sha256, weakSecret } from './fingerprint.js';
import { redact, redactKeyLikeWords, scrub } from './redact.js';

function identityOf(input: Report, ctx: FileContext): string {
  if (input.key !== undefined) return `key:${input.key}`;
  const secret = input.secret;
  if (secret !== undefined && !weakSecret(secret)) return secretIdentity(secret);
  // A weak secret is identified by its place (and the rule: fingerprint()), never by its value: the text of its
  // line with the value cut out. Changing only the password keeps the finding.
  const cut = (text: string) => (secret !== undefined ? text.split(secret).join('') : text);
  const a: Anchor = input.at;
  switch (a.kind) {
    case 'path':
      return `path:${JSON.stringify(a.path)}:${a.part ?? 'pair'}`;
    case 'file':
      return 'file';
    case 'range': {
      if (secret === undefined) return `text:${sha256(ctx.text.slice(a.start, a.end).replace(/\s+/g, ' ').trim())}`;
      // The range is often the value itself: its whole lines are the place.
      const at = ctx.locator.locate(a);
      const start = ctx.locator.lines.lineStart(at.startLine);
      const end = ctx.locator.lines.lineStart(at.endLine + 1);
      return `text:${sha256(cut(ctx.text.slice(start, end > start ? end : undefined)).replace(/\s+/g, ' ').trim())}`;
    }
    case 'position': {
      const start = ctx.locator.lines.lineStart(a.line);
      const end = ctx.locator.lines.lineStart(a.endLine + 1);
      return `text:${sha256(cut(ctx.text.slice(start, end > start ? end : undefined)).replace(/\s+/g, ' ').trim())}`;
    }
  }
}

/** Locate, fingerprint, redact and check inline suppressions for one reported finding. */
export function finalize(rule: RuleMeta, input: Report, ctx: FileContext): Finding {
  const location = ctx.locator.locate(input.at);
  const fp = fingerprint(rule.id, location.file, identityOf(input, ctx));
  const secret = input.secret;
  const redacted = secret !== undefined ? redact(secret) : undefined;
  const scrubbed = (s: string) => (secret !== undefined && redacted !== undefined ? scrub(s, secret, redacted) : s);
  // Text that quotes names: a name may hold another finding's key (redactKeyLikeWords).
  const clean = (s: string) => redactKeyLikeWords(scrubbed(s));
  const finding: Finding = {
    ruleId: rule.id,
    severity: input.severity ?? rule.severity,
    message: clean(messageText(rule, input)),
    location,
    fingerprint: fp,
  };
  if (input.messageId !== undefined) finding.messageId = input.messageId;
  if (redacted !== undefined) finding.redacted = redacted;
  if (input.fix) {
    finding.fix = { description: clean(input.fix.description), location: ctx.locator.locate(input.fix.at), replacement: scrubbed(input.fix.replacement) };
  }
  if (input.properties) {
    finding.properties = Object.fromEntries(Object.entries(input.properties).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v]));
  }
  const directive = ctx.suppression(rule.id, location.startLine);
  // The reason is the user's text and is printed; a key pasted into it is scrubbed like the message.
  if (directive) finding.suppressed = directive.reason ? { kind: 'inline', reason: clean(directive.reason) } : { kind: 'inline' };
  return finding;
}
