/** dotenv.committed grades by content: secrets make it high, settings or placeholders only make it low. */
import path from 'node:path';
import { expect, it } from 'vitest';
import { fixtureDir, scanCopy } from './helpers.js';

it('grades committed .env files by whether they hold secrets', async () => {
  const result = await scanCopy(path.join(fixtureDir('dotenv.committed'), 'bad'));
  const graded = Object.fromEntries(result.findings.filter((f) => f.ruleId === 'dotenv.committed').map((f) => [f.location.file, f.severity]));
  expect(graded).toEqual({ '.env': 'high', 'deploy/.env.production': 'high', 'config/.env.staging': 'low' });
});
