import { defineRule } from '../../src/model/rule.js';
import { atPath, containers, isUnknown, security } from '../_shared/kubernetes.js';

export default defineRule({
  id: 'kubernetes.run_as_root',
  title: 'OpenClaw container may run as root',
  severity: 'low',
  appliesTo: ['kubernetes'],
  description:
    "A gateway container with neither `runAsNonRoot: true` nor a non-zero `runAsUser` (on the container or its pod) runs as the image's user, root for most images; then a tool call that escapes the agent's sandbox, or a mounted volume, acts as root in the container. Only containers that run the OpenClaw gateway are reported. A `securityContext` a Helm template fills in from values is unknown and not reported.",
  remediation: 'Set `securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false }` on the pod or the container (the official image runs as `node`, uid 1000).',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  tags: ['kubernetes', 'hardening', 'CWE-250'],
  precision: 'medium',
  check(target, ctx) {
    for (const c of containers(target)) {
      if (c.container.init || !isGatewayRunner(c.container.value)) continue;
      // A securityContext the chart renders from values (`{{ toYaml … }}`) is unknown.
      if (c.container.value.securityContext === null || c.workload.pod.securityContext === null) continue;
      const nonRoot = security(c, 'runAsNonRoot');
      const user = security(c, 'runAsUser');
      if (isUnknown(nonRoot?.value) || isUnknown(user?.value)) continue;
      if (nonRoot?.value === true || (user !== undefined && Number(user.value) > 0)) continue;
      ctx.report({ at: atPath(user?.value === 0 ? user.path : [...c.container.path, 'name']), message: `Container "${c.container.name}" runs the OpenClaw gateway with no runAsNonRoot or non-root runAsUser: it may run as root.` });
    }
  },
});

/** The gateway or an OpenClaw image (the agent runs there). */
function isGatewayRunner(v: Readonly<Record<string, unknown>>): boolean {
  const image = typeof v.image === 'string' ? v.image : '';
  const cmd = JSON.stringify([v.command, v.args]);
  return /openclaw|clawdbot|moltbot/i.test(image) || (cmd.includes('openclaw') && cmd.includes('gateway'));
}
