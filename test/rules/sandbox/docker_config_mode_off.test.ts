import { expect, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

it('reports an agent entry that configures sandbox.docker while its own sandbox mode is off', async () => {
  const config = '{\n  agents: {\n    list: [\n      { id: "helper", sandbox: { docker: { image: "node:22" } } },\n    ],\n  },\n}\n';
  const [f] = await catches('sandbox.docker_config_mode_off', { 'openclaw.json5': config }, ['openclaw.json5:4/agent']);
  expect(f?.message).toBe('Agent "helper" sets sandbox.docker while its sandbox mode is off.');
});
