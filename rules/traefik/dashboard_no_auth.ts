import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { composeServices } from '../_shared/traefik.js';

const AUTH_TYPES = /^(basicauth|digestauth|forwardauth)$/i;

export default defineRule({
  id: 'traefik.dashboard_no_auth',
  title: 'Traefik dashboard router without an auth middleware',
  severity: 'medium',
  appliesTo: ['compose'],
  description:
    'A router whose service is `api@internal` publishes Traefik\'s dashboard and API through a normal entrypoint (usually 80/443, on the internet). Without a `basicAuth`, `digestAuth` or `forwardAuth` middleware on that router, anyone can browse the full routing table: internal addresses (the OpenClaw gateway\'s included), rules and middleware settings.',
  remediation:
    'Attach an auth middleware to the router: `traefik.http.routers.<r>.middlewares=dashboard-auth` with `traefik.http.middlewares.dashboard-auth.basicauth.users=admin:$$apr1$$…` (or a `forwardauth` to your SSO), and restrict it with an `ipAllowList` middleware.',
  references: ['https://doc.traefik.io/traefik/operations/dashboard/#secure-mode', 'https://doc.traefik.io/traefik/middlewares/http/basicauth/'],
  tags: ['traefik', 'compose', 'exposure', 'CWE-306'],
  precision: 'high',
  check(target, ctx) {
    const services = composeServices(target.value);
    // Middlewares defined by labels anywhere in the file: name → type (`basicauth`, `redirectscheme`, …).
    const defined = new Map<string, string>();
    for (const svc of services)
      for (const l of svc.labels) {
        const m = /^traefik\.http\.middlewares\.([^.]+)\.([^.]+)\./i.exec(l.key);
        if (m) defined.set(m[1] ?? '', m[2] ?? '');
      }
    const isAuth = (ref: string): boolean => {
      const [name, provider] = ref.trim().split('@');
      const type = defined.get(name ?? '');
      if (type !== undefined) return AUTH_TYPES.test(type);
      // Defined elsewhere (a file provider, another compose project): not ours to judge.
      return provider !== undefined && provider !== 'docker';
    };
    for (const svc of services) {
      for (const l of svc.labels) {
        const m = /^traefik\.http\.routers\.([^.]+)\.service$/i.exec(l.key);
        if (!m || l.value.trim() !== 'api@internal') continue;
        const mw = svc.labels.find((x) => x.key.toLowerCase() === `traefik.http.routers.${(m[1] ?? '').toLowerCase()}.middlewares`);
        if (mw && mw.value.split(',').some(isAuth)) continue;
        ctx.report({
          at: at.path(l.path),
          message: `Router "${m[1]}" on service "${svc.name}" serves the Traefik dashboard (api@internal) with no basicAuth/digestAuth/forwardAuth middleware.`,
          properties: { service: svc.name, router: m[1] ?? '' },
        });
      }
    }
  },
});
