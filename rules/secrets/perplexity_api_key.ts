import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/** `pplx-` + 48 alphanumerics, entropy 4 (gitleaks `perplexity-api-key`). */
export default defineRule({
  id: 'secrets.perplexity_api_key',
  title: 'Perplexity API key',
  severity: 'high',
  appliesTo: ['text'],
  description:
    "A Perplexity API key (`pplx-` + 48 characters), used by OpenClaw's web-search and model providers, spends your Perplexity credits.",
  remediation:
    'Revoke the key in Perplexity → Settings → API, create a new one, and pass it as `${PERPLEXITY_API_KEY}` from an untracked `.env` or an OpenClaw SecretRef (`plugins.entries.<id>.config.webSearch.apiKey`).',
  references: ['https://docs.perplexity.ai/guides/getting-started', 'https://www.perplexity.ai/settings/api'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Perplexity API key',
    action: 'revoke it in Perplexity → Settings → API and load it from the environment',
    keywords: ['pplx-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pplx-[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/g,
    minEntropy: 4.0,
    samples: {
      true: [(r) => `pplx-${r.alnum(48)}`],
      false: [(r) => `pplx-${r.alnum(30)}`, `pplx-${'ab'.repeat(24)}`],
    },
  },
  check: reportTokens,
});
