import { defineRule } from '../../src/model/rule.js';
import { GATEWAY_PORT } from '../../src/lib/exposure.js';
import { isRecord } from '../../src/lib/json.js';
import { isPublicBind } from '../_shared/openclaw-cli.js';
import { plainEnv } from '../_shared/paas.js';

export default defineRule({
  id: 'paas.gateway_public',
  title: 'Fly.io publishes the OpenClaw gateway to the internet',
  severity: 'medium',
  appliesTo: ['paas'],
  description:
    "Fly.io's `[http_service]` and `[[services]]` with `ports` are public on the app's `fly.dev` address (and any custom domain). When the internal port is the gateway's (18789, or the `PORT`/`OPENCLAW_GATEWAY_PORT` the `[env]` gives a gateway bound beyond loopback with `OPENCLAW_GATEWAY_BIND`), the gateway, its Control UI and its tool APIs are on the internet: only its own auth stands in front of them, and that is set outside the repository (a `fly secrets` token) where a reviewer cannot see it.",
  remediation: 'Keep the gateway private: no `[http_service]` for it, reach it through `fly proxy 18789` or Fly\'s private network (WireGuard, a tailnet). If it must be public, set a long `OPENCLAW_GATEWAY_TOKEN` with `fly secrets set`, keep device auth on, and set `gateway.controlUi.allowedOrigins`.',
  references: ['https://fly.io/docs/reference/configuration/#the-http_service-section', 'https://docs.openclaw.ai/gateway/security'],
  tags: ['paas', 'network-exposure', 'CWE-284'],
  precision: 'medium',
  check(target, ctx) {
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
