/** Helpers for token rules over text: run a pattern over a file and report each match as a secret. */
import { at } from '../../src/model/location.js';
import type { RuleContext } from '../../src/model/rule.js';
import type { TextTarget } from '../../src/model/target.js';

/**
 * Reports every match of `pattern` (global, with the secret in capture group `secret` or the whole match).
 * Patterns must be linear-time: anchored on a fixed prefix, bounded quantifiers, no nested repetition.
 */
export function reportMatches(target: TextTarget, ctx: RuleContext, pattern: RegExp, describe: string, accept: (secret: string) => boolean = () => true): void {
  pattern.lastIndex = 0;
  for (const m of target.text.matchAll(pattern)) {
    const secret = m.groups?.secret ?? m[0];
    if (!accept(secret)) continue;
    const start = (m.index ?? 0) + m[0].indexOf(secret);
    ctx.report({
      at: at.range(start, start + secret.length),
      message: `${describe} in ${target.file}.`,
      secret,
    });
  }
}
