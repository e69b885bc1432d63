import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { cdpEndpoints } from '../_shared/openclaw/browser.js';

export default defineRule({
  id: 'browser.control_invalid_config',
  title: 'Browser CDP URL is invalid',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A browser `cdpUrl` cannot be parsed as a URL: OpenClaw fails to resolve the browser configuration, and browser control behaves differently from what the config suggests.',
  remediation:
    'Fix `browser.cdpUrl` (or `browser.profiles.<name>.cdpUrl`) to a full URL such as `http://127.0.0.1:9222`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const e of cdpEndpoints(t.value)) {
      try {
        new URL(e.url.trim());
      } catch {
        ctx.report({ at: at.path(e.path), message: 'The browser CDP URL is not a valid URL.' });
      }
    }
  },
});
