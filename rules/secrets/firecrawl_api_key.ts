import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/**
 * Firecrawl API keys (OpenClaw's `plugins.entries.firecrawl` web-search and fetch provider): `fc-` and 32 lowercase
 * hex digits (https://docs.firecrawl.dev/introduction: "API keys look like fc-…"). The prefix and the exact length
 * are the precision; no entropy floor, which dropped 4.7% of random keys when only the generic rule could catch
 * them (docs/secrets-evaluation.md, the 100,000-per-type run).
 */
export default defineRule({
  id: 'secrets.firecrawl_api_key',
  title: 'Firecrawl API key',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Firecrawl API key (`fc-` and 32 hex digits), which OpenClaw uses for web search and page fetches: whoever holds it spends your Firecrawl credits and sees what your agent crawls.',
  remediation:
    'Delete the key in the Firecrawl dashboard (API Keys) and create a new one. Reference it as `${FIRECRAWL_API_KEY}` from an untracked `.env`, or with an OpenClaw SecretRef at `plugins.entries.firecrawl.config.webSearch.apiKey`.',
  references: ['https://docs.firecrawl.dev/introduction'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Firecrawl API key',
    action: 'delete it in the Firecrawl dashboard and load the new one from the environment',
    keywords: ['fc-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>fc-[0-9a-f]{32})(?![A-Za-z0-9_-])/g,
    samples: {
      true: [(r) => `fc-${r.hex(32)}`],
      false: [(r) => `fc-${r.hex(31)}`, (r) => `fc-${r.hex(32).toUpperCase()}G`, 'fc-YOUR_API_KEY'],
    },
  },
  check: reportTokens,
});
