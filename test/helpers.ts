/** Test helpers: scan a directory with the real pipeline, and read fixture expectations. */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { scan, type ScanOptions, type ScanResult } from '../src/engine/scan.js';

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
}

const EXPECT = /\bexpect:\s*([a-z][a-zA-Z0-9_.]+(?:\s*,\s*[a-z][a-zA-Z0-9_.]+)*)/;

/**
 * Expectations of a `bad/` fixture folder: a comment containing `expect: <ruleId>` (in the file's own comment
 * syntax) says the next line that is not itself an expect line must be reported by that rule. Findings about a
 * whole file, or in files that cannot hold comments, go in `expected.json`: `[{"ruleId", "file", "line"}]`.
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
      for (const ruleId of (m[1] ?? '').split(',').map((s) => s.trim())) out.push({ ruleId, file, line: target + 1 });
    });
  }
  return out;
}

export function fixtureDir(ruleId: string): string {
  const dot = ruleId.indexOf('.');
  return path.join(FIXTURES, 'rules', ruleId.slice(0, dot), ruleId.slice(dot + 1));
}

export const key = (e: Expectation) => `${e.ruleId} ${e.file}:${e.line}`;
