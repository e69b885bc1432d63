import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { AUTH_DIRECTIVES, sites, upstreamPort, upstreams, walk } from '../_shared/caddy.js';
import { gatewayPorts } from '../_shared/openclaw-cli.js';

/** A site address that only the host or a private network reaches (`localhost`, `127.0.0.1:8080`, `http://10.0.0.5`). */
const PRIVATE_ADDRESS = /^(https?:\/\/)?(localhost|127\.\d+\.\d+\.\d+|\[::1\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|[\w-]+\.ts\.net|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\.\d+)(:\d+)?$/;

export default defineRule({
  id: 'caddy.gateway_no_auth',
  title: 'Caddy publishes the gateway with no authentication in front',
  severity: 'high',
  appliesTo: ['caddy'],
  description:
    'A Caddy site that reverse-proxies to the OpenClaw gateway (port 18789, or a `gateway.port` of the repository\'s configs) with no `basic_auth`, `forward_auth` or other auth directive puts the gateway\'s Control UI and API on the internet with only the gateway token between a visitor and the agent. The same as `nginx.gateway_no_auth` for nginx.',
  remediation:
    'Put authentication in front (`forward_auth` to an identity provider, or `basic_auth`), restrict the site to your addresses (`@allowed remote_ip …`), or serve it only on a tailnet address.',
  references: ['https://caddyserver.com/docs/caddyfile/directives/reverse_proxy', 'https://caddyserver.com/docs/caddyfile/directives/forward_auth'],
  tags: ['caddy', 'reverse-proxy', 'exposure', 'CWE-306'],
  precision: 'medium',
  check(target, ctx) {
    const ports = gatewayPorts(ctx.project.targets('openclaw'));
    for (const site of sites(target)) {
      const addresses = [site.name, ...site.args.map((a) => a.value)].map((a) => a.replace(/,$/, '')).filter(Boolean);
      if (addresses.every((a) => PRIVATE_ADDRESS.test(a))) continue;
      const inside = [...walk(site.block ?? [])];
      // Auth anywhere in the site, or an allow list (`remote_ip` matcher), counts: precision over recall.
      if (inside.some(({ d }) => AUTH_DIRECTIVES.has(d.name) || d.name === 'remote_ip' || d.args.some((a) => a.value === 'remote_ip'))) continue;
      for (const { d } of inside) {
        if (d.name !== 'reverse_proxy') continue;
        const port = upstreams(d).map(upstreamPort).find((p) => p !== undefined && ports.has(p));
        if (port === undefined) continue;
        ctx.report({ at: at.range(d.start, d.end), message: `Site ${addresses.join(', ')} proxies to the OpenClaw gateway (port ${port}) with no authentication in front.` });
      }
    }
  },
});
