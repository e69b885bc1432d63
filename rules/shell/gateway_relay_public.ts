import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayPorts } from '../_shared/openclaw-cli.js';
import { invocations } from '../_shared/shell.js';

/** `TCP:127.0.0.1:18789`, `TCP4:localhost:18789`, `tcp-connect:[::1]:18789`: socat's connecting address. */
const SOCAT_TARGET = /^tcp[46]?(-connect)?:(127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1):(\d{1,5})(,|$)/i;
/** `TCP-LISTEN:8080,fork,reuseaddr[,bind=…]`: socat's listening address. */
const SOCAT_LISTEN = /^tcp[46]?-listen:(\d{1,5})(,.*)?$/i;
/** `-R [bind:]port:host:hostport`: a remote forward; the bind address is the first of four fields. */
const SSH_REMOTE = /^(?:(\*|0\.0\.0\.0|\[::\]|::|[^:]*):)?(\d{1,5}):(localhost|127\.\d+\.\d+\.\d+|\[::1\]):(\d{1,5})$/;

export default defineRule({
  id: 'shell.gateway_relay_public',
  title: 'A relay republishes the loopback gateway on all interfaces',
  severity: 'high',
  appliesTo: ['shell'],
  keywords: ['socat', 'ssh'],
  description:
    'The gateway is bound to loopback so that only the host reaches it; a relay in front of it undoes that. `socat TCP-LISTEN:<port>,fork TCP:127.0.0.1:18789` listens on every interface unless given `bind=`, and `ssh -R 0.0.0.0:<port>:localhost:18789` (or `*:`) opens the gateway on the remote host\'s interfaces. Connections then arrive from loopback, which the gateway trusts more than remote clients.',
  remediation:
    'Reach the gateway over an SSH local forward (`ssh -L 18789:127.0.0.1:18789 host`) or Tailscale Serve; if a relay is needed, bind it to a private address (`TCP-LISTEN:18790,bind=10.0.0.5`) and put auth in front.',
  references: ['https://cwe.mitre.org/data/definitions/1327.html', 'https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['shell', 'openclaw', 'exposure', 'CWE-1327'],
  precision: 'high',
  messages: {
    socat: 'socat listens on port {{port}} on all interfaces and relays it to the loopback gateway ({{target}}).',
    ssh: '`ssh -R {{spec}}` publishes the loopback gateway on all interfaces of the remote host.',
  },
  check(target, ctx) {
    const ports = gatewayPorts(ctx.project.targets('openclaw'));
    for (const { cmd, inv } of invocations(target)) {
      const args = inv.args.map((a) => a.value);
      if (inv.name === 'socat') {
        const listen = args.map((a) => SOCAT_LISTEN.exec(a)).find((m) => m);
        const to = args.map((a) => SOCAT_TARGET.exec(a)).find((m) => m);
        if (!listen || !to || !ports.has(Number(to[3]))) continue;
        const options = (listen[2] ?? '').split(',');
        const bind = options.find((o) => /^bind=/i.test(o))?.slice(5);
        if (bind !== undefined && !['0.0.0.0', '::', '[::]', ''].includes(bind)) continue;
        ctx.report({ at: at.range(cmd.start, cmd.end), messageId: 'socat', data: { port: listen[1] ?? '', target: to[0].replace(/,$/, '') } });
      } else if (inv.name === 'ssh') {
        for (let k = 0; k < args.length; k++) {
          const a = args[k] ?? '';
          const spec = a === '-R' ? args[k + 1] : a.startsWith('-R') ? a.slice(2) : undefined;
          const m = spec === undefined ? null : SSH_REMOTE.exec(spec);
          if (!m || !ports.has(Number(m[4]))) continue;
          // No bind address, or `localhost`: sshd binds the remote loopback (unless GatewayPorts yes, set elsewhere).
          if (m[1] === undefined || !['*', '0.0.0.0', '[::]', '::', ''].includes(m[1])) continue;
          ctx.report({ at: at.range(cmd.start, cmd.end), messageId: 'ssh', data: { spec: spec ?? '' } });
        }
      }
    }
  },
});
