import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE } from '../_shared/token-samples.js';

/**
 * Every OpenAI key format holds `T3BlbkFJ` (the keyword). The side lengths are bounded (20–200) instead of fixed,
 * because fixed lengths miss real legacy and service-account keys (https://github.com/gitleaks/gitleaks/pull/2240).
 * Entropy minimum 3 is gitleaks' `openai-api-key` value.
 */
export default defineRule({
  id: 'secrets.openai_api_key',
  title: 'OpenAI API key',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'An OpenAI API key (legacy `sk-…`, project `sk-proj-…`, service-account `sk-svcacct-…` or admin `sk-admin-…`; all carry `T3BlbkFJ`, base64 of "OpenAI") lets anyone use and bill your OpenAI organisation; an admin key also manages its keys and members.',
  remediation:
    'Revoke the key at https://platform.openai.com/api-keys (admin keys: Organization → Admin keys) and create a new one. Reference it as `${OPENAI_API_KEY}` from an untracked `.env`, or with an OpenClaw SecretRef at `models.providers.openai.apiKey`.',
  references: ['https://platform.openai.com/api-keys', 'https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'OpenAI API key',
    action: 'revoke it at platform.openai.com/api-keys and load it from the environment',
    keywords: ['T3BlbkFJ'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-(?:(?:proj|svcacct|admin|service)-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/g,
    lookbehind: 220,
    minEntropy: 3.0,
    samples: {
      true: [(r) => `sk-proj-${r.of(URLSAFE, 74)}T3BlbkFJ${r.of(URLSAFE, 74)}`, (r) => `sk-${r.alnum(20)}T3BlbkFJ${r.alnum(20)}`],
      false: [`sk-proj-${'ab'.repeat(20)}T3BlbkFJ${'ab'.repeat(20)}`, (r) => `sk-${r.alnum(10)}T3BlbkFJ${r.alnum(10)}`],
    },
  },
  check: reportTokens,
});
