/** Focused cases of the dotenv rules that one bad/ + good/ pair cannot show. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { gitignoreMatcher } from '../src/engine/discover/gitignore.js';
import { fixtureDir, scanCopy } from './helpers.js';

it('dotenv.committed grades committed .env files by whether they hold secrets', async () => {
  const result = await scanCopy(path.join(fixtureDir('dotenv.committed'), 'bad'));
  const graded = Object.fromEntries(result.findings.filter((f) => f.ruleId === 'dotenv.committed').map((f) => [f.location.file, f.severity]));
  expect(graded).toEqual({ '.env': 'high', 'deploy/.env.production': 'high', 'config/.env.staging': 'low' });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-dotenv-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

it('dotenv.not_ignored is about OpenClaw deployments only, and reports a missing .gitignore at the deployment', async () => {
  const other = await scanCopy(repo({ 'compose.yaml': 'services:\n  db:\n    image: postgres:16\n' }));
  expect(other.findings.filter((f) => f.ruleId === 'dotenv.not_ignored')).toEqual([]);
  const claw = await scanCopy(repo({ 'deploy/compose.yaml': 'services:\n  gateway:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n' }));
  const found = claw.findings.filter((f) => f.ruleId === 'dotenv.not_ignored');
  expect(found.map((f) => [f.location.file, f.message.includes('.env, deploy/.env')])).toEqual([['deploy/compose.yaml', true]]);
});

it('reads root .gitignore patterns as git does for the .env question', () => {
  const cases: [string, string, boolean][] = [
    ['.env\n', '.env', true],
    ['.env\n', 'deploy/.env', true],
    ['/.env\n', 'deploy/.env', false],
    ['.env*\n', '.env', true],
    ['*.env\n', 'deploy/.env', true],
    ['**/.env\n', 'a/b/.env', true],
    ['.env\n!.env\n', '.env', false],
    ['.env.*\n!.env.example\n', '.env', false],
    ['deploy/\n', 'deploy/.env', true],
    ['.env/\n', '.env', false],
    ['# .env\nnode_modules/\n', '.env', false],
    ['deploy/*.env\n', 'deploy/.env', true],
    ['deploy/*.env\n', 'other/deploy/.env', false],
    ['*\n', '.env', true],
  ];
  for (const [gi, file, want] of cases) expect(gitignoreMatcher(gi).ignores(file), `${JSON.stringify(gi)} ${file}`).toBe(want);
});
