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

it('a password in a connection string is a secret, not a setting (issue 21)', async () => {
  const pw = ['N7xQ2mP9', 'T8wZ4kL6'].join('');
  await catches('dotenv.committed', { '.env': `DATABASE_URL=postgres://app:${pw}@db:5432/app\nREDIS_URL=redis://redis:6379/0\n` }, ['.env:1/secrets']);
  await catches('dotenv.committed', { '.env': 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app\nLOG_LEVEL=debug\n' }, ['.env:1/settings']);
});

it('values encrypted in place (dotenvx `encrypted:`, sops `ENC[…]`) are references: a file of them is not reported', async () => {
  const blob = 'BDqDBibm4wsYqMpCjTQ6BsDHmMadg9K3dAt+Z9HPMfLEIRVz50hmLXPXRuDBXaJi/LwWYEVUNiq0HISrslzQPaoyS8Lotg3gFWJTsQCVrbuhKXtnwlCsUnrRN9m';
  const sops = 'ENC[AES256_GCM,data:Tr7o1Q==,iv:1=KuP9rGE1v0Q6z7ZZnHuw8nm0z3Rb5CcJAR3E0s=,tag:FQ1XeG7n0bnw5ZHL9Eku7A==,type:str]';
  await catches('dotenv.committed', { '.env': `DOTENV_PUBLIC_KEY="03f8b376234c4f2f0445f392a12e80f3a84b4b0d1e0c3df85c494e45812653c22a"\nOPENAI_API_KEY="encrypted:${blob}"\nDB_PASSWORD=${sops}\n` }, []);
});
