import { expect, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

it('reports a route binding that puts groups in the main session', async () => {
  const config = '{\n  bindings: [\n    { agentId: "main", session: { groupScope: "main" } },\n  ],\n}\n';
  const [f] = await catches('security.trust_model.group_scope_main', { 'openclaw.json5': config }, ['openclaw.json5:3/binding']);
  expect(f?.message).toBe('A route binding sets `session.groupScope: "main"`.');
});
