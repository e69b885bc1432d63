/** Test helpers: scan a directory with the real pipeline, and read fixture expectations. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { scan, type ScanOptions, type ScanResult } from '../src/engine/scan.js';
import type { Finding } from '../src/model/finding.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

/**
 * Scans a copy of `dir` outside any git repository, so paths in findings are relative to the fixture folder
 * and nothing of this repository (its .gitignore, its config) leaks into the result.
 */
export async function scanCopy(dir: string, opts: Partial<ScanOptions> = {}): Promise<ScanResult & { dir: string }> {
  const copy = mkdtempSync(path.join(tmpdir(), 'gatewarden-test-'));
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  const result = await scan({ paths: [copy], rules: RULES, ...opts });
  return { ...result, dir: copy };
}

/** Every file below `dir`, relative, POSIX. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export interface Expectation {
  ruleId: string;
  file: string;
  line: number;
  /** Which of the rule's `messages` (`expect: <ruleId>/<messageId>`); absent: any message. */
  messageId?: string;
}

const ID = '[a-z][a-zA-Z0-9_.]+(?:/[a-zA-Z][a-zA-Z0-9_]*)?';
const EXPECT = new RegExp(`\\bexpect:\\s*(${ID}(?:\\s*,\\s*${ID})*)`);

/**
 * Expectations of a `bad/` fixture folder: a comment containing `expect: <ruleId>` (in the file's own comment
 * syntax) says the next line that is not itself an expect line must be reported by that rule; `expect:
 * <ruleId>/<messageId>` also says with which of the rule's messages. Findings about a whole file, or in files that
 * cannot hold comments, go in `expected.json`: `[{"ruleId", "file", "line", "messageId"?}]`.
 */
export function readExpectations(dir: string): Expectation[] {
  const out: Expectation[] = [];
  for (const file of listFiles(dir)) {
    if (file === 'expected.json') {
      out.push(...(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Expectation[]));
      continue;
    }
    const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
    lines.forEach((l, i) => {
      const m = EXPECT.exec(l);
      if (!m) return;
      let target = i + 1;
      while (target < lines.length && EXPECT.test(lines[target] ?? '')) target++;
      for (const id of (m[1] ?? '').split(',').map((s) => s.trim())) {
        const [ruleId = '', messageId] = id.split('/');
        out.push({ ruleId, file, line: target + 1, ...(messageId ? { messageId } : {}) });
      }
    });
  }
  return out;
}

export function fixtureDir(ruleId: string): string {
  const dot = ruleId.indexOf('.');
  return path.join(FIXTURES, 'rules', ruleId.slice(0, dot), ruleId.slice(dot + 1));
}

export const key = (e: Expectation) => `${e.ruleId} ${e.file}:${e.line}${e.messageId ? `/${e.messageId}` : ''}`;

/**
 * The keys of `findings` to compare with `expected`: with the finding's message id where an expectation on the
 * same line names one (a bare `expect: <ruleId>` matches any message), without it elsewhere.
 */
export function actualKeys(ruleId: string, findings: readonly Finding[], expected: readonly Expectation[]): string[] {
  const named = new Set(expected.filter((e) => e.messageId !== undefined).map((e) => `${e.file}:${e.line}`));
  return findings.map((f) => {
    const where = { ruleId, file: f.location.file, line: f.location.startLine };
    return key(named.has(`${where.file}:${where.line}`) ? { ...where, messageId: f.messageId ?? '(none)' } : where);
  });
}
