import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { coversGatewayPort, gatewayPorts } from '../_shared/openclaw-cli.js';
import { flagValue, invocations } from '../_shared/shell.js';

const IPTABLES = new Set(['iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft']);
/** Interfaces that are not the internet: loopback, Tailscale, WireGuard, ZeroTier, Docker bridges. */
const PRIVATE_IF = /^(lo|tailscale\d*|wg\d*|zt\w*|docker\d*|br-\w+)$/;

export default defineRule({
  id: 'shell.firewall_opens_gateway',
  title: 'Firewall opened to the gateway port for everyone',
  severity: 'high',
  appliesTo: ['shell'],
  keywords: ['ufw', 'iptables', 'ip6tables', 'firewall-cmd'],
  description:
    'The OpenClaw gateway (port 18789, or the `gateway.port` of the repository\'s config) is an admin API: whoever reaches it and gets past its auth drives an agent with shell, file and browser tools. `ufw allow 18789` or an iptables/firewalld rule accepting the port with no source restriction puts it on the internet. (A port published by Docker bypasses ufw anyway, so the rule usually only adds exposure.)',
  remediation:
    'Keep the gateway on loopback and reach it over SSH (`ssh -L 18789:127.0.0.1:18789 host`) or Tailscale (`tailscale serve`). If it must be reachable, restrict the source or the interface: `ufw allow from 100.64.0.0/10 to any port 18789 proto tcp`, `ufw allow in on tailscale0 to any port 18789`, `iptables … -s <cidr> --dport 18789 -j ACCEPT`.',
  references: ['https://manpages.ubuntu.com/manpages/noble/man8/ufw.8.html', 'https://github.com/moby/moby/issues/4737'],
  tags: ['shell', 'firewall', 'exposure', 'CWE-284'],
  precision: 'high',
  check(target, ctx) {
    const ports = gatewayPorts(ctx.project.targets('openclaw'));
    for (const { cmd, inv } of invocations(target)) {
      const args = inv.args.map((a) => a.value);
      let opened: number | undefined;
      if (inv.name === 'ufw') {
        // `ufw allow 18789[/tcp]`, `ufw allow proto tcp to any port 18789`; `from <src>` restricts (`from any` does not).
        const allow = args.indexOf('allow');
        const from = args.indexOf('from');
        const on = args.indexOf('on');
        const restricted = (from !== -1 && args[from + 1] !== 'any') || (on !== -1 && PRIVATE_IF.test(args[on + 1] ?? ''));
        const specs = args.filter((a, k) => k > allow && (/^\d[\d:,-]*(\/(tcp|udp))?$/.test(a) && (k === allow + 1 || args[k - 1] === 'port')));
        if (allow !== -1 && !restricted) opened = specs.map((p) => coversGatewayPort(p, ports)).find((p) => p !== undefined);
      } else if (IPTABLES.has(inv.name)) {
        const dport = flagValue(inv.args, '--dport', '--destination-port', '--dports');
        const jump = flagValue(inv.args, '-j', '--jump');
        const source = flagValue(inv.args, '-s', '--source', '--src-range');
        const iface = flagValue(inv.args, '-i', '--in-interface');
        const open = jump?.value === 'ACCEPT' && (!source || /^(0\.0\.0\.0\/0|::\/0)$/.test(source.value)) && !(iface && PRIVATE_IF.test(iface.value));
        if (dport && open) opened = coversGatewayPort(dport.value, ports);
      } else if (inv.name === 'firewall-cmd') {
        opened = args.map((a) => (a.startsWith('--add-port=') ? coversGatewayPort(a.slice('--add-port='.length), ports) : undefined)).find((p) => p !== undefined);
      }
      if (opened !== undefined) ctx.report({ at: at.range(cmd.start, cmd.end), message: `${inv.name} opens the OpenClaw gateway port ${opened} to every source address.`, properties: { port: opened } });
    }
  },
});
