import { defineRule } from '../../src/model/rule.js';
import { sensitiveHostPath } from '../../src/lib/exposure.js';
import { mounts } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.sensitive_host_mount',
  title: 'Sensitive host path mounted',
  severity: 'high',
  appliesTo: ['compose_project'],
  description:
    "A bind mount of a host system or credential folder gives the container what the folder holds. Graded by impact: the host root `/` writable is critical; credential folders (`~/.ssh`, `~/.aws`, `~/.docker`, `~/.kube`, `/root`, `/etc/shadow`, …, also as `/home/<user>/…` or `$HOME/…`) are high even read-only; a whole system folder (`/etc`, `/usr`, `/var`, the home folder) is high writable, medium read-only; places the host executes or trusts (`/boot`, `/dev`, `/lib/modules`, `/etc/systemd`, `/etc/passwd`, …) are high writable; `/var/lib/docker` is high writable, medium read-only; `/proc` and `/sys` read-only are low (monitoring agents). Paths match on folder boundaries (`/etcd` is not `/etc`); an application's own folder (`/etc/pihole`) and read-only harmless files (`/etc/localtime`) are not reported. A path holding an unset variable cannot be judged and is skipped; a default (`${DATA:-/etc}`) is judged.",
  remediation: 'Mount only the folder the service needs, read-only where possible (`./config:/app/config:ro`), and keep credentials out of containers: pass them as Compose `secrets:`.',
  references: ['https://docs.docker.com/reference/compose-file/services/#volumes', 'https://docs.docker.com/engine/storage/bind-mounts/'],
  tags: ['compose', 'container-escape', 'CWE-668'],
  precision: 'high',
  check(target, ctx) {
    for (const svc of target.services) {
      for (const m of mounts(svc)) {
        if (m.type !== 'bind' || m.unknown) continue;
        const g = sensitiveHostPath(m.hostPath, m.readOnly);
        if (!g) continue;
        ctx.report({
          at: svc.at(['volumes', m.index]),
          message: `Service "${svc.name}" mounts ${m.source === m.hostPath ? m.source : `${m.source} (${m.hostPath})`}: ${g.why}.`,
          severity: g.severity,
          properties: { service: svc.name, hostPath: m.hostPath, readOnly: m.readOnly },
        });
      }
    }
  },
});
