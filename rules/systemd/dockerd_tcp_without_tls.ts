import { isRecord } from '../../src/lib/json.js';
import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';

const isLoopback = (h: string) => h === 'localhost' || h === '::1' || h.startsWith('127.');

export default defineRule({
  id: 'systemd.dockerd_tcp_without_tls',
  title: 'dockerd started with a TCP socket and no TLS verification',
  severity: 'critical',
  appliesTo: ['systemd'],
  description:
    'The usual way to "open the Docker API" is a drop-in such as `docker.service.d/override.conf` with `ExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375`. Without `--tlsverify` anyone who reaches that port runs containers as root on the host, with the OpenClaw state, tokens and the gateway in reach: remote root (critical); on loopback, any local user or host-network container gets it (medium). The same check as `daemon.tcp_without_tls`, for the command line.',
  remediation:
    'Remove the `-H tcp://…` argument and use the Unix socket (remotely: `DOCKER_HOST=ssh://user@host`). If TCP is required, add `--tlsverify --tlscacert … --tlscert … --tlskey …` with client certificates and bind to a private address.',
  references: ['https://docs.docker.com/engine/security/protect-access/', 'https://docs.docker.com/engine/daemon/remote-access/'],
  tags: ['systemd', 'docker', 'host', 'remote-root', 'CWE-306'],
  precision: 'very-high',
  check(target, ctx) {
    // `"tlsverify": true` in the repository's daemon.json applies to command-line hosts too.
    if (ctx.project.targets('docker_daemon').some((t) => isRecord(t.value) && t.value.tlsverify === true)) return;
    for (const d of target.directives) {
      if (d.section !== 'Service' || d.key !== 'ExecStart') continue;
      const words = d.words;
      if (!/(^|\/)dockerd$/.test(words[0]?.value.replace(/^[-@:+!]+/, '') ?? '')) continue;
      if (words.some((w) => w.value === '--tlsverify' || w.value === '--tlsverify=true')) continue;
      words.forEach((w, k) => {
        const value = /^(-H|--host)$/.test(w.value) ? (words[k + 1]?.value ?? '') : /^(-H|--host=)(tcp:\/\/.*)$/.exec(w.value)?.[2] ?? '';
        const m = /^tcp:\/\/(\[[^\]]*\]|[^:/]*)/.exec(value);
        if (!m) return;
        const host = (m[1] ?? '').replace(/^\[|\]$/g, '');
        const word = /^(-H|--host)$/.test(w.value) ? (words[k + 1] ?? w) : w;
        ctx.report({
          at: at.range(word.start, word.end),
          ...(isLoopback(host) ? { severity: 'medium' as const } : {}),
          message: `dockerd listens on ${value} without --tlsverify: ${isLoopback(host) ? 'any local user or host-network container' : 'anyone who reaches the port'} gets root on the host.`,
        });
      });
    }
  },
});
