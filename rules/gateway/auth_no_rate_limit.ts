import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.auth_no_rate_limit',
  title: 'Gateway auth has no rate limit',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The gateway binds beyond loopback and `gateway.auth.rateLimit` is not set: a network attacker can guess the token or password without any lockout.',
  remediation:
    'Set `gateway.auth.rateLimit: { maxAttempts: 10, windowMs: 60000, lockoutMs: 300000 }`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (!v.nonLoopback || v.mode === 'trusted-proxy' || get(t.value, 'gateway', 'auth', 'rateLimit')) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'rateLimit']), message: `The gateway binds to "${v.bind}" and \`gateway.auth.rateLimit\` is not set.` });
  },
});
