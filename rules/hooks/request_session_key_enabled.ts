import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { enabledHooks } from '../_shared/openclaw/hooks.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'hooks.request_session_key_enabled',
  title: 'Hook requests may choose their session',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`hooks.allowRequestSessionKey: true` lets a webhook caller name the session it writes into, so untrusted content can be injected into any conversation. Critical when the gateway is exposed (non-loopback bind or Tailscale serve/funnel).',
  remediation:
    'Set `hooks.allowRequestSessionKey: false` (the default), or constrain it with `hooks.allowedSessionKeyPrefixes: ["hook:"]`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const h = enabledHooks(t.value);
    if (!h) return;
    const v = gatewayOf(t, ctx.project);
    if (h.allowRequestSessionKey !== true) return;
    ctx.report({ at: at.path(['hooks', 'allowRequestSessionKey']), severity: v.remoteExposure ? CRITICAL : WARN, message: '`hooks.allowRequestSessionKey` is true.' });
  },
});
