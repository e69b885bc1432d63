import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';
import { effective, gatewayLocationTest, head, locations, servers, fileOf } from '../_shared/nginx.js';

const CLIENT_VALUE = /\$(http_x_real_ip|http_x_forwarded_for|proxy_add_x_forwarded_for|http_\w+)/;

export default defineRule({
  id: 'nginx.real_ip_spoofable',
  title: 'Client-controlled X-Real-IP reaches a gateway with allowRealIpFallback',
  severity: 'high',
  appliesTo: ['nginx'],
  description:
    'With `gateway.allowRealIpFallback: true`, the gateway takes the client address from `X-Real-IP` when `X-Forwarded-For` is absent, and uses it for loopback trust, rate limiting and pairing decisions (`openclaw security audit`: `gateway.real_ip_fallback_enabled`). That is safe only if the proxy always overwrites the header with the real peer. Here nginx passes the client\'s own header through (no `proxy_set_header X-Real-IP`), copies it from a request header, or derives `$remote_addr` from a header trusted from any address (`set_real_ip_from 0.0.0.0/0`), so a client can claim to be 127.0.0.1.',
  remediation:
    'In every location that proxies to the gateway: `proxy_set_header X-Real-IP $remote_addr;` and `proxy_set_header X-Forwarded-For $remote_addr;`, with `set_real_ip_from` limited to your real load balancers; or set `gateway.allowRealIpFallback: false` (the default).',
  references: ['https://nginx.org/en/docs/http/ngx_http_realip_module.html', 'https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header', 'https://cwe.mitre.org/data/definitions/290.html'],
  tags: ['nginx', 'openclaw', 'spoofing', 'CWE-290'],
  precision: 'high',
  check(target, ctx) {
    const config = ctx.project.targets('openclaw').find(({ value }) => isRecord(value) && isRecord(value.gateway) && value.gateway.allowRealIpFallback === true);
    if (!config) return;
    const where = `${config.file}${config.embedded ? ` (heredoc at line ${config.embedded.line})` : ''}`;
    const proxiesToGateway = gatewayLocationTest(ctx.project, target);
    for (const server of servers(target, ctx.project)) {
      for (const loc of locations(server)) {
        if (!proxiesToGateway(loc.directive)) continue;
        const headers = effective(loc.chain, 'proxy_set_header');
        const realIp = headers.find((h) => /^x-real-ip$/i.test(h.args[0]?.value ?? ''));
        const value = realIp?.args[1]?.value ?? '';
        const trustAll = effective(loc.chain, 'set_real_ip_from').some((d) => /^(0\.0\.0\.0\/0|::\/0|all)$/.test(d.args[0]?.value ?? '')) && effective(loc.chain, 'real_ip_header').length > 0;
        let problem: string | undefined;
        if (!realIp) problem = 'nginx does not set X-Real-IP, so the client\'s own X-Real-IP header reaches the gateway';
        else if (CLIENT_VALUE.test(value)) problem = `X-Real-IP is set from ${value}, which the client controls`;
        else if (/\$remote_addr/.test(value) && trustAll) problem = 'X-Real-IP is $remote_addr, but real_ip rewrites $remote_addr from a header trusted from every address';
        if (!problem) continue;
        const anchor = realIp ?? loc.directive;
        const [s, e] = realIp ? [realIp.start, realIp.end] : head(loc.directive);
        ctx.report({ at: at.range(s, e, fileOf(anchor)), message: `${problem}; ${where} sets gateway.allowRealIpFallback: true, so a client can spoof its address (even 127.0.0.1).` });
      }
    }
  },
});
