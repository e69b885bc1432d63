import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.http.no_auth',
  title: 'Gateway HTTP APIs are reachable without auth',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The gateway HTTP endpoints (`/tools/invoke`, and when enabled `/v1/chat/completions`, `/v1/responses`) have no credential to check: auth mode `none`, or token/password mode without a value. Critical when the gateway is exposed (non-loopback bind or Tailscale serve/funnel).',
  remediation:
    'Set `gateway.auth.mode: "token"` with `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"`; without auth keep `gateway.bind: "loopback"` and leave `gateway.http.endpoints.*.enabled` off.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const resolved = v.mode === 'trusted-proxy' || (v.mode === 'token' && v.tokenConfigured) || (v.mode === 'password' && v.passwordConfigured);
    if (resolved) return;
    const endpoints = ['/tools/invoke'];
    if (get(t.value, 'gateway', 'http', 'endpoints', 'chatCompletions', 'enabled') === true) endpoints.push('/v1/chat/completions');
    if (get(t.value, 'gateway', 'http', 'endpoints', 'responses', 'enabled') === true) endpoints.push('/v1/responses');
    ctx.report({ at: at.path(['gateway', 'auth', 'mode']), severity: v.remoteExposure ? CRITICAL : WARN, message: `Gateway HTTP APIs (${endpoints.join(', ')}) have no auth (mode ${v.mode} without a credential).` });
  },
});
