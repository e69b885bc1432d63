import { defineRule } from '../../src/model/rule.js';
import { checkPlaceholderCredential } from '../_shared/openclaw-checks.js';

export default defineRule({
  id: 'gateway.password_placeholder_value',
  title: 'Gateway password is a placeholder',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'The gateway runs in password mode and the password is blank, `"undefined"` or `"null"`: a value left over from templating or a broken `${VAR}` expansion, trivially guessed. OpenClaw 2026.9 refuses such a password at startup.',
  remediation:
    'Generate a real password (`openssl rand -hex 32`) and provide it as `OPENCLAW_GATEWAY_PASSWORD`, with `gateway.auth.password: "${OPENCLAW_GATEWAY_PASSWORD}"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    checkPlaceholderCredential('password', t, ctx);
  },
});
