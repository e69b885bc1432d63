/**
 * Focused tests of one rule (ESLint's RuleTester, hadolint's `ruleCatches` / `ruleCatchesNot`), for edge cases that
 * do not deserve a fixture folder. They live at test/rules/<domain>/<name>.test.ts, mirroring rules/<domain>/<name>.ts
 * (test/catalogue.test.ts checks the mirror). The files are written to a temporary folder and scanned with the real
 * pipeline and the whole registry, as the fixtures are, and only the findings of the rule under test are compared.
 *
 *   await catches('compose.privileged', { 'compose.yaml': '…' }, ['compose.yaml:4']);
 *   await passes('compose.privileged', { 'compose.yaml': '…' });
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/model/finding.js';
import type { AnyRule } from '../../src/model/rule.js';

type RuleRef = string | AnyRule;

const idOf = (rule: RuleRef) => (typeof rule === 'string' ? rule : rule.id);

/** Writes `files` (path relative to a new temporary folder → text) and returns the folder. */
export function writeFiles(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-rule-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The findings of `rule` in `files`, in report order. Fails when the scan had an internal error. */
export async function findingsOf(rule: RuleRef, files: Readonly<Record<string, string>>): Promise<Finding[]> {
  const id = idOf(rule);
  expect(RULES.some((r) => r.id === id), `${id} is not in the registry`).toBe(true);
  const result = await scan({ paths: [writeFiles(files)], rules: RULES });
  expect(result.internalErrors, result.notes.map((n) => n.message).join('\n')).toBe(0);
  return result.findings.filter((f) => f.ruleId === id);
}

/**
 * `rule` reports exactly `expected` in `files`: each entry `file:line` or `file:line/messageId` (a bare entry
 * matches any message). Returns the findings, for assertions on severity or text.
 */
export async function catches(rule: RuleRef, files: Readonly<Record<string, string>>, expected: readonly string[]): Promise<Finding[]> {
  const found = await findingsOf(rule, files);
  // `file:line/messageId`: the file may hold slashes, the id follows the line number.
  const withId = new Set(expected.map((e) => /^(.*:\d+)\/\w+$/.exec(e)?.[1]).filter((w) => w !== undefined));
  const actual = found.map((f) => {
    const where = `${f.location.file}:${f.location.startLine}`;
    return withId.has(where) ? `${where}/${f.messageId ?? '(none)'}` : where;
  });
  expect(actual.sort()).toEqual([...expected].sort());
  return found;
}

/** `rule` reports nothing in `files`. */
export async function passes(rule: RuleRef, files: Readonly<Record<string, string>>): Promise<void> {
  const found = await findingsOf(rule, files);
  expect(found.map((f) => `${f.location.file}:${f.location.startLine} ${f.message}`)).toEqual([]);
}
