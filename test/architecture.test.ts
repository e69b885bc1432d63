/**
 * The architecture's rules that a reader should not have to trust: git runs from one module (src/git/git.ts),
 * where every call gets the safety flags and a time limit.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobReader, git, streamLines } from '../src/git/git.js';
import { ROOT } from './helpers.js';

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
