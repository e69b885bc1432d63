/**
 * The token catalogue: every token rule carries samples (src/model/token.ts), as gitleaks' rules carry theirs. Each
 * true sample, alone in a file, is reported by exactly its rule and by no other rule of the registry (another token
 * rule, secrets.generic, an OpenClaw rule); each false sample by no rule at all. Samples are drawn with a seed per
 * rule and sample, so a failure reproduces.
 */
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { FileContext } from '../src/engine/check/file-context.js';
import { EMPTY_PROJECT, RuleRunner } from '../src/engine/check/runner.js';
import { TokenDetector } from '../src/engine/check/tokens.js';
import { Locator } from '../src/engine/parse/locator.js';
import { sampleText } from './support/sample-random.js';

const tokenRules = RULES.filter((r) => r.token);
const runner = new RuleRunner(RULES, [], undefined, new TokenDetector(RULES));

/** The ids of the rules that report on `text`, scanned as a plain text file. */
async function reporters(text: string): Promise<string[]> {
  const file = 'sample.txt';
  const ctx = new FileContext(file, text, new Locator(file, text));
  const out = { findings: [] as { ruleId: string }[], notes: [] as { message: string }[] };
  await runner.run({ kind: 'text', file, fileKind: 'text', text }, () => ctx, EMPTY_PROJECT, undefined, out as never);
  expect(out.notes.map((n) => n.message)).toEqual([]);
  return out.findings.map((f) => f.ruleId);
}

describe('token catalogue', () => {
  it('has the token rules, each a text rule with true and false samples', () => {
    expect(tokenRules.length).toBeGreaterThan(20);
    for (const r of tokenRules) {
      expect(r.appliesTo, r.id).toEqual(['text']);
      expect(r.token?.samples.true.length, r.id).toBeGreaterThan(0);
      expect(r.token?.samples.false.length, r.id).toBeGreaterThan(0);
    }
  });

  it.each(tokenRules.map((r) => [r.id, r] as const))('%s: its true samples are its own, its false samples nobody\'s', async (id, rule) => {
    const { samples } = rule.token!;
    for (const [i, s] of samples.true.entries()) {
      const text = sampleText(s, `${id}:true:${i}`);
      expect(await reporters(`${text}\n`), `true sample ${i} of ${id}`).toEqual([id]);
    }
    for (const [i, s] of samples.false.entries()) {
      const text = sampleText(s, `${id}:false:${i}`);
      expect(await reporters(`${text}\n`), `false sample ${i} of ${id}`).toEqual([]);
    }
  });
});
