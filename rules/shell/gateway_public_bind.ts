import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { configHasGatewayAuth, gatewayCommand, isPublicBind } from '../_shared/openclaw-cli.js';
import { CONTAINER_CLIS, invocations } from '../_shared/shell.js';

export default defineRule({
  id: 'shell.gateway_public_bind',
  title: 'Gateway started on all interfaces without auth',
  severity: 'high',
  appliesTo: ['shell'],
  keywords: ['openclaw', 'clawdbot', 'moltbot'],
  description:
    '`openclaw gateway --bind lan` (or `0.0.0.0`, `auto`, `custom`) listens beyond loopback. Started without `--token`/`--password`/`--auth`, and with no gateway auth in the repository\'s openclaw.json either, nothing but the network stands between a stranger and an agent with shell tools. (`--auth none` is reported whatever the config says.) Not judged inside containers (Dockerfiles, compose `command:`, `docker run`), where binding to all interfaces is how a published port works and the port mapping decides exposure.',
  remediation:
    'Bind to loopback (`--bind loopback`, the default) and put a proxy or `tailscale serve` in front, or pass a secret from the environment: `openclaw gateway --bind lan --token "$OPENCLAW_GATEWAY_TOKEN"` (or set `gateway.auth.token` as a SecretRef).',
  references: ['https://cwe.mitre.org/data/definitions/306.html'],
  tags: ['shell', 'openclaw', 'exposure', 'CWE-306'],
  precision: 'high',
  messages: {
    auth_none: 'The gateway is started on "{{bind}}" with --auth none: anyone who can reach the port controls the agent.',
    no_auth: 'The gateway is started on "{{bind}}" with no --token/--password/--auth and no gateway auth in the repository\'s OpenClaw config.',
  },
  check(target, ctx) {
    // Inside a container `--bind lan` is how a published port reaches the gateway; exposure is then decided by
    // the port mapping (the compose rules), not by the bind. So image builds and `docker run …` are not judged here.
    if (target.origin === 'dockerfile' || target.origin === 'compose') return;
    const configAuth = configHasGatewayAuth(ctx.project.targets('openclaw'));
    for (const { cmd, inv } of invocations(target)) {
      if (CONTAINER_CLIS.has(inv.name)) continue;
      const words = [inv.nameWord, ...inv.args];
      const gw = gatewayCommand(words.map((w) => w.value));
      if (!gw?.bind || !isPublicBind(gw.bind.value)) continue;
      const envAuth = inv.env.some((e) => /^OPENCLAW_GATEWAY_(TOKEN|PASSWORD)=./.test(e.value));
      const authNone = gw.auth?.value === 'none';
      if (!authNone && (gw.token || gw.password || (gw.auth && gw.auth.value !== 'none') || envAuth || configAuth)) continue;
      const word = words[gw.bind.index];
      ctx.report({
        at: word ? at.range(word.start, word.end) : at.range(cmd.start, cmd.end),
        ...(authNone ? { severity: 'critical' as const } : {}),
        messageId: authNone ? 'auth_none' : 'no_auth',
        data: { bind: gw.bind.value },
      });
    }
  },
});
