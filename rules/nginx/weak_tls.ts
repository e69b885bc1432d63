import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import type { NginxDirective } from '../../src/model/target.js';

const WEAK = /^(SSLv2|SSLv3|TLSv1|TLSv1\.1)$/;

export default defineRule({
  id: 'nginx.weak_tls',
  title: 'nginx allows TLS 1.0 / 1.1',
  severity: 'medium',
  appliesTo: ['nginx'],
  description:
    '`ssl_protocols` listing `TLSv1` or `TLSv1.1` (or SSLv3) keeps protocols that are deprecated (RFC 8996) and open to downgrade and CBC attacks; every current client speaks TLS 1.2+. The gateway token and session cookies travel over this connection.',
  remediation: 'Set `ssl_protocols TLSv1.2 TLSv1.3;` (or remove the directive: nginx 1.23.4+ defaults to TLSv1.2 TLSv1.3).',
  references: ['https://nginx.org/en/docs/http/ngx_http_ssl_module.html#ssl_protocols', 'https://datatracker.ietf.org/doc/html/rfc8996', 'https://ssl-config.mozilla.org/'],
  tags: ['nginx', 'tls', 'CWE-327'],
  precision: 'very-high',
  check(target, ctx) {
    const walk = (list: readonly NginxDirective[]) => {
      for (const d of list) {
        if (d.block) walk(d.block);
        if (d.name !== 'ssl_protocols') continue;
        const weak = d.args.filter((a) => WEAK.test(a.value)).map((a) => a.value);
        if (weak.length) ctx.report({ at: at.range(d.start, d.end), message: `ssl_protocols allows ${weak.join(', ')}.` });
      }
    };
    walk(target.directives);
  },
});
