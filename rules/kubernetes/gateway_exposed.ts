import { defineRule } from '../../src/model/rule.js';
import { GATEWAY_PORT } from '../../src/lib/exposure.js';
import { isRecord } from '../../src/lib/json.js';
import type { KubernetesTarget } from '../../src/model/target.js';
import { atPath, containers } from '../_shared/kubernetes.js';

/** Annotations by which an ingress controller asks for authentication before proxying. */
const AUTH_ANNOTATION = /(^|\/)(auth-url|auth-type|auth-signin|auth-secret|auth-tls-secret|router\.middlewares|oauth|forward-auth|auth)$/i;

/** Named container ports that are the gateway's (`name: gateway` with `containerPort: 18789`). */
function gatewayPortNames(target: KubernetesTarget): Set<string> {
  const names = new Set<string>();
  for (const c of containers(target)) {
    for (const p of Array.isArray(c.container.value.ports) ? c.container.value.ports : []) {
      if (isRecord(p) && Number(p.containerPort) === GATEWAY_PORT && typeof p.name === 'string') names.add(p.name);
    }
  }
  return names;
}

const isGatewayPort = (v: unknown, names: ReadonlySet<string>) => Number(v) === GATEWAY_PORT || (typeof v === 'string' && names.has(v));

export default defineRule({
  id: 'kubernetes.gateway_exposed',
  title: 'OpenClaw gateway port exposed outside the cluster',
  severity: 'critical',
  appliesTo: ['kubernetes'],
  description:
    "A Service of type `LoadBalancer` (critical: a public address) or `NodePort` (high: every node's address) whose `port`, `targetPort` or `nodePort` is the gateway's 18789 (or a container port named for it), a container `hostPort: 18789` (high: the node's address), or an Ingress that routes to such a Service with no authentication annotation (medium: the gateway's own auth is then the only gate) puts the gateway, its Control UI and its tool APIs in front of whoever reaches the address. Helm chart values with the conventional `service.type` and `service.port` are read the same way.",
  remediation: 'Keep the gateway Service `ClusterIP` and reach it through `kubectl port-forward`, a tailnet sidecar, or an Ingress with TLS and an authenticating proxy (`nginx.ingress.kubernetes.io/auth-url`, oauth2-proxy), and set gateway auth.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types', 'https://docs.openclaw.ai/gateway/security'],
  tags: ['kubernetes', 'network-exposure', 'CWE-284'],
  precision: 'high',
  messages: {
    service: 'Service "{{name}}" of type {{type}} exposes the OpenClaw gateway port 18789 {{where}}.',
    host_port: 'Container "{{name}}" publishes the OpenClaw gateway on the node\'s port {{port}} (hostPort).',
    ingress: 'Ingress "{{name}}" routes to the OpenClaw gateway with no authentication annotation.',
    values: 'The chart values expose the gateway with service.type {{type}} on port 18789 {{where}}.',
  },
  check(target, ctx) {
    const names = gatewayPortNames(target);
    const gatewayServices = new Set<string>();
    const where = (type: string) => (type === 'LoadBalancer' ? 'on a load balancer address' : "on every node's address");
    for (const doc of target.documents) {
      if (doc.kind !== 'Service' || !isRecord(doc.value.spec)) continue;
      const spec = doc.value.spec;
      const type = typeof spec.type === 'string' ? spec.type : 'ClusterIP';
      const ports = Array.isArray(spec.ports) ? spec.ports : [];
      ports.forEach((p, i) => {
        if (!isRecord(p) || !(isGatewayPort(p.port, names) || isGatewayPort(p.targetPort, names) || Number(p.nodePort) === GATEWAY_PORT)) return;
        gatewayServices.add(doc.name);
        if (type === 'LoadBalancer' || type === 'NodePort') ctx.report({ at: atPath([doc.index, 'spec', 'type']), messageId: 'service', data: { name: doc.name, type, where: where(type) }, severity: type === 'LoadBalancer' ? 'critical' : 'high', key: `Service/${doc.name}:${i}` });
      });
    }
    for (const c of containers(target)) {
      for (const p of c.container.ports) if (p.published && Number(p.published) === GATEWAY_PORT) ctx.report({ at: atPath([...p.path, 'hostPort']), messageId: 'host_port', data: { name: c.container.name, port: p.published }, severity: 'high' });
    }
    for (const doc of target.documents) {
      if (doc.kind !== 'Ingress' || !isRecord(doc.value.spec)) continue;
      const meta = isRecord(doc.value.metadata) ? doc.value.metadata : {};
      const annotations = isRecord(meta.annotations) ? Object.keys(meta.annotations) : [];
      if (annotations.some((a) => AUTH_ANNOTATION.test(a))) continue;
      const backends = JSON.stringify(doc.value.spec);
      const routes = [...gatewayServices].some((s) => backends.includes(`"name":${JSON.stringify(s)}`)) || /"number":18789\b/.test(backends);
      if (routes) ctx.report({ at: atPath([doc.index, 'spec', ...('rules' in doc.value.spec ? ['rules'] : [])]), messageId: 'ingress', data: { name: doc.name }, severity: 'medium' });
    }
    const values = target.helm === 'values' && isRecord(target.values) ? target.values : undefined;
    const service = values && isRecord(values.service) ? values.service : undefined;
    if (service && (service.type === 'LoadBalancer' || service.type === 'NodePort') && (Number(service.port) === GATEWAY_PORT || Number(service.targetPort) === GATEWAY_PORT || Number(service.nodePort) === GATEWAY_PORT)) {
      ctx.report({ at: atPath([0, 'service', 'type']), messageId: 'values', data: { type: service.type, where: where(service.type) }, severity: service.type === 'LoadBalancer' ? 'critical' : 'high' });
    }
  },
});
