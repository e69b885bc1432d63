import { defineRule } from '../../src/model/rule.js';
import { capabilityGrade } from '../../src/lib/exposure.js';
import { isRecord } from '../../src/lib/json.js';
import { atPath, containers, isGatewayContainer } from '../_shared/kubernetes.js';

export default defineRule({
  id: 'kubernetes.privileged',
  title: 'Container runs privileged or with dangerous capabilities',
  severity: 'high',
  appliesTo: ['kubernetes'],
  description:
    "`securityContext.privileged: true` gives the container every capability and the node's devices: it is root on the node (critical for the OpenClaw gateway, whose tools can be driven by prompt injection). Capabilities in `capabilities.add` are graded as compose's `cap_add` (the same table): `ALL`, `SYS_ADMIN`, `SYS_MODULE` critical, `SYS_PTRACE`, `DAC_READ_SEARCH`, … high, `NET_ADMIN`, … medium. Init containers count: they run with the same node access.",
  remediation: 'Remove `privileged: true`; set `capabilities: { drop: [ALL] }` and add back only what the container needs (usually nothing). An init container that fixes file ownership needs `CHOWN`/`FOWNER` at most, or `fsGroup` on the pod.',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline', 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  tags: ['kubernetes', 'container-escape', 'CWE-250'],
  precision: 'very-high',
  messages: {
    privileged: '{{what}} "{{name}}" runs privileged: it is root on the node.',
    capability: '{{what}} "{{name}}" adds {{cap}}.',
  },
  check(target, ctx) {
    for (const c of containers(target)) {
      const what = c.container.init ? 'Init container' : 'Container';
      const sc = c.container.value.securityContext;
      if (!isRecord(sc)) continue;
      const gateway = isGatewayContainer(c.container);
      if (sc.privileged === true) ctx.report({ at: atPath([...c.container.path, 'securityContext', 'privileged']), messageId: 'privileged', data: { what, name: c.container.name }, ...(gateway ? { severity: 'critical' as const } : {}) });
      const add = isRecord(sc.capabilities) && Array.isArray(sc.capabilities.add) ? sc.capabilities.add : [];
      add.forEach((cap, i) => {
        const g = typeof cap === 'string' ? capabilityGrade(cap) : undefined;
        if (!g) return;
        ctx.report({ at: atPath([...c.container.path, 'securityContext', 'capabilities', 'add', i]), messageId: 'capability', data: { what, name: c.container.name, cap: g.cap === 'ALL' ? 'every capability (ALL)' : `CAP_${g.cap}` }, severity: g.severity });
      });
    }
  },
});
