import { defineRule } from '../../src/model/rule.js';
import { eachHostNamespace } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.pid_host',
  title: 'Container shares the host PID namespace',
  severity: 'high',
  appliesTo: ['compose_project'],
  description:
    "`pid: host` lets the container see and signal every process on the host, read their command lines and, as root, their environment (`/proc/<pid>/environ`): API keys and gateway tokens of other services leak, and a container escape needs one step less.",
  remediation: "Remove `pid: host`. Monitoring agents that need host processes should run read-only with `cap_drop: [ALL]`, or on the host itself.",
  references: ['https://docs.docker.com/reference/compose-file/services/#pid'],
  tags: ['compose', 'isolation', 'CWE-653'],
  precision: 'very-high',
  check(target, ctx) {
    eachHostNamespace(target.services, 'pid', (svc) => {
      ctx.report({
        at: svc.at(['pid']),
        message: `Service "${svc.name}" shares the host PID namespace (\`pid: host\`): it sees every host process, and as root can read their environment and signal them.`,
        properties: { service: svc.name },
      });
    });
  },
});
