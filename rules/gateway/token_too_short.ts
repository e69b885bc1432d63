import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credentialText } from '../_shared/openclaw/values.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'gateway.token_too_short',
  title: 'Gateway token is short',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The gateway runs in token mode and the effective token (config or `OPENCLAW_GATEWAY_TOKEN`) is shorter than 24 characters: short shared secrets fall to guessing, all the more without a rate limit.',
  remediation:
    'Use a long random token (at least 24 characters, e.g. `openssl rand -hex 32`) provided as `OPENCLAW_GATEWAY_TOKEN`, with `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (v.mode !== 'token') return;
    const text = credentialText(v.token)?.trim();
    if (!text || ['undefined', 'null'].includes(text) || text.length >= 24) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'token']), message: `The gateway token is ${text.length} characters long (fewer than 24).`, ...(v.token.kind === 'literal' ? { secret: v.token.value } : {}) });
  },
});
