import { defineRule } from '../../src/model/rule.js';
import { eachHostNamespace } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.uts_host',
  title: 'Container shares the host UTS namespace',
  severity: 'low',
  appliesTo: ['compose_project'],
  description:
    "`uts: host` lets the container see the host name and, with `CAP_SYS_ADMIN`, change it. Low impact on its own, but it removes one layer of isolation for no benefit in most setups.",
  remediation: "Remove `uts: host`; set `hostname:` if the service needs a particular host name.",
  references: ['https://docs.docker.com/reference/compose-file/services/#uts'],
  tags: ['compose', 'isolation', 'CWE-653'],
  precision: 'very-high',
  check(target, ctx) {
    eachHostNamespace(target.services, 'uts', (svc) => {
      ctx.report({
        at: svc.at(['uts']),
        message: `Service "${svc.name}" shares the host UTS namespace (\`uts: host\`).`,
        properties: { service: svc.name },
      });
    });
  },
});
