import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credentialText } from '../_shared/openclaw/values.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'gateway.password_too_short',
  title: 'Gateway password is short',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The gateway runs in password mode and the effective password (config or `OPENCLAW_GATEWAY_PASSWORD`) is shorter than 24 characters: short shared secrets fall to guessing, all the more without a rate limit.',
  remediation:
    'Use a long random password (at least 24 characters, e.g. `openssl rand -hex 32`) provided as `OPENCLAW_GATEWAY_PASSWORD`, with `gateway.auth.password: "${OPENCLAW_GATEWAY_PASSWORD}"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (!currentApplies(t, ctx.project) || v.mode !== 'password') return;
    const text = credentialText(v.password)?.trim();
    if (!text || ['undefined', 'null'].includes(text) || text.length >= 24) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'password']), message: `The gateway password is ${text.length} characters long (fewer than 24).`, ...(v.password.kind === 'literal' ? { secret: v.password.value } : {}) });
  },
});
