import { expect, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

it('is info when no web or browser tool is reachable from the small model', async () => {
  const config = '{\n  agents: { defaults: { model: { primary: "ollama/llama3.1:8b" } } },\n  tools: { web: { fetch: { enabled: false } } },\n  browser: { enabled: false },\n}\n';
  const [f] = await catches('models.small_params', { 'openclaw.json5': config }, ['openclaw.json5:2/tools_unreachable']);
  expect([f?.severity, f?.message]).toEqual(['info', 'Small models (≤300B parameters): ollama/llama3.1:8b; web and browser tools are not reachable.']);
});
