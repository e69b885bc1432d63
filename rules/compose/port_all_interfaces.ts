import type { Severity } from '../../src/model/severity.js';
import { defineRule } from '../../src/model/rule.js';
import { type PortBinding, ports, unresolvedNames } from '../_shared/compose.js';

const GATEWAY = new Map([[18789, 'the OpenClaw gateway'], [18790, 'the OpenClaw bridge']]);
/** Remote shells, debuggers, container-engine APIs and data stores: unauthenticated or brute-forceable by design. */
const HIGH = new Map<number, string>([
  [22, 'SSH'],
  [9229, 'the Node.js inspector, which runs any code it is sent'],
  [2375, 'the Docker API (no TLS)'],
  [2376, 'the Docker API'],
  [2377, 'Docker Swarm management'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [27017, 'MongoDB'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch transport'],
  [11211, 'Memcached'],
  [5984, 'CouchDB'],
  [8086, 'InfluxDB'],
  [1433, 'SQL Server'],
  [9042, 'Cassandra'],
  [7687, 'Neo4j'],
  [6333, 'Qdrant'],
  [5672, 'RabbitMQ'],
  [4222, 'NATS'],
  [10250, 'the kubelet API'],
]);
/** A public web entrypoint is what a reverse proxy is for; what matters there is TLS and auth, out of sight here. */
const WEB = new Set([80, 443]);

function grade(p: PortBinding): { severity: Severity; what?: string } {
  for (const n of p.numbers) {
    const g = GATEWAY.get(n);
    if (g) return { severity: 'critical', what: g };
  }
  for (const n of p.numbers) {
    const h = HIGH.get(n);
    if (h) return { severity: 'high', what: h };
  }
  if (p.numbers.length > 0 && p.numbers.every((n) => WEB.has(n))) return { severity: 'low', what: 'a web entrypoint' };
  return { severity: 'medium' };
}

export default defineRule({
  id: 'compose.port_all_interfaces',
  title: 'Port published on all interfaces',
  severity: 'medium',
  appliesTo: ['compose_project'],
  description:
    "A `ports:` entry without a host address (`\"18789:18789\"`, `- 3000`, long form without `host_ip`) or with `0.0.0.0` / `[::]` publishes the port on every interface of the host, and Docker's iptables rules bypass ufw/firewalld. Graded by what listens: the OpenClaw gateway (18789) and bridge (18790) are critical (the control plane of an agent with shell tools); SSH, the Node.js inspector (9229), the Docker API and databases are high; 80/443 alone are low (a reverse proxy's job); anything else medium. A host address still holding an unset variable (`${BIND}:8080:80`) is treated as all interfaces, which is what Compose does when it is empty. Loopback (`127.0.0.1`, `[::1]`) is not reported, nor is `expose:`.",
  remediation:
    'Bind to loopback and put an authenticated reverse proxy or a tunnel (Tailscale, SSH) in front: `ports: ["127.0.0.1:18789:18789"]`, or in long form `host_ip: 127.0.0.1`. Services that only talk to other containers need no `ports:` at all.',
  references: ['https://docs.docker.com/reference/compose-file/services/#ports', 'https://docs.docker.com/engine/network/packet-filtering-firewalls/'],
  tags: ['compose', 'network-exposure', 'CWE-668'],
  precision: 'high',
  messages: {
    all: 'Service "{{service}}" publishes port {{port}}{{detail}} on all interfaces ({{host}}).',
    unknown: 'Service "{{service}}" publishes port {{port}}{{detail}} on the host address {{host}}, which is not set in the repository (all interfaces when empty). Set {{variables}} to 127.0.0.1 or bind it explicitly.',
  },
  check(target, ctx) {
    for (const svc of target.services) {
      for (const p of ports(svc)) {
        if (p.exposure !== 'all' && p.exposure !== 'unknown') continue;
        const { severity, what } = grade(p);
        const port = p.published || p.target;
        const detail = what ? ` (${what})` : '';
        ctx.report({
          at: svc.at(['ports', p.index]),
          ...(p.exposure === 'unknown'
            ? { messageId: 'unknown', data: { service: svc.name, port, detail, host: p.hostIp, variables: unresolvedNames(p.hostIp).join(', ') } }
            : { messageId: 'all', data: { service: svc.name, port, detail, host: p.hostIp || 'no host address' } }),
          severity,
          properties: { service: svc.name, port, target: p.target, exposure: p.exposure },
        });
      }
    }
  },
});
