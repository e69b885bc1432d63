import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE } from '../_shared/token-samples.js';

/**
 * `sk-ant-oat01-` (access) / `sk-ant-ort01-` (refresh) + a URL-safe base64 body. No published scanner has this type,
 * so the body length is bounded loosely (80–120) and an entropy minimum of 4.0 (gitleaks' value for key-like bodies)
 * rejects hand-written examples.
 */
export default defineRule({
  id: 'secrets.anthropic_oauth_token',
  title: 'Anthropic (Claude) OAuth token',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'A Claude OAuth access token (`sk-ant-oat01-…`) or refresh token (`sk-ant-ort01-…`), as OpenClaw stores for a Claude Pro/Max subscription login, acts as the subscriber: it spends the subscription and can read its conversations. No other common scanner detects this type.',
  remediation:
    'Revoke the session: sign the Claude account out of its sessions (claude.ai account settings) and issue a new token with `claude setup-token`. Pass tokens to OpenClaw through the environment (`${CLAUDE_CODE_OAUTH_TOKEN}`) or its auth profile store, never in a committed file.',
  references: ['https://docs.anthropic.com/en/docs/claude-code/iam'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Anthropic OAuth token',
    action: 'log out of that Claude session to revoke it and load the token from the environment',
    keywords: ['sk-ant-oat01-', 'sk-ant-ort01-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-o[ar]t01-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/g,
    minEntropy: 4.0,
    samples: {
      true: [(r) => `sk-ant-oat01-${r.of(URLSAFE, 95)}`, (r) => `sk-ant-ort01-${r.alnum(88)}`],
      false: [(r) => `sk-ant-oat01-${r.alnum(40)}`, `sk-ant-oat01-${'ab'.repeat(48)}`],
    },
  },
  check: reportTokens,
});
