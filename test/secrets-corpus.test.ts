/**
 * The labelled corpus (test/corpus/secrets, `npm run eval:secrets` prints the table): Gatewarden must find every
 * labelled secret with the right rule, report nothing else, and beat secretlint's recommended preset.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate, precision, recall, type Evaluation, type Score } from './corpus/secrets/evaluate.js';

let e: Evaluation;
beforeAll(async () => {
  e = await evaluate();
}, 60_000);

const sum = (list: Score[]) => list.reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });

describe('secrets corpus', () => {
  it('Gatewarden finds every labelled secret under its own rule', () => {
    expect(e.missed.gatewarden).toEqual([]);
  });

  it('Gatewarden reports nothing that is not labelled (no false positive, on the negative set or elsewhere)', () => {
    expect(e.falsePositives.gatewarden).toEqual([]);
    expect(e.negativeFindings.gatewarden).toEqual([]);
  });

  it('Gatewarden is at least as good as secretlint on every type, and strictly better overall', () => {
    for (const s of e.secretlint.filter((x) => x.ruleId.startsWith('secrets.'))) {
      const c = e.gatewarden.find((x) => x.ruleId === s.ruleId);
      expect(c, s.ruleId).toBeDefined();
      if (!c) continue;
      expect(recall(c), s.ruleId).toBeGreaterThanOrEqual(recall(s));
      if (!Number.isNaN(precision(s))) expect(precision(c), s.ruleId).toBeGreaterThanOrEqual(precision(s));
    }
    const c = sum(e.gatewarden);
    const s = sum(e.secretlint);
    expect(recall(c)).toBeGreaterThan(recall(s));
    expect(precision(c)).toBeGreaterThan(precision(s));
  });
});
