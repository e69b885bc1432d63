import { defineRule } from '../../src/model/rule.js';
import { atPath, commandLine, containers, env } from '../_shared/kubernetes.js';
import { gatewayCommand, isPublicBind } from '../_shared/openclaw-cli.js';

const CREDENTIALS = ['OPENCLAW_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_PASSWORD', 'CLAWDBOT_GATEWAY_TOKEN', 'CLAWDBOT_GATEWAY_PASSWORD'];

export default defineRule({
  id: 'kubernetes.gateway_public_bind',
  title: 'Gateway started beyond loopback with no auth in a pod',
  severity: 'high',
  appliesTo: ['kubernetes'],
  description:
    "A container whose `command`/`args` run `openclaw gateway --bind lan` (or `auto`, `0.0.0.0`, an address) listens on the pod's address, which every pod in the cluster reaches unless a NetworkPolicy says otherwise. With no `--token`/`--password` flag, no `--auth` mode and no `OPENCLAW_GATEWAY_TOKEN`/`OPENCLAW_GATEWAY_PASSWORD` in its `env` (a `valueFrom` counts), and no OpenClaw config in the repository that sets gateway auth, nothing but the network stands in front of the agent's tools.",
  remediation: 'Set `OPENCLAW_GATEWAY_TOKEN` from a Secret (`valueFrom.secretKeyRef`), or `gateway.auth` in the config; add a NetworkPolicy that admits only the ingress controller to port 18789.',
  references: ['https://docs.openclaw.ai/gateway/security', 'https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  tags: ['kubernetes', 'network-exposure', 'CWE-306'],
  precision: 'medium',
  check(target, ctx) {
    const configAuth = ctx.project.targets('openclaw').some((t) => /"(token|password)"|"trusted-proxy"/.test(JSON.stringify((t.value as { gateway?: { auth?: unknown } })?.gateway?.auth ?? null)));
    if (configAuth) return;
    for (const c of containers(target)) {
      const cmd = gatewayCommand(commandLine(c.container));
      if (!cmd?.bind || !isPublicBind(cmd.bind.value) || cmd.token || cmd.password || cmd.auth) continue;
      const vars = env(c.container);
      if (CREDENTIALS.some((n) => vars.has(n)) || c.container.value.envFrom !== undefined) continue;
      const where = Array.isArray(c.container.value.args) ? 'args' : 'command';
      ctx.report({ at: atPath([...c.container.path, where]), message: `Container "${c.container.name}" starts the gateway with --bind ${cmd.bind.value} and no token, password or auth mode: every pod that reaches it can drive the agent.` });
    }
  },
});
