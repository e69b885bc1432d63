import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { effective, head, isTls, listens, servers } from '../_shared/nginx.js';

export default defineRule({
  id: 'nginx.missing_hsts',
  title: 'TLS server without HSTS',
  severity: 'low',
  appliesTo: ['nginx'],
  description:
    'Without `Strict-Transport-Security`, a browser that types the host name or follows an `http://` link first connects in plain text, and an attacker on the network can keep it there (SSL stripping) and capture the Control UI login or token.',
  remediation: 'In the TLS `server` (or `http`) block: `add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;` (mind that an `add_header` in a location replaces the server\'s).',
  references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security', 'https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header'],
  tags: ['nginx', 'tls', 'CWE-319'],
  precision: 'high',
  check(target, ctx) {
    for (const server of servers(target, ctx.project)) {
      if (!isTls(server.directive) || !listens(server.directive).some((l) => l.public)) continue;
      const headers = effective(server.chain, 'add_header');
      if (headers.some((h) => /^strict-transport-security$/i.test(h.args[0]?.value ?? ''))) continue;
      const [s, e] = head(server.directive);
      ctx.report({ at: at.range(s, e), message: 'This TLS server sends no Strict-Transport-Security header.' });
    }
  },
});
