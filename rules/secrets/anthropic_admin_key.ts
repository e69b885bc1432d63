import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/** `sk-ant-admin01-` + 93 URL-safe base64 characters + `AA` (gitleaks `anthropic-admin-api-key`). */
export default defineRule({
  id: 'secrets.anthropic_admin_key',
  title: 'Anthropic Admin API key',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'An Anthropic Admin API key (`sk-ant-admin01-…`) manages the whole organisation: it can create and revoke API keys, invite members and read usage. Whoever reads it controls the Anthropic account, not just its billing.',
  remediation:
    "Revoke the admin key at once in the Anthropic Console (Settings → Admin keys), review the organisation's members and API keys for anything created with it, and never give an admin key to OpenClaw: the gateway needs only an ordinary API key, passed as `${ANTHROPIC_API_KEY}`.",
  references: ['https://docs.anthropic.com/en/api/administration-api', 'https://console.anthropic.com/settings/admin-keys'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Anthropic Admin API key',
    action: 'revoke it in the Anthropic Console (Settings → Admin keys)',
    keywords: ['sk-ant-admin01-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/g,
    samples: {
      true: [(r) => `sk-ant-admin01-${r.alnum(93)}AA`],
      false: [(r) => `sk-ant-admin01-${r.alnum(60)}AA`, (r) => `sk-ant-admin01-${r.alnum(93)}AB`],
    },
  },
  check: reportTokens,
});
