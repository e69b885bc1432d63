import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get, obj } from '../_shared/openclaw.js';
import type { PathSegment } from '../../src/model/location.js';

/** CDP endpoints of the browser config: `browser.cdpUrl` and `browser.profiles.<name>.cdpUrl`. */
function cdpEndpoints(config: unknown): { path: PathSegment[]; url: string }[] {
  const out: { path: PathSegment[]; url: string }[] = [];
  const top = get(config, 'browser', 'cdpUrl');
  if (typeof top === 'string') out.push({ path: ['browser', 'cdpUrl'], url: top });
  for (const [name, p] of Object.entries(obj(get(config, 'browser', 'profiles')))) {
    const u = get(p, 'cdpUrl');
    if (typeof u === 'string') out.push({ path: ['browser', 'profiles', name, 'cdpUrl'], url: u });
  }
  return out;
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

export default defineRule({
  id: 'browser.remote_cdp_http',
  title: 'Browser CDP endpoint over plain HTTP',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A browser profile drives a Chrome DevTools endpoint on another host over `http:`/`ws:`: CDP is full control of the browser (cookies, sessions, file access), and here it travels unencrypted and unauthenticated across the network.',
  remediation:
    'Use an `https:`/`wss:` CDP endpoint, or reach the remote browser over a tailnet or SSH tunnel (`browser.cdpUrl: "http://127.0.0.1:9222"` through the tunnel).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const e of cdpEndpoints(t.value)) {
      let u: URL;
      try {
        u = new URL(e.url.trim());
      } catch {
        continue;
      }
      if ((u.protocol === 'http:' || u.protocol === 'ws:') && !isLoopbackHost(u.hostname)) ctx.report({ at: at.path(e.path), message: `CDP endpoint ${u.protocol}//${u.hostname} is remote and unencrypted.` });
    }
  },
});
