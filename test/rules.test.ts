/**
 * The one generic rule test: for every rule in the registry, its `bad/` fixtures produce exactly the findings
 * their `expect:` comments (or `expected.json`) announce, with the message id where one is named, and its `good/`
 * fixtures produce none of that rule.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { actualKeys, fixtureDir, key, readExpectations, scanCopy } from './helpers.js';

describe.each(RULES.map((r) => [r.id]))('%s', (ruleId) => {
  const dir = fixtureDir(ruleId);

  it('reports exactly the expected findings in bad/', async () => {
    const bad = path.join(dir, 'bad');
    expect(existsSync(bad), `add fixtures under ${path.relative(process.cwd(), bad)}`).toBe(true);
    const expectations = readExpectations(bad).filter((e) => e.ruleId === ruleId);
    const expected = expectations.map(key).sort();
    expect(expected.length, 'bad/ must announce at least one finding of this rule').toBeGreaterThan(0);
    const result = await scanCopy(bad);
    const actual = actualKeys(ruleId, result.findings.filter((f) => f.ruleId === ruleId), expectations).sort();
    expect(actual).toEqual(expected);
    expect(result.internalErrors).toBe(0);
  });

  it('reports nothing in good/', async () => {
    const good = path.join(dir, 'good');
    expect(existsSync(good), `add fixtures under ${path.relative(process.cwd(), good)}`).toBe(true);
    const result = await scanCopy(good);
    expect(result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.location.file}:${f.location.startLine} ${f.message}`)).toEqual([]);
    expect(result.internalErrors).toBe(0);
  });
});
