import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';
import { configHasGatewayAuth } from '../_shared/openclaw-cli.js';
import { gatewayLocationTest, head, isRestricted, listens, locations, sensitivePath, servers, fileOf } from '../_shared/nginx.js';

export default defineRule({
  id: 'nginx.gateway_no_auth',
  title: 'Public nginx proxies the gateway with no access control',
  severity: 'high',
  appliesTo: ['nginx'],
  description:
    'A server listening on a public address forwards to the OpenClaw gateway (port 18789, directly or through an `upstream`) with no `auth_basic`/`auth_request`/client certificate and no `allow`/`deny`. The gateway\'s admin API and Control UI are then one password or token guess away from the internet. If the repository\'s OpenClaw config uses `trusted-proxy` auth, nginx is the only authentication there is (critical); if it sets a gateway token, the gateway\'s own auth still stands (medium).',
  remediation:
    'Restrict the location: `allow 100.64.0.0/10; deny all;` (tailnet), or add `auth_request` to your SSO / `auth_basic` with a strong password, or client certificates (`ssl_verify_client on`). Better, do not publish the gateway at all: keep nginx on loopback and use SSH or `tailscale serve`.',
  references: ['https://nginx.org/en/docs/http/ngx_http_access_module.html', 'https://nginx.org/en/docs/http/ngx_http_auth_request_module.html', 'https://cwe.mitre.org/data/definitions/306.html'],
  tags: ['nginx', 'openclaw', 'exposure', 'CWE-306'],
  precision: 'high',
  messages: {
    trusted_proxy: 'location {{location}} exposes the gateway publicly without auth, and the OpenClaw config trusts this proxy to authenticate (trusted-proxy): anyone gets in.',
    no_auth: 'location {{location}} exposes the OpenClaw gateway on a public listener with no auth_basic/auth_request and no allow/deny.',
  },
  check(target, ctx) {
    const configs = ctx.project.targets('openclaw');
    const trustedProxy = configs.some(({ value }) => isRecord(value) && isRecord(value.gateway) && isRecord(value.gateway.auth) && value.gateway.auth.mode === 'trusted-proxy');
    const gatewayAuth = configHasGatewayAuth(configs);
    const proxiesToGateway = gatewayLocationTest(ctx.project, target);
    for (const server of servers(target, ctx.project)) {
      if (!listens(server.directive).some((l) => l.public)) continue;
      for (const loc of locations(server)) {
        if (sensitivePath(loc.directive) || !proxiesToGateway(loc.directive) || isRestricted(loc.chain)) continue;
        const [s, e] = head(loc.directive);
        ctx.report({
          at: at.range(s, e, fileOf(loc.directive)),
          ...(trustedProxy ? { severity: 'critical' as const } : gatewayAuth ? { severity: 'medium' as const } : {}),
          messageId: trustedProxy ? 'trusted_proxy' : 'no_auth',
          data: { location: loc.directive.args.map((a) => a.value).join(' ') },
        });
      }
    }
  },
});
