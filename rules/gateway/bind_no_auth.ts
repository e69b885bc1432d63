import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { exposedWithoutAuth, gatewayViews } from '../_shared/compose-gateway.js';
import { gatewayOf, unreadNote } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'gateway.bind_no_auth',
  title: 'Gateway bound beyond loopback without auth',
  severity: 'critical',
  appliesTo: ['openclaw', 'compose_project'],
  description:
    'The gateway listens on a non-loopback address (`gateway.bind` other than `"loopback"`: `lan`, `auto`, `tailnet`, `custom`) and no shared secret or trusted proxy authenticates callers: anyone who can reach the port controls the agent, its tools and its credentials.',
  remediation:
    'Set `gateway.auth.mode: "token"` with `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"` (a long random value provided at deploy time), or set `gateway.bind: "loopback"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  messages: {
    compose: 'Service "{{service}}" runs the OpenClaw gateway bound to "{{bind}}" (beyond loopback), publishes its port {{port}} beyond the host\'s loopback, and passes no token or password (command line, environment or env_file).',
    config: 'The gateway binds to "{{bind}}" (not loopback) and has no gateway auth (auth mode {{mode}}, no token or password configured).{{unread}}',
  },
  check(t, ctx) {
    if (t.kind === 'compose_project') {
      // A gateway run by compose: its command flags, environment and published ports make one view. With the
      // repository's config mounted, the config is judged instead (its deploy context includes this service).
      for (const g of gatewayViews(t, ctx.project.targets('openclaw'))) {
        if (g.config || !exposedWithoutAuth(g)) continue;
        ctx.report({
          at: g.published.at ?? g.service.at([]),
          messageId: 'compose',
          data: { service: g.service.name, bind: g.bind.value, port: g.port.value },
          key: `compose:${g.service.name}`,
          properties: { service: g.service.name },
        });
      }
      return;
    }
    const v = gatewayOf(t, ctx.project);
    if (!v.nonLoopback || v.hasAuth) return;
    ctx.report({ at: at.path(['gateway', 'bind']), messageId: 'config', data: { bind: v.bind, mode: v.mode, unread: unreadNote(v) } });
  },
});
