import { defineRule } from '../../src/model/rule.js';
import { GATEWAY_PORT, parsePort } from '../../src/lib/exposure.js';
import { isRecord } from '../../src/lib/json.js';
import { isPublicBind } from '../_shared/openclaw-cli.js';
import { bicepValue, containerApps, plainEnv } from '../_shared/paas.js';
import type { PaasTarget } from '../../src/model/target.js';
import type { RuleContext } from '../../src/model/rule.js';

export default defineRule({
  id: 'paas.gateway_public',
  title: 'A platform config publishes the OpenClaw gateway to the internet',
  severity: 'medium',
  appliesTo: ['paas'],
  description:
    "The platform publishes the gateway's port (18789) on the internet, where only the gateway's own auth, set outside the repository, stands in front of it. Fly.io: `[http_service]` or `[[services]]` with `ports` whose internal port is the gateway's (or the `PORT`/`OPENCLAW_GATEWAY_PORT` of a gateway bound beyond loopback by `[env]`). Azure Container Apps (Bicep): ingress `external` with `targetPort` 18789, read as written or from a parameter's literal default (`external: !internalOnly`, `internalOnly` defaulting to false); a literal `ipSecurityRestrictions` allow list keeps it quiet, computed restrictions are named in the message. Kamal: `proxy.app_port` 18789 (kamal-proxy forwards the servers' ports 80/443 to it) or a role's `options.publish` of the port on all interfaces. Railway's public networking is set in its dashboard, not in its files: not reported.",
  remediation: 'Keep the gateway private: no `[http_service]` for it, reach it through `fly proxy 18789` or Fly\'s private network (WireGuard, a tailnet); on Azure Container Apps, `external: false` (reachable inside the environment\'s virtual network) or a literal `ipSecurityRestrictions` allow list. If it must be public, set a long `OPENCLAW_GATEWAY_TOKEN` with `fly secrets set`, keep device auth on, and set `gateway.controlUi.allowedOrigins`.',
  references: ['https://fly.io/docs/reference/configuration/#the-http_service-section', 'https://learn.microsoft.com/en-us/azure/container-apps/ingress-overview', 'https://docs.openclaw.ai/gateway/security'],
  tags: ['paas', 'network-exposure', 'CWE-284'],
  precision: 'medium',
  check(target, ctx) {
    if (target.platform === 'azure') return checkContainerApps(target, ctx);
    if (target.platform === 'kamal') return checkKamal(target, ctx);
    if (target.platform !== 'fly' || !isRecord(target.value)) return;
    const env = new Map(plainEnv(target).map((v) => [v.name, v.value]));
    const bind = env.get('OPENCLAW_GATEWAY_BIND');
    const gatewayPorts = new Set([GATEWAY_PORT]);
    if (bind !== undefined && isPublicBind(bind)) for (const k of ['PORT', 'OPENCLAW_GATEWAY_PORT']) if (env.has(k)) gatewayPorts.add(Number(env.get(k)));
    const http = target.value.http_service;
    if (isRecord(http) && gatewayPorts.has(Number(http.internal_port))) ctx.report({ at: { kind: 'path', path: ['http_service', 'internal_port'] }, message: `[http_service] publishes internal port ${String(http.internal_port)}, the OpenClaw gateway, on the app's public address.` });
    const services = Array.isArray(target.value.services) ? target.value.services : [];
    services.forEach((s, i) => {
      if (isRecord(s) && Array.isArray(s.ports) && s.ports.length && gatewayPorts.has(Number(s.internal_port))) ctx.report({ at: { kind: 'path', path: ['services', i, 'internal_port'] }, message: `[[services]] publishes internal port ${String(s.internal_port)}, the OpenClaw gateway, on the app's public address.` });
    });
  },
});

/** Azure Container Apps (Bicep): ingress `external` to the gateway's port. */
function checkContainerApps(target: PaasTarget, ctx: RuleContext): void {
  for (const app of containerApps(target)) {
    const config = app.body.properties;
    const ingress = isRecord(config) && isRecord(config.configuration) ? config.configuration.ingress : undefined;
    if (!isRecord(ingress)) continue;
    const external = bicepValue(target.value, ingress.external);
    const port = bicepValue(target.value, ingress.targetPort);
    if (external?.value !== true || Number(port?.value) !== GATEWAY_PORT) continue;
    const restrictions = ingress.ipSecurityRestrictions;
    // A literal allow list keeps the gateway off the open internet; an empty one (or none) does not.
    if (Array.isArray(restrictions) && restrictions.some((r) => isRecord(r) && r.action === 'Allow')) continue;
    const how = external.via ? ` (\`${external.via.name}\` defaults to ${String(external.via.value)})` : '';
    const named = isRecord(restrictions) && /^[A-Za-z_]\w*$/.test(String(restrictions.$expr)) ? ` (\`${String(restrictions.$expr)}\`)` : '';
    const computed = isRecord(restrictions) ? `; its IP restrictions are computed${named}, which the scan does not evaluate: when they are empty, anyone can reach it` : '';
    ctx.report({ at: { kind: 'path', path: [...app.path, 'properties', 'configuration', 'ingress', 'external'] }, message: `Container App "${app.symbol}" has external ingress${how} to port ${GATEWAY_PORT}, the OpenClaw gateway: it is on the internet${computed}.` });
  }
}

/**
 * Kamal (`config/deploy.yml`): kamal-proxy listens on ports 80/443 of every server and forwards to the role's
 * `proxy.app_port` (root `proxy:`, or the role's own; `proxy: false` turns it off for a role); a role's
 * `options.publish` is `docker run --publish`: reported when it is on all the server's interfaces (no address, or
 * 0.0.0.0); one bound to an address is that network's business.
 */
function checkKamal(target: PaasTarget, ctx: RuleContext): void {
  const v = target.value;
  if (!isRecord(v)) return;
  const rootProxy = isRecord(v.proxy) ? v.proxy : undefined;
  if (rootProxy && Number(rootProxy.app_port) === GATEWAY_PORT) {
    const host = typeof rootProxy.host === 'string' ? ` (${rootProxy.host})` : '';
    ctx.report({ at: { kind: 'path', path: ['proxy', 'app_port'] }, message: `Kamal's proxy forwards ports 80/443 of the servers${host} to app_port ${GATEWAY_PORT}, the OpenClaw gateway: it is reachable from wherever the servers are.` });
  }
  const roles = isRecord(v.servers) ? Object.entries(v.servers) : [];
  for (const [role, r] of roles) {
    if (!isRecord(r)) continue;
    if (isRecord(r.proxy) && Number(r.proxy.app_port) === GATEWAY_PORT) {
      const host = typeof r.proxy.host === 'string' ? ` (${r.proxy.host})` : '';
      ctx.report({ at: { kind: 'path', path: ['servers', role, 'proxy', 'app_port'] }, message: `Kamal's proxy forwards ports 80/443 of the "${role}" servers${host} to app_port ${GATEWAY_PORT}, the OpenClaw gateway: it is reachable from wherever the servers are.` });
    }
    const options = isRecord(r.options) ? r.options : undefined;
    for (const key of ['publish', 'p'] as const) {
      const raw = options?.[key];
      const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
      list.forEach((entry, i) => {
        const port = parsePort(entry, i);
        if (!port || port.exposure !== 'all' || Number(port.target) !== GATEWAY_PORT) return;
        ctx.report({ at: { kind: 'path', path: ['servers', role, 'options', key, ...(Array.isArray(raw) ? [i] : [])] }, message: `Kamal role "${role}" publishes port ${port.text}, the OpenClaw gateway, on all interfaces of its servers.` });
      });
    }
  }
}
