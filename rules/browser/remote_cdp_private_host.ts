import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { cdpEndpoints, isLoopbackHost } from '../_shared/openclaw/browser.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'browser.remote_cdp_private_host',
  title: 'Browser CDP endpoint on a private host with private-network browsing',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A browser profile drives a CDP endpoint on a private address (RFC 1918, link-local, `localhost.localdomain`, `metadata.google.internal`) while the browser SSRF policy opts into private networks: the agent browser can reach internal services and cloud metadata. (2026.9 reports this with `--deep`.)',
  remediation:
    'Prefer a tunnel to a loopback CDP endpoint, and set `browser.ssrfPolicy.dangerouslyAllowPrivateNetwork: false`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const optIn = get(t.value, 'browser', 'ssrfPolicy', 'dangerouslyAllowPrivateNetwork') === true || get(t.value, 'browser', 'ssrfPolicy', 'allowPrivateNetwork') === true;
    if (!currentApplies(t, ctx.project) || !optIn) return;
    for (const e of cdpEndpoints(t.value)) {
      let host: string;
      try {
        host = new URL(e.url.trim()).hostname.toLowerCase();
      } catch {
        continue;
      }
      if (isLoopbackHost(host)) continue;
      const priv = /^(10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) || ['localhost.localdomain', 'metadata.google.internal'].includes(host);
      if (priv) ctx.report({ at: at.path(e.path), message: `CDP endpoint ${host} is a private host and private-network browsing is allowed.` });
    }
  },
});
