import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { composeServices, publishesPublicly, staticFlag } from '../_shared/traefik.js';

export default defineRule({
  id: 'traefik.insecure_api',
  title: 'Traefik API and dashboard served without auth (api.insecure)',
  severity: 'medium',
  appliesTo: ['compose'],
  description:
    '`--api.insecure=true` serves Traefik\'s API and dashboard on the `traefik` entrypoint (port 8080) with no authentication and no router in front. It shows every router, service and middleware: internal addresses (the OpenClaw gateway\'s included), routing rules and middleware settings such as basic-auth user hashes. If the compose file publishes 8080 on all interfaces, anyone on the internet can read it (high).',
  remediation:
    'Remove `--api.insecure=true`. To keep the dashboard, enable `--api.dashboard=true` and expose it through a router with an auth middleware (`traefik.http.routers.dashboard.service=api@internal`, `…middlewares=dashboard-auth`, `traefik.http.middlewares.dashboard-auth.basicauth.users=…`), and do not publish port 8080.',
  references: ['https://doc.traefik.io/traefik/operations/api/#insecure', 'https://doc.traefik.io/traefik/operations/dashboard/#secure-mode'],
  tags: ['traefik', 'compose', 'exposure', 'CWE-306'],
  precision: 'very-high',
  check(target, ctx) {
    for (const svc of composeServices(target.value)) {
      const flag = staticFlag(svc, 'api.insecure');
      if (!flag) continue;
      const published = publishesPublicly(svc, 8080);
      ctx.report({
        at: at.path(flag.path),
        ...(published ? { severity: 'high' as const } : {}),
        message: `Service "${svc.name}" runs Traefik with api.insecure: the API and dashboard answer without auth on port 8080${published ? ', which this service publishes on all interfaces' : ''}.`,
        properties: { service: svc.name },
      });
    }
  },
});
