import { defineRule } from '../../src/model/rule.js';
import { eachHostNamespace, isGatewayService } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.network_mode_host',
  title: 'Container uses the host network',
  severity: 'medium',
  appliesTo: ['compose_project'],
  description:
    "`network_mode: host` puts the container on the host's network stack: every port it listens on is open on the host's interfaces without any `ports:` mapping, it can reach services bound to the host's loopback (other admin interfaces, the Docker API if exposed on localhost), and firewall rules for published ports no longer describe it. For the OpenClaw gateway, `--bind lan` then means the LAN (high).",
  remediation: "Remove `network_mode: host` and publish only the ports needed, on loopback: `ports: [\"127.0.0.1:18789:18789\"]`.",
  references: ['https://docs.docker.com/reference/compose-file/services/#network_mode'],
  tags: ['compose', 'isolation', 'CWE-653'],
  precision: 'very-high',
  check(target, ctx) {
    eachHostNamespace(target.services, 'network_mode', (svc) => {
      ctx.report({
        at: svc.at(['network_mode']),
        message: `Service "${svc.name}" uses the host network (\`network_mode: host\`): whatever it listens on is on the host's interfaces, and host loopback services are reachable from it.`,
        ...(isGatewayService(svc) ? { severity: 'high' as const } : {}),
        properties: { service: svc.name },
      });
    });
  },
});
