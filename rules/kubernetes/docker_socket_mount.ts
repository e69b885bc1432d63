import { defineRule } from '../../src/model/rule.js';
import { engineSocket } from '../../src/lib/exposure.js';
import { atPath, containers, isGatewayContainer } from '../_shared/kubernetes.js';

export default defineRule({
  id: 'kubernetes.docker_socket_mount',
  title: 'Container-engine socket mounted into a pod',
  severity: 'high',
  appliesTo: ['kubernetes'],
  description:
    "A `hostPath` volume of the node's Docker, containerd, CRI-O or Podman socket (or the folder that holds it, `/var/run`, `/run`) lets the container start privileged containers on the node: root on the node, and from there the cluster. The same judgement as compose's `compose.docker_socket_mount` (one exposure model, lib/exposure.ts); critical for the OpenClaw gateway, whose tools can be driven by prompt injection. `readOnly: true` does not help: it applies to the socket file, not to the API calls.",
  remediation: "Remove the `hostPath` volume. For sandboxed tool runs use the sandbox's own isolation (a separate pod, gVisor/Kata) or a filtering socket proxy that exposes only the calls needed; never give the gateway the node's socket.",
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath', 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
  tags: ['kubernetes', 'container-escape', 'CWE-250'],
  precision: 'high',
  messages: {
    socket: 'Container "{{name}}" mounts the node\'s container-engine socket {{path}}: it can control the node\'s containers, which is root on the node.',
    folder: 'Container "{{name}}" mounts {{path}}, the folder holding the node\'s container-engine socket: it can control the node\'s containers.',
  },
  check(target, ctx) {
    for (const c of containers(target)) {
      for (const m of c.container.mounts) {
        if (m.type !== 'bind' || m.unknown) continue;
        const found = engineSocket(m.hostPath);
        if (!found) continue;
        ctx.report({ at: atPath(m.path), messageId: found, data: { name: c.container.name, path: m.source }, ...(isGatewayContainer(c.container) ? { severity: 'critical' as const } : {}), key: `${c.doc.kind}/${c.doc.name}/${c.container.name}:${m.hostPath}` });
      }
    }
  },
});
