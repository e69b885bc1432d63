/**
 * `namesItself` (src/lib/placeholders.ts): the generic rule's "a person wrote this value" tests (gitleaks' stopwords,
 * `secret`/`password`/`fake`/`dummy`/`stub`/`placeholder`) as typed words, never as substrings of a random body. As
 * substrings (`GITLEAKS_STOPWORDS`, generic.ts `SELF_DESCRIBING`) they dropped random values in the 100,000-per-type
 * property run (issue 21: 0 drops). Cheap: no engine, a few thousand generated values.
 */
import { describe, expect, it } from 'vitest';
import { generate, seedRandom, TOKEN_TYPES } from '../scripts/secrets-eval/formats.js';
import { GITLEAKS_STOPWORDS, namesItself } from '../src/lib/placeholders.js';

describe('namesItself', () => {
  it('a value a person wrote to say what it is', () => {
    for (const v of ['another-secret-value-XYZ789', 'FAKE_A7f9Kq2mZ8', 'my-gateway-token', 'token-123', 'admin123!', 'Password1!', 'dummy_value_42', 'placeholder-9x', 'STUB-4471-KEY', 'myGatewayToken9', 'about.gateway.2024', 'mypersonalaccesstoken123', 'SERVICETOKEN'])
      expect(namesItself(v), v).toBe(true);
  });

  it('never a word a random body spells inside itself (the substring filters dropped these)', () => {
    // Shapes the 100,000-per-type run dropped: the word in mixed case, or touching letters and digits on both sides.
    for (const v of ['q8ZxStUbK2mP9wL4vR7nTb', 'nsec1qabout7x9k2m4p6r8t0v2x4z6', 'Kx9vAdMiN2wLp4RzN8sYb3Q', 'b7GateWay2x9FakeQ', 'z9tokenq8r7x6w5v4u3', 'h4xsecretq9z8y7w6'])
      expect([v, namesItself(v)], v).toEqual([v, false]);
    expect(GITLEAKS_STOPWORDS.test('z9tokenq8r7x6w5v4u3')).toBe(true); // what the substring filter did
  });

  it("never depends on a format's random part: per token type, all 500 seeded values or none (`sk-ant-admin01-` names itself)", () => {
    const mixed: string[] = [];
    const whole: string[] = [];
    for (const t of TOKEN_TYPES) {
      seedRandom(`names-itself:${t.id}`);
      let n = 0;
      for (let i = 0; i < 500; i++) if (namesItself(generate(t))) n++;
      if (n === 500) whole.push(t.id);
      else if (n > 0) mixed.push(`${t.id}: ${n}`);
    }
    seedRandom(undefined);
    expect(mixed).toEqual([]);
    expect(whole).toEqual(['anthropic-admin-key']); // its fixed prefix; the provider rule reports it, not the generic one
  });
});
