/**
 * An exact tie between two token rules: OpenAI's pattern (`sk-…T3BlbkFJ…`) also matches, over the same span, an
 * Anthropic key whose body happens to hold `T3BlbkFJ`. The tie goes to the lower rule id, never to the order the
 * modules were loaded in (src/engine/check/tokens.ts, `resolveOverlaps`), so the key is reported once, as Anthropic's.
 * These are the only exact ties between today's token rules: every other pair differs in prefix or alphabet.
 */
import { describe, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

// Built at run time, so no token-shaped literal sits in this file. `gatewardenTESTvalue` marks a fake.
const middle = ['gatewardenTESTvalue', 'Qz7Lm2Xp9Rk4', 'T3Blbk', 'FJ', 'Vw1Nc8Bd5Hf3Js6Ty0Ug'].join('');
const pad = (s: string, n: number) => (s + 'Kq4Wz8Rt2Yp6Mn3Bv7Lc9Xh5Dj1Gs0Fa').repeat(4).slice(0, n);
const KEYS = {
  'secrets.anthropic_api_key': ['sk-ant-', 'api03-', pad(middle, 93), 'AA'].join(''),
  'secrets.anthropic_admin_key': ['sk-ant-', 'admin01-', pad(middle, 93), 'AA'].join(''),
  'secrets.anthropic_oauth_token': ['sk-ant-', 'oat01-', pad(middle, 100)].join(''),
};

describe('a token both an Anthropic rule and secrets.openai_api_key match exactly', () => {
  it.each(Object.entries(KEYS))('is reported by %s only', async (ruleId, key) => {
    const files = { 'keys.txt': `${key}\n` };
    await catches(ruleId, files, ['keys.txt:1']);
    await catches('secrets.openai_api_key', files, []);
  });

  it('is an OpenAI key by shape: the same body after `sk-proj-` is reported as one', async () => {
    await catches('secrets.openai_api_key', { 'keys.txt': `${['sk-', 'proj-', pad(middle, 93)].join('')}\n` }, ['keys.txt:1']);
  });
});
