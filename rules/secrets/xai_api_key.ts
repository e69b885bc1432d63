import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/** `xai-` + 70–120 characters (betterleaks `xai-api-key`; trufflehog uses exactly 80). */
export default defineRule({
  id: 'secrets.xai_api_key',
  title: 'xAI API key',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'An xAI API key (`xai-…`) runs Grok models on your xAI team and bills it.',
  remediation:
    'Revoke the key in the xAI console (https://console.x.ai, API Keys), create a new one, and pass it as `${XAI_API_KEY}` from an untracked `.env` or an OpenClaw SecretRef.',
  references: ['https://docs.x.ai/docs/overview', 'https://console.x.ai'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'xAI API key',
    action: 'revoke it in the xAI console (API Keys) and load it from the environment',
    keywords: ['xai-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>xai-[A-Za-z0-9_-]{70,120})(?![A-Za-z0-9_-])/g,
    minEntropy: 4.0,
    samples: {
      true: [(r) => `xai-${r.alnum(80)}`],
      false: [(r) => `xai-${r.alnum(30)}`],
    },
  },
  check: reportTokens,
});
