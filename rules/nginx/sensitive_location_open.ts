import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayLocationTest, head, isRestricted, listens, locations, sensitivePath, servers, fileOf } from '../_shared/nginx.js';

export default defineRule({
  id: 'nginx.sensitive_location_open',
  title: 'Gateway /hooks or /health location open to everyone',
  severity: 'medium',
  appliesTo: ['nginx'],
  description:
    'In a public server that fronts the OpenClaw gateway, a `/hooks/` location with no `allow`/`deny` or auth lets anyone on the internet post to the webhook endpoint, where only the hooks token stands between them and an agent run; a `/health` location tells scanners exactly what runs there (low).',
  remediation:
    'Restrict `/hooks/` to the webhook senders\' addresses (`allow <sender ranges>; deny all;`) and keep a long, separate `hooks.token`; serve `/health` only to your monitoring (`allow 10.0.0.0/8; deny all;`) or not at all.',
  references: ['https://nginx.org/en/docs/http/ngx_http_access_module.html', 'https://cwe.mitre.org/data/definitions/284.html'],
  tags: ['nginx', 'openclaw', 'exposure', 'CWE-284'],
  precision: 'medium',
  messages: {
    hooks: 'The gateway\'s /hooks endpoint is reachable by anyone on the internet (no allow/deny, no auth).',
    health: 'The gateway\'s health endpoint is reachable by anyone on the internet (no allow/deny, no auth).',
  },
  check(target, ctx) {
    const proxiesToGateway = gatewayLocationTest(ctx.project, target);
    for (const server of servers(target, ctx.project)) {
      if (!listens(server.directive).some((l) => l.public)) continue;
      const locs = locations(server);
      if (!locs.some((l) => proxiesToGateway(l.directive))) continue;
      for (const loc of locs) {
        const kind = sensitivePath(loc.directive);
        if (!kind || isRestricted(loc.chain)) continue;
        // `location /health { return 200 "ok"; }`: answered by nginx itself, nothing of the gateway's is exposed.
        if (kind === 'health' && !proxiesToGateway(loc.directive) && (loc.directive.block ?? []).some((d) => d.name === 'return')) continue;
        const [s, e] = head(loc.directive);
        ctx.report({
          at: at.range(s, e, fileOf(loc.directive)),
          ...(kind === 'health' ? { severity: 'low' as const } : {}),
          messageId: kind,
        });
      }
    }
  },
});
