import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw.js';

export default defineRule({
  id: 'gateway.bind_no_auth',
  title: 'Gateway bound beyond loopback without auth',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'The gateway listens on a non-loopback address (`gateway.bind` other than `"loopback"`: `lan`, `auto`, `tailnet`, `custom`) and no shared secret or trusted proxy authenticates callers: anyone who can reach the port controls the agent, its tools and its credentials.',
  remediation:
    'Set `gateway.auth.mode: "token"` with `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"` (a long random value provided at deploy time), or set `gateway.bind: "loopback"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (!v.nonLoopback || v.hasAuth) return;
    ctx.report({ at: at.path(['gateway', 'bind']), message: `The gateway binds to "${v.bind}" (not loopback) and has no gateway auth (auth mode ${v.mode}, no token or password configured).` });
  },
});
