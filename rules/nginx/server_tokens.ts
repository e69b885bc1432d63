import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import type { NginxDirective } from '../../src/model/target.js';

export default defineRule({
  id: 'nginx.server_tokens',
  title: 'nginx announces its version',
  severity: 'low',
  appliesTo: ['nginx'],
  description: '`server_tokens on` (or `build`) puts the exact nginx version in every `Server:` header and error page, so scanners can match the host to known vulnerabilities without probing.',
  remediation: 'Set `server_tokens off;` in the `http` block.',
  references: ['https://nginx.org/en/docs/http/ngx_http_core_module.html#server_tokens', 'https://cwe.mitre.org/data/definitions/200.html'],
  tags: ['nginx', 'information-disclosure', 'CWE-200'],
  precision: 'very-high',
  check(target, ctx) {
    const walk = (list: readonly NginxDirective[]) => {
      for (const d of list) {
        if (d.block) walk(d.block);
        if (d.name === 'server_tokens' && /^(on|build)$/.test(d.args[0]?.value ?? '')) ctx.report({ at: at.range(d.start, d.end), message: `server_tokens ${d.args[0]?.value}: every response names the nginx version.` });
      }
    };
    walk(target.directives);
  },
});
