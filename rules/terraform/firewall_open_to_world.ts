import { defineRule } from '../../src/model/rule.js';
import { GATEWAY_PORT } from '../../src/lib/exposure.js';
import { ingressRules, isWorld, moduleOf, opens, type Sourced } from '../_shared/terraform.js';

/** The ports whose exposure to the whole internet this rule reports, most serious first. */
const PORTS = [
  { port: GATEWAY_PORT, messageId: 'gateway', severity: 'critical' },
  { port: 22, messageId: 'ssh', severity: 'medium' },
] as const;

export default defineRule({
  id: 'terraform.firewall_open_to_world',
  title: 'Firewall opens the gateway port or SSH to the whole internet',
  severity: 'critical',
  appliesTo: ['terraform'],
  description:
    'A cloud firewall rule that admits `0.0.0.0/0` or `::/0` on the OpenClaw gateway port (18789) puts the gateway, its Control UI and its tool APIs on the internet, where scanners find it within hours: critical. SSH (22) open to the world is the usual first foothold on a host that runs an agent with shell tools: medium. Read from `aws_security_group` (inline `ingress`, `dynamic "ingress"`), `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`, `hcloud_firewall`, `google_compute_firewall`, `azurerm_network_security_rule` / `security_rule`, `digitalocean_firewall` and `oci_core_security_list`; a source given by a variable is judged by its literal default and the `*.tfvars` values of the same folder, and reported where the open range is written.',
  remediation:
    'Keep 18789 closed: reach the gateway through an SSH tunnel, Tailscale or a reverse proxy with TLS and auth on 443. Restrict SSH to your address ranges (`cidr_blocks = [var.admin_cidr]` with a real default), or use the provider\'s session manager / Tailscale SSH and close 22.',
  references: ['https://docs.openclaw.ai/gateway/security', 'https://developer.hashicorp.com/terraform/language/values/variables'],
  tags: ['terraform', 'network-exposure', 'CWE-284'],
  precision: 'high',
  messages: {
    gateway: '{{resource}} admits {{source}}{{via}} on port 18789: the OpenClaw gateway is reachable from the whole internet.',
    ssh: '{{resource}} admits {{source}}{{via}} on SSH (port 22): anyone on the internet can try to log in to the host.',
  },
  check(target, ctx) {
    if (target.tfvars) return;
    const mod = moduleOf(ctx.project, target);
    for (const b of target.body.blocks) {
      if (b.type !== 'resource' || !b.labels[0]) continue;
      const type = b.labels[0].value;
      const name = b.labels[1]?.value ?? '';
      const seen = new Set<string>();
      for (const rule of ingressRules(type, b.body, b.start, b.end)) {
        const p = PORTS.find((x) => opens(rule.ports, x.port));
        if (!p) continue;
        // One finding per place the open range is written (`["0.0.0.0/0", "::/0"]` is one line, one finding).
        const groups = new Map<string, Sourced[]>();
        rule.sources.forEach((e, n) => {
          for (const src of mod.strings(e, target.file)) {
            if (!isWorld(src.value)) continue;
            const k = `${n}\n${src.file}\n${src.via ?? ''}`;
            groups.set(k, [...(groups.get(k) ?? []), src]);
          }
        });
        for (const list of groups.values()) {
          const first = list[0] as Sourced;
          const last = list[list.length - 1] as Sourced;
          const where = `${first.file}:${first.start}:${p.port}`;
          if (seen.has(where)) continue;
          seen.add(where);
          const values = [...new Set(list.map((x) => x.value))];
          ctx.report({
            at: { kind: 'range', start: first.start, end: last.end, ...(first.file === target.file ? {} : { file: first.file }) },
            messageId: p.messageId,
            data: { resource: `${type}.${name}`, source: values.join(' and '), via: first.via ? ` (from ${first.via})` : '' },
            severity: p.severity,
            key: `${type}.${name}:${p.port}:${first.file}:${values.join(',')}`,
            properties: { resource: `${type}.${name}`, port: p.port },
          });
        }
      }
    }
  },
});
