import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayCommand, gatewayPorts } from '../_shared/openclaw-cli.js';
import { invocations } from '../_shared/shell.js';

export default defineRule({
  id: 'shell.tailscale_funnel',
  title: 'Tailscale Funnel publishes the gateway on the internet',
  severity: 'critical',
  appliesTo: ['shell'],
  keywords: ['funnel'],
  description:
    '`tailscale funnel` makes a local port reachable from the whole internet through a public `*.ts.net` name. Pointed at the OpenClaw gateway it exposes the agent\'s admin API to anyone, which `openclaw security audit` reports as `gateway.tailscale_funnel` (critical). `tailscale serve` keeps it on your tailnet.',
  remediation: 'Use `tailscale serve 18789` (tailnet only) instead of `tailscale funnel`, or set `gateway.tailscale.mode: "serve"` in openclaw.json and drop `--tailscale funnel`.',
  references: ['https://tailscale.com/kb/1223/funnel', 'https://tailscale.com/kb/1312/serve'],
  tags: ['shell', 'tailscale', 'exposure', 'CWE-284'],
  precision: 'high',
  check(target, ctx) {
    const ports = gatewayPorts(ctx.project.targets('openclaw'));
    for (const { cmd, inv } of invocations(target)) {
      const words = inv.args.map((a) => a.value);
      const funnel =
        (inv.name === 'tailscale' && (words[0] === 'funnel' || (words[0] === 'serve' && words.some((w) => w === '--funnel' || w === '--funnel=true'))) && words.some((w) => ports.has(Number(/(?:^|:|\/)(\d{2,5})(?:\/|$)/.exec(w)?.[1])))) ||
        gatewayCommand([inv.nameWord.value, ...words])?.tailscale?.value === 'funnel';
      if (funnel) ctx.report({ at: at.range(cmd.start, cmd.end), message: 'Tailscale Funnel publishes the OpenClaw gateway on the public internet.' });
    }
  },
});
