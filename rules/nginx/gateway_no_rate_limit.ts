import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { effective, gatewayLocationTest, head, listens, locations, servers, fileOf } from '../_shared/nginx.js';

export default defineRule({
  id: 'nginx.gateway_no_rate_limit',
  title: 'No request rate limit in front of the gateway',
  severity: 'low',
  appliesTo: ['nginx'],
  description:
    'A public location proxying to the OpenClaw gateway has no `limit_req`. Token and password guessing, and floods of requests that each start an expensive model call, are then limited only by what the gateway does itself (`gateway.auth.rateLimit`, off unless configured).',
  remediation:
    'Define a zone in `http` (`limit_req_zone $binary_remote_addr zone=openclaw:10m rate=5r/s;`) and apply it in the location (`limit_req zone=openclaw burst=20 nodelay;`); also set `gateway.auth.rateLimit` in openclaw.json.',
  references: ['https://nginx.org/en/docs/http/ngx_http_limit_req_module.html', 'https://cwe.mitre.org/data/definitions/770.html'],
  tags: ['nginx', 'openclaw', 'rate-limit', 'CWE-770'],
  precision: 'high',
  check(target, ctx) {
    const proxiesToGateway = gatewayLocationTest(ctx.project, target);
    for (const server of servers(target, ctx.project)) {
      if (!listens(server.directive).some((l) => l.public)) continue;
      for (const loc of locations(server)) {
        if (!proxiesToGateway(loc.directive) || effective(loc.chain, 'limit_req').length) continue;
        const [s, e] = head(loc.directive);
        ctx.report({ at: at.range(s, e, fileOf(loc.directive)), message: `location ${loc.directive.args.map((a) => a.value).join(' ')} proxies to the OpenClaw gateway with no limit_req.` });
      }
    }
  },
});
