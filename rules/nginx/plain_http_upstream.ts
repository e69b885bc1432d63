import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isLoopbackHost, locations, proxyTarget, servers, upstreams, fileOf } from '../_shared/nginx.js';

const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.|f[cd][0-9a-f]{2}:)/i;

/**
 * Single-label names (`openclaw`, `gateway`) are container or host aliases on the same Docker network or
 * machine and are not reported; addresses and dotted names cross a real network.
 */
function crossesNetwork(host: string): 'public' | 'private' | undefined {
  if (!host || isLoopbackHost(host)) return undefined;
  if (PRIVATE.test(host) || /\.(internal|local|lan|home\.arpa)$/i.test(host)) return 'private';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host.includes('.')) return 'public';
  return undefined;
}

export default defineRule({
  id: 'nginx.plain_http_upstream',
  title: 'nginx forwards over plain HTTP to another host',
  severity: 'medium',
  appliesTo: ['nginx'],
  description:
    '`proxy_pass http://…` to a host other than loopback sends every request (gateway token, session cookies, prompts and tool output) unencrypted across the network between nginx and the backend, where anyone on that path can read or alter it. Private addresses are graded low; container names on the same Docker network are not reported.',
  remediation: 'Run the proxy on the same host as the gateway and use `proxy_pass http://127.0.0.1:18789`, or put the hop on a private encrypted network (WireGuard, Tailscale), or use `https://` with `proxy_ssl_verify on` and a trusted CA.',
  references: ['https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_ssl_verify', 'https://cwe.mitre.org/data/definitions/319.html'],
  tags: ['nginx', 'tls', 'CWE-319'],
  precision: 'medium',
  check(target, ctx) {
    const ups = upstreams(ctx.project, target);
    for (const server of servers(target, ctx.project)) {
      for (const loc of locations(server)) {
        const p = proxyTarget(loc.directive, ups);
        if (!p || p.scheme !== 'http') continue;
        const worst = p.backends.map((b) => crossesNetwork(b.host)).reduce<'public' | 'private' | undefined>((w, c) => (w === 'public' || c === 'public' ? 'public' : (w ?? c)), undefined);
        if (!worst) continue;
        const pass = (loc.directive.block ?? []).find((d) => d.name === 'proxy_pass');
        if (!pass) continue;
        ctx.report({
          at: at.range(pass.start, pass.end, fileOf(pass)),
          ...(worst === 'private' ? { severity: 'low' as const } : {}),
          message: `proxy_pass sends traffic unencrypted to ${p.upstream ? `upstream ${p.host} (${p.backends.map((b) => b.host).join(', ')})` : p.host}, a ${worst} address.`,
        });
      }
    }
  },
});
