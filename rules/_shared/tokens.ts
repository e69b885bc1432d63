/**
 * The check of a token rule (a rule with a `token` spec, src/model/token.ts). The engine's token detector has found
 * the file's tokens before the rules ran (src/engine/check/tokens.ts); a token rule reports its own, the value passed
 * as `secret` (redacted and fingerprinted by the engine, never printed).
 */
import { at } from '../../src/model/location.js';
import type { RuleContext } from '../../src/model/rule.js';
import type { TextTarget } from '../../src/model/target.js';
import type { TokenMatch } from '../../src/model/token.js';

/** `action`: what to do about one match, when it differs from the spec's `action` (a published access key). */
export function reportTokens(target: TextTarget, ctx: RuleContext, action?: (m: TokenMatch) => string | undefined): void {
  for (const m of ctx.tokens.own) {
    ctx.report({
      at: at.range(m.start, m.end),
      message: `${m.spec.describe}${m.encoded ? ` (${m.encoded}-encoded)` : ''} in ${target.file}: ${action?.(m) ?? m.spec.action}.`,
      secret: m.secret,
    });
  }
}
