import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { commands, flagValue, invocation } from '../_shared/shell.js';

const GATEWAY_PORT = /^(18789)(\/(tcp|udp))?$/;
const IPTABLES = new Set(['iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft']);
/** Interfaces that are not the internet: loopback, Tailscale, WireGuard, ZeroTier, Docker bridges. */
const PRIVATE_IF = /^(lo|tailscale\d*|wg\d*|zt\w*|docker\d*|br-\w+)$/;

export default defineRule({
  id: 'shell.firewall_opens_gateway',
  title: 'Firewall opened to the gateway port for everyone',
  severity: 'high',
  appliesTo: ['shell'],
  description:
    'The OpenClaw gateway (port 18789) is an admin API: whoever reaches it and gets past its auth drives an agent with shell, file and browser tools. `ufw allow 18789` or an iptables/firewalld rule accepting the port with no source restriction puts it on the internet. (A port published by Docker bypasses ufw anyway, so the rule usually only adds exposure.)',
  remediation:
    'Keep the gateway on loopback and reach it over SSH (`ssh -L 18789:127.0.0.1:18789 host`) or Tailscale (`tailscale serve`). If it must be reachable, restrict the source or the interface: `ufw allow from 100.64.0.0/10 to any port 18789 proto tcp`, `ufw allow in on tailscale0 to any port 18789`, `iptables … -s <cidr> --dport 18789 -j ACCEPT`.',
  references: ['https://manpages.ubuntu.com/manpages/noble/man8/ufw.8.html', 'https://github.com/moby/moby/issues/4737'],
  tags: ['shell', 'firewall', 'exposure', 'CWE-284'],
  precision: 'high',
  check(target, ctx) {
    for (const cmd of commands(target)) {
      const inv = invocation(cmd);
      if (!inv) continue;
      const args = inv.args.map((a) => a.value);
      let opened = false;
      if (inv.name === 'ufw') {
        // `ufw allow 18789[/tcp]`, `ufw allow proto tcp to any port 18789`; `from <src>` restricts (`from any` does not).
        const allow = args.indexOf('allow');
        const from = args.indexOf('from');
        const on = args.indexOf('on');
        const port = args.findIndex((a, k) => k > allow && (GATEWAY_PORT.test(a) || (args[k - 1] === 'port' && /^18789$/.test(a))));
        opened = allow !== -1 && port !== -1 && (from === -1 || args[from + 1] === 'any') && !(on !== -1 && PRIVATE_IF.test(args[on + 1] ?? ''));
      } else if (IPTABLES.has(inv.name)) {
        const dport = flagValue(inv.args, '--dport', '--destination-port', '--dports');
        const jump = flagValue(inv.args, '-j', '--jump');
        const source = flagValue(inv.args, '-s', '--source', '--src-range');
        const iface = flagValue(inv.args, '-i', '--in-interface');
        opened = Boolean(dport && /(^|,)18789(,|$)/.test(dport.value) && jump?.value === 'ACCEPT' && (!source || /^(0\.0\.0\.0\/0|::\/0)$/.test(source.value)) && !(iface && PRIVATE_IF.test(iface.value)));
      } else if (inv.name === 'firewall-cmd') {
        opened = args.some((a) => /^--add-port=18789\/(tcp|udp)$/.test(a));
      }
      if (opened) ctx.report({ at: at.range(cmd.start, cmd.end), message: `${inv.name} opens the OpenClaw gateway port 18789 to every source address.` });
    }
  },
});
