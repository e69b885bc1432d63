import { expect, it } from 'vitest';
import { catches, passes } from '../../support/rule-tester.js';

it('is about OpenClaw deployments only', async () => {
  await passes('dotenv.not_ignored', { 'compose.yaml': 'services:\n  db:\n    image: postgres:16\n' });
});

it('reports a missing .gitignore at the deployment, naming every .env that would be committed', async () => {
  const [f] = await catches('dotenv.not_ignored', { 'deploy/compose.yaml': 'services:\n  gateway:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n' }, ['deploy/compose.yaml:1/no_gitignore']);
  expect(f?.message).toBe('This OpenClaw deployment has no .gitignore, so .env, deploy/.env would be committed by `git add .`: add a .gitignore with `.env` and `.env.*` (with `!.env.example`).');
});
