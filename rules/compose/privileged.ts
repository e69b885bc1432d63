import { defineRule } from '../../src/model/rule.js';
import { isTruthy } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.privileged',
  title: 'Container runs privileged',
  severity: 'critical',
  appliesTo: ['compose_project'],
  description:
    '`privileged: true` gives the container every capability and access to all host devices, and turns off seccomp and AppArmor. A process that compromises the container (a prompt-injected shell tool in the OpenClaw gateway, for example) can mount the host disk and take over the host.',
  remediation:
    'Remove `privileged: true`. If the service needs one specific capability, grant only that with `cap_add:` (and keep `cap_drop: [ALL]`); if it needs a device, map only that device with `devices:`.',
  references: ['https://docs.docker.com/reference/compose-file/services/#privileged', 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities'],
  tags: ['compose', 'container-escape', 'CWE-250'],
  precision: 'very-high',
  check(target, ctx) {
    for (const svc of target.services) {
      if (!isTruthy(svc.value.privileged)) continue;
      ctx.report({
        at: svc.at(['privileged']),
        message: `Service "${svc.name}" runs privileged: it has every capability and all host devices, so a compromise of the container is a compromise of the host.`,
        fix: { description: 'Set privileged to false', at: svc.at(['privileged'], 'value'), replacement: 'false' },
        properties: { service: svc.name },
      });
    }
  },
});
