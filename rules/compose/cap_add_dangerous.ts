import type { Severity } from '../../src/model/severity.js';
import { defineRule } from '../../src/model/rule.js';
import { stringList } from '../_shared/compose.js';

/**
 * Capabilities outside Docker's default set, graded by what they give: ALL / SYS_ADMIN / SYS_MODULE are a
 * container escape in one step; the next tier reads any file, any process or raw devices; the last weakens
 * the host in narrower ways. Default-set capabilities (CHOWN, NET_BIND_SERVICE, …) are not reported.
 */
const GRADES: Record<string, Severity> = {
  ALL: 'critical',
  SYS_ADMIN: 'critical',
  SYS_MODULE: 'critical',
  SYS_PTRACE: 'high',
  DAC_READ_SEARCH: 'high',
  SYS_RAWIO: 'high',
  BPF: 'high',
  MAC_ADMIN: 'high',
  MAC_OVERRIDE: 'high',
  NET_ADMIN: 'medium',
  SYS_BOOT: 'medium',
  SYS_TIME: 'medium',
  SYSLOG: 'medium',
  LINUX_IMMUTABLE: 'medium',
  PERFMON: 'medium',
  AUDIT_CONTROL: 'medium',
  SYS_RESOURCE: 'medium',
  IPC_LOCK: 'low',
  SYS_NICE: 'low',
  WAKE_ALARM: 'low',
  BLOCK_SUSPEND: 'low',
  LEASE: 'low',
  NET_BROADCAST: 'low',
  SYS_PACCT: 'low',
  SYS_TTY_CONFIG: 'low',
  CHECKPOINT_RESTORE: 'medium',
};

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
        const cap = value.trim().toUpperCase().replace(/^CAP_/, '');
        const severity = GRADES[cap];
        if (!severity) continue;
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
