import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE } from '../_shared/token-samples.js';

/** `sk-ant-api03-` + 93 URL-safe base64 characters + the fixed suffix `AA` (108 characters in all; gitleaks, trufflehog). */
export default defineRule({
  id: 'secrets.anthropic_api_key',
  title: 'Anthropic API key',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'An Anthropic API key (`sk-ant-api03-…`) in the repository lets anyone who can read it run models on your account and bill it, and read whatever your OpenClaw agent sends.',
  remediation:
    'Revoke the key in the Anthropic Console (Settings → API keys) and create a new one. Keep it out of git: reference it as `${ANTHROPIC_API_KEY}` from a `.env` that `.gitignore` lists, or use an OpenClaw SecretRef (`{ source: "env", provider: "default", id: "ANTHROPIC_API_KEY" }`).',
  references: ['https://docs.anthropic.com/en/api/getting-started', 'https://console.anthropic.com/settings/keys'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Anthropic API key',
    action: 'revoke it in the Anthropic Console and load it from the environment',
    keywords: ['sk-ant-api03-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/g,
    samples: {
      true: [(r) => `sk-ant-api03-${r.alnum(93)}AA`, (r) => `sk-ant-api03-${r.of(URLSAFE, 93)}AA`],
      false: [(r) => `sk-ant-api03-${r.alnum(93)}AB`, 'sk-ant-api03-...'],
    },
  },
  check: reportTokens,
});
