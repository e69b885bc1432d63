/** Contract tests over the whole rule catalogue, so a reviewer need not check these by eye. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { REGISTRY_FILE, renderRegistry } from '../scripts/registry.js';
import { SEVERITIES } from '../src/model/severity.js';
import { fixtureDir, listFiles, readExpectations, ROOT } from './helpers.js';

const RULES_DIR = path.join(ROOT, 'rules');
const FOCUSED_DIR = path.join(ROOT, 'test', 'rules');
const moduleIds = readdirSync(RULES_DIR)
  .filter((d) => !d.startsWith('_') && statSync(path.join(RULES_DIR, d)).isDirectory())
  .flatMap((d) => readdirSync(path.join(RULES_DIR, d)).filter((f) => f.endsWith('.ts')).map((f) => `${d}.${f.slice(0, -3)}`));

describe('rule catalogue', () => {
  it('has unique, well-formed ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id, `rule id ${id}`).toMatch(/^[a-z][a-z0-9_]*(\.[a-zA-Z0-9_]+)+$/);
  });

  it('is the registry generated from the folders (run `npm run docs` after adding or removing a rule module)', () => {
    expect(readFileSync(path.join(ROOT, REGISTRY_FILE), 'utf8')).toBe(renderRegistry(ROOT));
  });

  it('lists every module under rules/ exactly once, each under the id its path gives', () => {
    expect([...RULES.map((r) => r.id)].sort()).toEqual([...moduleIds].sort());
  });

  it('is sorted by id', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has complete metadata', (_id, r) => {
    expect(SEVERITIES).toContain(r.severity);
    expect(r.title.length).toBeGreaterThan(3);
    expect(r.title.length).toBeLessThanOrEqual(120);
    expect(r.description.length).toBeGreaterThan(40);
    expect(r.description.length).toBeLessThanOrEqual(1024);
    expect(r.remediation.length).toBeGreaterThan(20);
    expect(r.appliesTo.length).toBeGreaterThan(0);
    for (const ref of r.references ?? []) expect(ref).toMatch(/^https:\/\/\S+$/);
  });

  it('mirrors rules/ in test/rules/: every focused test is test/rules/<domain>/<name>.test.ts of an existing rule', () => {
    const ids = new Set(RULES.map((r) => r.id));
    const strays = listFiles(FOCUSED_DIR).filter((f) => {
      const m = /^([^/]+)\/([^/]+)\.test\.ts$/.exec(f);
      return !m || !ids.has(`${m[1]}.${m[2]}`);
    });
    expect(strays, 'name focused tests after the rule they test: test/rules/<domain>/<name>.test.ts').toEqual([]);
  });

  describe.each(RULES.filter((r) => r.messages).map((r) => [r.id, r] as const))('%s messages', (id, r) => {
    const messages = Object.entries(r.messages ?? {});

    it('has several, each with well-formed {{placeholders}} (a rule with one message writes it inline)', () => {
      expect(messages.length).toBeGreaterThan(1);
      for (const [messageId, template] of messages) {
        expect(messageId).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(template.replace(/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/g, ''), `${messageId}: a stray brace`).not.toMatch(/\{\{|\}\}/);
      }
    });

    it('names each message in a bad/ fixture (`expect: <id>/<messageId>`) or in its focused test', () => {
      const named = new Set(readExpectations(path.join(fixtureDir(id), 'bad')).filter((e) => e.ruleId === id).map((e) => e.messageId));
      const dot = id.indexOf('.');
      const focused = path.join(FOCUSED_DIR, id.slice(0, dot), `${id.slice(dot + 1)}.test.ts`);
      const text = existsSync(focused) ? readFileSync(focused, 'utf8') : '';
      const unnamed = messages.map(([messageId]) => messageId).filter((m) => !named.has(m) && !new RegExp(`:\\d+/${m}['"\`]`).test(text));
      expect(unnamed).toEqual([]);
    });
  });
});
