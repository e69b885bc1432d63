import { defineRule } from '../../src/model/rule.js';
import { eachHostNamespace } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.ipc_host',
  title: 'Container shares the host IPC namespace',
  severity: 'medium',
  appliesTo: ['compose_project'],
  description:
    "`ipc: host` gives the container the host's shared memory segments, semaphores and message queues: it can read or corrupt the shared memory of host processes.",
  remediation: "Remove `ipc: host`; to share memory between two services use `ipc: shareable` on one and `ipc: \"service:<name>\"` on the other.",
  references: ['https://docs.docker.com/reference/compose-file/services/#ipc'],
  tags: ['compose', 'isolation', 'CWE-653'],
  precision: 'very-high',
  check(target, ctx) {
    eachHostNamespace(target.services, 'ipc', (svc) => {
      ctx.report({
        at: svc.at(['ipc']),
        message: `Service "${svc.name}" shares the host IPC namespace (\`ipc: host\`): host shared memory is readable and writable from the container.`,
        properties: { service: svc.name },
      });
    });
  },
});
