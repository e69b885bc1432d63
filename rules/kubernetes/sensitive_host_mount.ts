import { defineRule } from '../../src/model/rule.js';
import { sensitiveHostPath } from '../../src/lib/exposure.js';
import { atPath, containers } from '../_shared/kubernetes.js';

export default defineRule({
  id: 'kubernetes.sensitive_host_mount',
  title: 'Sensitive node path mounted into a pod',
  severity: 'high',
  appliesTo: ['kubernetes'],
  description:
    "A `hostPath` volume of a node system or credential folder gives the container what the folder holds, graded exactly as compose's `compose.sensitive_host_mount` (one exposure model, lib/exposure.ts): the node's `/` writable is critical; credentials (`/root`, `/etc/kubernetes`, `~/.ssh`, …) high even read-only; whole system folders high writable, medium read-only; `/var/lib/kubelet` and `/var/lib/containerd` hold every pod's secrets. Read-only means `readOnly: true` on the `volumeMount`.",
  remediation: 'Mount only what the container needs: a `configMap`, a `secret` or a `persistentVolumeClaim` instead of a `hostPath`; if a node path is needed, the narrowest one, `readOnly: true`.',
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  tags: ['kubernetes', 'container-escape', 'CWE-668'],
  precision: 'high',
  check(target, ctx) {
    for (const c of containers(target)) {
      for (const m of c.container.mounts) {
        if (m.type !== 'bind' || m.unknown) continue;
        const g = sensitiveHostPath(m.hostPath, m.readOnly);
        if (!g) continue;
        ctx.report({ at: atPath(m.path), message: `Container "${c.container.name}" mounts the node's ${m.source}: ${g.why}.`, severity: g.severity, key: `${c.doc.kind}/${c.doc.name}/${c.container.name}:${m.hostPath}` });
      }
    }
  },
});
