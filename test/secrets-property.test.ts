/**
 * Issue 21's property: a value in a provider's real format is never dropped by a placeholder filter, and a token
 * rule that recognises a type recognises every value of it. Values come from data/secrets/token-formats.json
 * (scripts/secrets-eval/formats.ts) with a seeded stream, so CI draws the same values every run
 * (`SECRETS_PROPERTY_SEED` to explore, `SECRETS_PROPERTY_N` for more). The detector runs directly (no engine), which
 * keeps 1,000 values per type under a minute; `npm run eval:secrets -- --property 100000` runs the full count
 * through the engine (docs/secrets-evaluation.md).
 */
import { describe, expect, it } from 'vitest';
import { generate, seedRandom, TOKEN_TYPES } from '../scripts/secrets-eval/formats.js';
import { isPlaceholder, isTypedPlaceholder } from '../src/lib/placeholders.js';
import { TokenDetector } from '../src/engine/check/tokens.js';
import { RULES } from '../rules/index.js';

const TOKENS = new TokenDetector(RULES);
const findTokens = (text: string, file?: string) => TOKENS.find(text, file);

const N = Number(process.env.SECRETS_PROPERTY_N ?? 1000);
const SEED = process.env.SECRETS_PROPERTY_SEED ?? 'gatewarden-21';
const PER_TEXT = 100;

describe(`token formats: ${N} seeded values per type`, () => {
  for (const type of TOKEN_TYPES) {
    it(`${type.id}: no placeholder filter matches, and a rule that knows the type finds every value`, async () => {
      seedRandom(`${SEED}:${type.id}`);
      const values = Array.from({ length: N }, () => generate(type));
      seedRandom(undefined);
      const filtered = values.filter((v) => isTypedPlaceholder(v) || isPlaceholder(v));
      expect(filtered.length, `${filtered.length} values match a placeholder filter`).toBe(0);
      let found = 0;
      for (let i = 0; i < values.length; i += PER_TEXT) {
        const lines = values.slice(i, i + PER_TEXT).map((v) => `${type.envVar}=${v}`);
        let offset = 0;
        const spans = lines.map((l) => {
          const start = offset + l.indexOf('=') + 1;
          offset += l.length + 1;
          return [start, offset - 1] as const;
        });
        const tokens = await findTokens(lines.join('\n'), '.env');
        found += spans.filter(([a, b]) => tokens.some((t) => t.start < b && a < t.end)).length;
      }
      expect([0, N], `${type.id}: ${found} of ${N} found by token rules`).toContain(found);
    });
  }
});
