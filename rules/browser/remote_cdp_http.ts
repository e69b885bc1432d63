import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { cdpEndpoints, isLoopbackHost } from '../_shared/openclaw/browser.js';

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
  tags: ['openclaw', 'openclaw-all-versions'],
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
