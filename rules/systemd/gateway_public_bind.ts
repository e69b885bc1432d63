import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { configHasGatewayAuth, gatewayCommand, isPublicBind } from '../_shared/openclaw-cli.js';
import { effectiveDirectives, gatewayExecs, serviceSetting } from '../_shared/systemd.js';

export default defineRule({
  id: 'systemd.gateway_public_bind',
  title: 'Gateway service listens on all interfaces',
  severity: 'high',
  appliesTo: ['systemd'],
  description:
    '`ExecStart=… openclaw gateway --bind lan` (or `0.0.0.0`, `auto`, `custom`) puts the gateway\'s admin API on every network the host is on, often the internet on a VPS. With no token or password anywhere (command line, `Environment=`, `EnvironmentFile=`, the repository\'s openclaw.json) it is high; with auth configured it is still an exposed admin surface (medium).',
  remediation:
    'Bind to loopback (`--bind loopback`, the default) and reach the gateway through SSH, `tailscale serve`, or a reverse proxy with authentication. If it must listen on the LAN, keep `--token` in an `EnvironmentFile=` (mode 600) and restrict the port in the firewall.',
  references: ['https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html#ExecStart=', 'https://cwe.mitre.org/data/definitions/284.html'],
  tags: ['systemd', 'openclaw', 'exposure', 'CWE-284'],
  precision: 'high',
  messages: {
    auth_configured: 'The gateway service listens on "{{bind}}" (all interfaces); auth is configured, but the admin API is reachable from the network.',
    no_auth: 'The gateway service listens on "{{bind}}" (all interfaces) with no token or password configured anywhere.',
  },
  check(target, ctx) {
    const directives = effectiveDirectives(target, ctx.project);
    const envAuth =
      directives.some((d) => d.section === 'Service' && d.key === 'Environment' && d.words.some((w) => /^OPENCLAW_GATEWAY_(TOKEN|PASSWORD)=./.test(w.value))) ||
      serviceSetting(directives, 'EnvironmentFile') !== undefined;
    const configAuth = configHasGatewayAuth(ctx.project.targets('openclaw'));
    for (const { directive, words } of gatewayExecs(directives)) {
      if (!target.directives.includes(directive)) continue;
      const gw = gatewayCommand(words.map((w) => w.value));
      if (!gw?.bind || !isPublicBind(gw.bind.value)) continue;
      const bindWord = words[gw.bind.index];
      const auth = (gw.token || gw.password || (gw.auth && gw.auth.value !== 'none') || envAuth || configAuth) && gw.auth?.value !== 'none';
      ctx.report({
        at: bindWord ? at.range(bindWord.start, bindWord.end) : at.range(directive.start, directive.end),
        ...(auth ? { severity: 'medium' as const } : {}),
        messageId: auth ? 'auth_configured' : 'no_auth',
        data: { bind: gw.bind.value },
      });
    }
  },
});
