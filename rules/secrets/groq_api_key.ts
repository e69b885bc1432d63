import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/**
 * Served by secretlint's `@secretlint/secretlint-rule-groq` (`gsk_` + 52 alphanumerics, the shape trufflehog and
 * betterleaks use too; measured 100% recall on the corpus). Our placeholder filters and betterleaks' entropy floor
 * of 3.5 drop its example matches.
 */
export default defineRule({
  id: 'secrets.groq_api_key',
  title: 'Groq API key',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Groq API key (`gsk_` + 52 characters) runs models on your Groq account and bills it.',
  remediation:
    'Delete the key at https://console.groq.com/keys, create a new one, and pass it as `${GROQ_API_KEY}` from an untracked `.env` or an OpenClaw SecretRef.',
  references: ['https://console.groq.com/docs/api-keys', 'https://console.groq.com/keys'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Groq API key',
    action: 'delete it at console.groq.com/keys and load it from the environment',
    keywords: ['gsk_'],
    minEntropy: 3.5,
    secretlint: { rule: '@secretlint/secretlint-rule-groq', messageIds: ['GROQ_API_KEY'] },
    samples: {
      true: [(r) => `gsk_${r.alnum(52)}`],
      false: [(r) => `gsk_${r.alnum(40)}`, `gsk_${'ab'.repeat(26)}`],
    },
  },
  check: reportTokens,
});
