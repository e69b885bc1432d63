/**
 * The architecture's rules that a reader should not have to trust: the import fences of eslint.config.js each
 * catch a violation; no import cycle, type imports included; git runs from one module (src/git/git.ts), where
 * every call gets the safety flags and a time limit.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { BlobReader, git, streamLines } from '../src/git/git.js';
import { ROOT } from './helpers.js';
import { cycles, importGraph, tsFiles } from './support/import-graph.js';

/** The fences' errors (imports, async checks) on `code` as if it were the file at `file` (relative to the repository). */
async function fenceErrors(file: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('import fences (eslint.config.js)', () => {
  const violations: [string, string, RegExp][] = [
    ['src/engine/check/fence.ts', "import { STREAMS } from '../../report/index.js';", /engine imports no rule, reporter/],
    ['src/engine/scan-fence.ts', "import { RULES } from '../../rules/index.js';", /engine imports no rule/],
    ['src/engine/read/fence.ts', "import { scanBase } from '../../github/pr.js';", /engine imports no/],
    ['src/engine/assemble/fence.ts', "import { scanRepository } from '../../app/scan-repository.js';", /engine imports no/],
    ['src/engine/check/fence.ts', "import { run } from '../../action/main.js';", /engine imports no/],
    ['src/engine/scan-fence.ts', "import { poolExecutor } from './threads/pool.js';", /file-stage executor/],
    ['src/engine/read/fence.ts', "import type { PoolOptions } from '../threads/pool.js';", /file-stage executor/],
    ['src/engine/threads/fence.ts', "import { RULES } from '../../../rules/index.js';", /engine imports no/],
    ['src/report/fence.ts', "import type { ScanResult } from '../engine/scan.js';", /Reporters import only src\/model and src\/lib/],
    ['src/report/fence.ts', "import { RULES } from '../../rules/index.js';", /Reporters import only/],
    ['src/model/fence.ts', "import type { ScanReport } from '../report/types.js';", /src\/model holds contracts only/],
    ['src/model/fence.ts', "import { UsageError } from '../engine/errors.js';", /src\/model holds contracts only/],
    ['src/lib/fence.ts', "import type { Finding } from '../model/finding.js';", /src\/lib holds pure helpers/],
    ['src/git/fence.ts', "import { scan } from '../engine/scan.js';", /src\/git runs git/],
    ['rules/compose/fence.ts', "import { scan } from '../../src/engine/scan.js';", /Rules import only src\/model, src\/lib and rules\/_shared/],
    ['rules/compose/fence.ts', "import { REPORTERS } from '../../src/report/index.js';", /Rules import only/],
    ['rules/secrets/fence.ts', "import { scanRepository } from '../../src/app/scan-repository.js';", /Rules import only/],
    ['rules/_shared/fence.ts', "import { git } from '../../src/git/git.js';", /Rules import only/],
    ['rules/secrets/fence.ts', 'const rule = { async check() {} };', /A check is synchronous/],
    ['rules/dotenv/fence.ts', 'const rule = { check: async () => {} };', /A check is synchronous/],
  ];
  it.each(violations)('%s: %s is refused', async (file, code, message) => {
    const errors = await fenceErrors(file, `${code}\nexport const x = 1;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  const allowed: [string, string][] = [
    ['src/engine/scan-fence.ts', "import { readFiles } from './read/file-stage.js';\nimport type { Finding } from '../model/finding.js';"],
    ['src/engine/check/fence.ts', "import { parseFile } from '../parse/index.js';\nimport { git } from '../../git/git.js';"],
    ['src/engine/threads/fence.ts', "import { scan } from '../scan.js';\nimport { FilePass } from '../read/file-pass.js';"],
    ['src/report/fence.ts', "import type { Finding } from '../model/finding.js';\nimport { formatBytes } from '../lib/format.js';\nimport { render } from './types.js';"],
    ['src/model/fence.ts', "import type { Severity } from './severity.js';\nimport pkg from '../../package.json' with { type: 'json' };"],
    ['rules/compose/fence.ts', "import { defineRule } from '../../src/model/rule.js';\nimport { formatBytes } from '../../src/lib/format.js';\nimport { services } from '../_shared/compose.js';"],
  ];
  it.each(allowed)('%s: the imports the direction allows pass', async (file, code) => {
    expect(await fenceErrors(file, `${code}\nexport const x = 1;\n`)).toEqual([]);
  });
});

describe('no import cycles', () => {
  it('src/ and rules/ have none, type imports included', () => {
    const graph = importGraph([...tsFiles(path.join(ROOT, 'src')), ...tsFiles(path.join(ROOT, 'rules'))]);
    expect(graph.size).toBeGreaterThan(300);
    expect(cycles(graph).map((c) => c.map((f) => path.relative(ROOT, f)))).toEqual([]);
  });

  it('finds a cycle made of type imports, and one through export … from and import()', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-cycle-'));
    const files: Record<string, string> = {
      'a.ts': "import type { B } from './b.js';\nexport type A = B[];\n",
      'b.ts': "import type { A } from './a.js';\nexport type B = { a: A };\n",
      'c.ts': "export { d } from './d.js';\nexport const c = 1;\n",
      'd.ts': "export const d = () => import('./c.js');\n",
      'e.ts': "import { c } from './c.js';\nexport const e = c;\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const found = cycles(importGraph(tsFiles(dir))).map((c) => c.map((f) => path.basename(f)));
    expect(found.sort()).toEqual([
      ['a.ts', 'b.ts'],
      ['c.ts', 'd.ts'],
    ]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** Whether a module can start a process: it imports child_process (any spelling), or calls spawn/exec on git. */
export function spawnsProcesses(text: string): boolean {
  return /['"](node:)?child_process['"]/.test(text) || /\b(spawn|spawnSync|execFile|execFileSync|exec|execSync)\s*\(\s*['"]git['"]/.test(text);
}

describe('git runs from src/git only', () => {
  it('no module of src/ or rules/ but src/git/git.ts starts a process', () => {
    const offenders = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'rules'))]
      .filter((f) => spawnsProcesses(readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    expect(offenders).toEqual(['src/git/git.ts']);
  });

  it('recognises the ways a module could run git', () => {
    for (const text of [
      "import { spawn } from 'node:child_process';",
      'import { execFile } from "child_process";',
      "const { spawnSync } = await import('node:child_process');",
      "spawn('git', ['status'])",
      'execFileSync("git", [])',
    ])
      expect(spawnsProcesses(text), text).toBe(true);
    expect(spawnsProcesses("import { git } from '../git/git.js';\nawait git(dir, ['status']);")).toBe(false);
  });

  it('every call starts with the safety flags', () => {
    const text = readFileSync(path.join(ROOT, 'src', 'git', 'git.ts'), 'utf8');
    expect(text).toMatch(/GIT_SAFE_ARGS = \['-c', 'safe\.directory=\*', '-c', 'core\.fsmonitor=false'\]/);
    // One spawn, and it prepends them.
    expect(text.match(/\bspawn\(/g)).toHaveLength(1);
    expect(text).toMatch(/spawn\('git', \[\.\.\.GIT_SAFE_ARGS, \.\.\.args\]/);
  });

  it('gives up on a git that hangs: a command, a stream, the blob reader', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-git-'));
    // An alias that runs a shell command stands in for a git that never answers.
    const hang = ['-c', 'alias.hang=!sleep 3', 'hang'];
    const started = performance.now();
    await expect(git(dir, hang, { timeoutMs: 200 })).rejects.toThrow(/git hang timed out after 0 s/);
    await expect(streamLines(dir, hang, 100, () => undefined, 200)).rejects.toThrow(/git hang wrote nothing for 0 s/);
    expect(performance.now() - started).toBeLessThan(2500);
    // cat-file outside a repository exits at once; the reader answers `missing` rather than wait.
    const blobs = new BlobReader(dir, 200);
    expect(await blobs.read('HEAD:x', 100)).toEqual({ kind: 'missing' });
    blobs.close();
  });
});
