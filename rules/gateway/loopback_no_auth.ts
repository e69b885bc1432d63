import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf, unreadNote } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'gateway.loopback_no_auth',
  title: 'Gateway auth missing on loopback',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'The gateway binds to loopback with the Control UI enabled but has no gateway auth: any local process, browser tab or reverse proxy on the host can drive the agent. A proxy in front forwards remote traffic as local.',
  remediation:
    'Set `gateway.auth.mode: "token"` and `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"` (or a password via `OPENCLAW_GATEWAY_PASSWORD`); never `auth.mode: "none"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (v.bind !== 'loopback' || !v.controlUiEnabled || v.hasLoopbackAuth) return;
    ctx.report({ at: at.path(['gateway', 'auth']), message: `The gateway is on loopback with the Control UI enabled and no gateway auth (auth mode ${v.mode}).${unreadNote(v)}` });
  },
});
