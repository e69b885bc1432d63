import { expect, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

it('reports enabled hooks without `allowedAgentIds` at all, not only a "*" entry', async () => {
  const [f] = await catches('hooks.allowed_agent_ids_unrestricted', { 'openclaw.json5': '{\n  hooks: { enabled: true, token: "${HOOKS_TOKEN}" },\n}\n' }, ['openclaw.json5:2/unset']);
  expect(f?.message).toBe('`hooks.allowedAgentIds` is not set: hooks may route to any agent.');
});
