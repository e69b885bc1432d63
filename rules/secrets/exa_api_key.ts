import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { uuid } from '../_shared/token-samples.js';

/**
 * Exa API keys (OpenClaw's Exa web search: `plugins.entries.exa.config.webSearch.apiKey`, `EXA_API_KEY`;
 * https://docs.exa.ai/reference/getting-started): the dashboard issues a UUID. UUIDs are ids far more often than
 * secrets (the generic rule drops them), so one counts only right after an Exa key name (`TokenSpec.near`: on its line,
 * at most 100 characters after `EXA_API_KEY`, `exaApiKey`, …, or in the Terraform variable block it names). At an OpenClaw config path without such a name,
 * `secrets.openclaw_gateway_token` reports the literal.
 */
export default defineRule({
  id: 'secrets.exa_api_key',
  title: 'Exa API key',
  severity: 'high',
  appliesTo: ['text'],
  description: 'An Exa API key (a UUID from the Exa dashboard) runs searches billed to your Exa account.',
  remediation:
    'Revoke the key in the Exa dashboard (API Keys), create a new one, and pass it as `${EXA_API_KEY}` from an untracked `.env` or an OpenClaw SecretRef.',
  references: ['https://docs.exa.ai/reference/getting-started', 'https://dashboard.exa.ai/api-keys'],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'Exa API key',
    action: 'revoke it in the Exa dashboard (API Keys) and load it from the environment',
    keywords: ['EXA_API_KEY', 'exa_api_key', 'exaApiKey', 'ExaApiKey', 'EXA_KEY', 'exa_key', 'exaKey'],
    near: 100,
    minEntropy: 3.0,
    pattern: /(?<![A-Za-z0-9-])(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})(?![A-Za-z0-9-])/g,
    samples: {
      true: [(r) => `EXA_API_KEY=${uuid(r)}`, (r) => `exa_api_key = os.getenv("EXA_API_KEY", "${uuid(r)}")`],
      false: [(r) => `REQUEST_ID=${uuid(r)}`, (r) => `EXA_API_KEY=\${EXA_API_KEY}\n${'# notes\n'.repeat(20)}SESSION_ID=${uuid(r)}`, 'EXA_API_KEY=00000000-0000-0000-0000-000000000000'],
    },
  },
  check: reportTokens,
});
