/**
 * Scans the whole compose/Dockerfile fixture corpus (every rule fixture under test/fixtures/rules/compose and
 * test/fixtures/rules/dockerfile, plus the multi-file scenarios under test/fixtures/compose-scenarios) in one
 * scan, and compares every finding (rule, file, line, severity) of the compose and Dockerfile rules with the
 * checked-in expectation file. Any change in behaviour (a new finding, a lost one, a moved line, a re-graded
 * severity) shows up as a diff here. After a deliberate change, regenerate with
 *   GATEWARDEN_UPDATE_EXPECTED=1 npx vitest run test/compose-corpus.test.ts
 * and review the diff of test/fixtures/compose-corpus.expected.json like code.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import { FIXTURES } from './helpers.js';

const EXPECTED = path.join(FIXTURES, 'compose-corpus.expected.json');
const SOURCES = ['rules/compose', 'rules/dockerfile', 'compose-scenarios'];
const OWN = (id: string) => id.startsWith('compose.') || id.startsWith('dockerfile.') || id === 'scan.parse_error';

describe('compose fixture corpus', () => {
  it('produces exactly the findings of compose-corpus.expected.json', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gatewarden-corpus-'));
    for (const s of SOURCES) cpSync(path.join(FIXTURES, s), path.join(root, s), { recursive: true });
    const result = await scan({ paths: [root], rules: RULES.filter((r) => OWN(r.id)) });
    expect(result.internalErrors).toBe(0);
    const actual = result.findings.map((f) => `${f.location.file}:${f.location.startLine} ${f.ruleId} ${f.severity}`).sort();
    if (process.env.GATEWARDEN_UPDATE_EXPECTED) writeFileSync(EXPECTED, `${JSON.stringify(actual, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as string[];
    expect(actual).toEqual(expected);
  });
});
