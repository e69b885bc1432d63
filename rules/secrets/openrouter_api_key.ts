import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/** `sk-or-v1-` + 64 lower-case hex (betterleaks / trufflehog `openrouter`). */
export default defineRule({
  id: 'secrets.openrouter_api_key',
  title: 'OpenRouter API key',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'An OpenRouter key (`sk-or-v1-` + 64 hex) spends your OpenRouter credits on any of its hundreds of models and shows your request history; OpenClaw setups often use it as the one key for every model.',
  remediation:
    'Delete the key at https://openrouter.ai/settings/keys, create a new one (with a credit limit), and pass it as `${OPENROUTER_API_KEY}` from an untracked `.env` or an OpenClaw SecretRef.',
  references: ['https://openrouter.ai/docs/api-reference/authentication', 'https://openrouter.ai/settings/keys'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'OpenRouter API key',
    action: 'delete it at openrouter.ai/settings/keys and load it from the environment',
    keywords: ['sk-or-v1-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-or-v1-[0-9a-f]{64})(?![A-Za-z0-9_-])/g,
    samples: {
      true: [(r) => `sk-or-v1-${r.hex(64)}`],
      false: [(r) => `sk-or-v1-${r.hex(40)}`, (r) => `sk-or-v1-${r.alnum(64)}`],
    },
  },
  check: reportTokens,
});
