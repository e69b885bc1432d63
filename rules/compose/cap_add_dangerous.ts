import { capabilityGrade } from '../../src/lib/exposure.js';
import { defineRule } from '../../src/model/rule.js';
import { stringList } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.cap_add_dangerous',
  title: 'Dangerous Linux capability added',
  severity: 'high',
  appliesTo: ['compose_project'],
  description:
    '`cap_add` grants kernel privileges beyond Docker\'s default set. `ALL`, `SYS_ADMIN` and `SYS_MODULE` are each enough to escape the container (critical); `SYS_PTRACE`, `DAC_READ_SEARCH` (the "shocker" escape), `SYS_RAWIO`, `BPF` and the MAC capabilities read any file or process or bypass the security modules (high); `NET_ADMIN`, `SYS_TIME`, `SYS_BOOT` and similar alter the host in narrower ways (medium). Capabilities in the default set (`NET_BIND_SERVICE`, `CHOWN`, …) are not reported.',
  remediation: 'Remove the capability, or replace it with the narrowest one the service needs; start from `cap_drop: [ALL]` and add back only that.',
  references: ['https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities', 'https://man7.org/linux/man-pages/man7/capabilities.7.html'],
  tags: ['compose', 'container-escape', 'CWE-250'],
  precision: 'very-high',
  check(target, ctx) {
    for (const svc of target.services) {
      for (const { value, index } of stringList(svc.value.cap_add)) {
        const grade = capabilityGrade(value);
        if (!grade) continue;
        const { cap, severity } = grade;
        ctx.report({
          at: svc.at(['cap_add', index]),
          message: `Service "${svc.name}" adds ${cap === 'ALL' ? 'every capability (ALL)' : `CAP_${cap}`}${severity === 'critical' ? ', enough to escape the container' : ''}.`,
          severity,
          properties: { service: svc.name, capability: cap },
        });
      }
    }
  },
});
