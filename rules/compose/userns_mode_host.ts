import { defineRule } from '../../src/model/rule.js';
import { eachHostNamespace } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.userns_mode_host',
  title: 'Container opts out of user-namespace remapping',
  severity: 'medium',
  appliesTo: ['compose_project'],
  description:
    "`userns_mode: host` disables the daemon's user-namespace remapping for this container: root inside is root on the host again, so any escape (a writable host mount, a kernel bug) lands as host root.",
  remediation: "Remove `userns_mode: host` so the daemon's `userns-remap` applies.",
  references: ['https://docs.docker.com/reference/compose-file/services/#userns_mode'],
  tags: ['compose', 'isolation', 'CWE-653'],
  precision: 'very-high',
  check(target, ctx) {
    eachHostNamespace(target.services, 'userns_mode', (svc) => {
      ctx.report({
        at: svc.at(['userns_mode']),
        message: `Service "${svc.name}" disables user-namespace remapping (\`userns_mode: host\`): root in the container is root on the host.`,
        properties: { service: svc.name },
      });
    });
  },
});
