import { defineRule } from '../../src/model/rule.js';
import { engineSocket } from '../../src/lib/exposure.js';
import { isGatewayService, isTruthy, mounts } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.docker_socket_mount',
  title: 'Docker API socket available in the container',
  severity: 'high',
  appliesTo: ['compose_project'],
  description:
    "A container that can reach the Docker API socket can start a privileged container with the host's disk mounted: it is root on the host. `:ro` does not help (read-only applies to the socket file, not to the API calls made through it), nor does mounting the socket's folder (`/var/run`, `/run`) instead of the socket, and `use_api_socket: true` hands over the socket and the user's registry credentials. Severity is high, and critical for the OpenClaw gateway, whose tools can be driven by prompt injection.",
  remediation:
    'Remove the socket mount. If a tool must manage containers (a reverse proxy reading labels, an updater), put a filtering proxy in front of the API (e.g. `tecnativa/docker-socket-proxy` with only the endpoints it needs) and never give the socket to the OpenClaw gateway or its sandbox.',
  references: ['https://docs.docker.com/engine/security/#docker-daemon-attack-surface', 'https://docs.docker.com/reference/compose-file/services/#use_api_socket'],
  tags: ['compose', 'container-escape', 'CWE-250'],
  precision: 'high',
  messages: {
    socket: 'Service "{{service}}" mounts the container-engine socket {{mount}}{{readOnly}}: it can control the Docker daemon, which is root on the host.',
    socket_folder: 'Service "{{service}}" mounts {{mount}}, the folder holding the Docker socket,{{readOnly}}: it can control the Docker daemon, which is root on the host.',
    api_socket: 'Service "{{service}}" sets use_api_socket: it gets the Docker API socket (root on the host) and the user\'s registry credentials.',
  },
  check(target, ctx) {
    for (const svc of target.services) {
      const severity = isGatewayService(svc) ? ({ severity: 'critical' } as const) : {};
      for (const m of mounts(svc)) {
        if (m.type !== 'bind' || m.unknown) continue;
        const found = engineSocket(m.hostPath);
        if (!found) continue;
        const socket = found === 'socket';
        const shown = m.source === m.hostPath ? m.source : `${m.source} (${m.hostPath})`;
        ctx.report({
          at: svc.at(['volumes', m.index]),
          messageId: socket ? 'socket' : 'socket_folder',
          data: { service: svc.name, mount: shown, readOnly: m.readOnly ? ' (read-only does not limit API calls)' : '' },
          ...severity,
          properties: { service: svc.name, hostPath: m.hostPath, readOnly: m.readOnly },
        });
      }
      if (isTruthy(svc.value.use_api_socket)) {
        ctx.report({
          at: svc.at(['use_api_socket']),
          messageId: 'api_socket',
          data: { service: svc.name },
          ...severity,
          properties: { service: svc.name },
        });
      }
    }
  },
});

