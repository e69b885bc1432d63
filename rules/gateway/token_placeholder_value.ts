import { defineRule } from '../../src/model/rule.js';
import { checkPlaceholderCredential } from '../_shared/openclaw-checks.js';

export default defineRule({
  id: 'gateway.token_placeholder_value',
  title: 'Gateway token is a placeholder',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'The gateway runs in token mode and the token is blank, `"undefined"` or `"null"`: a value left over from templating or a broken `${VAR}` expansion, trivially guessed. OpenClaw 2026.9 refuses such a token at startup.',
  remediation:
    'Generate a real token (`openssl rand -hex 32`) and provide it as `OPENCLAW_GATEWAY_TOKEN`, with `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    checkPlaceholderCredential('token', t, ctx);
  },
});
