import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';

/** `tcp://host:port` → the host part ('' = every interface). */
function tcpHost(h: string): string | undefined {
  const m = /^tcp:\/\/(\[[^\]]*\]|[^:/]*)/.exec(h.trim());
  return m ? (m[1] ?? '').replace(/^\[|\]$/g, '') : undefined;
}

const isLoopback = (h: string) => h === 'localhost' || h === '::1' || h.startsWith('127.');

export default defineRule({
  id: 'daemon.tcp_without_tls',
  title: 'Docker API on TCP without TLS client verification',
  severity: 'critical',
  appliesTo: ['docker_daemon'],
  description:
    'The Docker API is root on the host: whoever can call it starts a privileged container with the host disk mounted. A `tcp://` entry in `hosts` without `"tlsverify": true` accepts anyone who can reach the port (`"tls": true` alone encrypts but authenticates nobody). On `0.0.0.0` or a public address that is remote root for the internet, OpenClaw tokens included; on loopback, any local user or container with host networking gets root (medium).',
  remediation:
    'Remove the `tcp://` host and use the Unix socket (over SSH: `DOCKER_HOST=ssh://user@host`). If TCP is required, set `"tlsverify": true` with `tlscacert`/`tlscert`/`tlskey` and client certificates, and bind to a private address.',
  references: ['https://docs.docker.com/engine/security/protect-access/', 'https://docs.docker.com/reference/cli/dockerd/#daemon-socket-option'],
  tags: ['docker', 'host', 'remote-root', 'CWE-306'],
  precision: 'very-high',
  messages: {
    no_tls: 'The Docker API listens on {{host}} without TLS: {{who}} gets root on the host.',
    no_client_verification: 'The Docker API listens on {{host}} with TLS but no client verification: {{who}} gets root on the host.',
  },
  check(target, ctx) {
    const v = target.value;
    if (!isRecord(v)) return;
    if (v.tlsverify === true) return;
    // `--tlsverify` on the dockerd command line (a unit or drop-in in the repository) applies to these hosts too.
    const unitVerifies = ctx.project
      .targets('systemd')
      .some((t) => t.directives.some((d) => d.key === 'ExecStart' && /(^|\/)dockerd$/.test(d.words[0]?.value ?? '') && d.words.some((w) => w.value === '--tlsverify' || w.value === '--tlsverify=true')));
    if (unitVerifies) return;
    const hosts = Array.isArray(v.hosts) ? v.hosts : typeof v.hosts === 'string' ? [v.hosts] : [];
    hosts.forEach((h, k) => {
      const host = typeof h === 'string' ? tcpHost(h) : undefined;
      if (host === undefined) return;
      const loopback = isLoopback(host);
      ctx.report({
        at: at.path(Array.isArray(v.hosts) ? ['hosts', k] : ['hosts']),
        ...(loopback ? { severity: 'medium' as const } : {}),
        messageId: v.tls === true ? 'no_client_verification' : 'no_tls',
        data: { host: String(h), who: loopback ? 'any local user or host-network container' : 'anyone who reaches the port' },
        properties: { host: String(h) },
      });
    });
  },
});
