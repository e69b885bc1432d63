import path from 'node:path';
import { expect, it } from 'vitest';
import { fixtureDir, scanCopy } from '../../helpers.js';
import { catches } from '../../support/rule-tester.js';

it('grades committed .env files by whether they hold secrets', async () => {
  const result = await scanCopy(path.join(fixtureDir('dotenv.committed'), 'bad'));
  const graded = Object.fromEntries(result.findings.filter((f) => f.ruleId === 'dotenv.committed').map((f) => [f.location.file, f.severity]));
  expect(graded).toEqual({ '.env': 'high', 'deploy/.env.production': 'high', 'config/.env.staging': 'low' });
});

it('reports an empty committed .env as low: the next value written to it is committed too', async () => {
  const [f] = await catches('dotenv.committed', { '.env': '# filled in on the server\n' }, ['.env:1/empty']);
  expect([f?.severity, f?.message]).toEqual(['low', '.env is in the repository (empty for now); the next value written to it will be committed too.']);
});
