/**
 * How the dotenv rules read a root .gitignore (the engine's matcher). Focused cases of each rule are in
 * test/rules/dotenv/.
 */
import { expect, it } from 'vitest';
import { gitignoreMatcher } from '../src/engine/discover/gitignore.js';

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
