import { defineRule } from '../../src/model/rule.js';
import { reportTokens, tokenSpec } from '../_shared/tokens.js';

/** `gsk_` + 52 alphanumerics (secretlint, trufflehog, betterleaks; entropy floor 3.5 as betterleaks). */
const SPEC = tokenSpec({
  ruleId: 'secrets.groq_api_key',
  describe: 'Groq API key',
  action: 'delete it at console.groq.com/keys and load it from the environment',
  keywords: ['gsk_'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>gsk_[A-Za-z0-9]{52})(?![A-Za-z0-9_-])/g,
  minEntropy: 3.5,
});

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
  async check(target, ctx) {
    await reportTokens(SPEC, target, ctx);
  },
});
