import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { enabledHooks } from '../_shared/openclaw/hooks.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { strings } from '../../src/lib/json.js';

export default defineRule({
  id: 'hooks.request_session_key_prefixes_missing',
  title: 'Hook session keys are not constrained by prefix',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Hook requests may choose their session key and `hooks.allowedSessionKeyPrefixes` is empty: a caller can write into any session, not only hook sessions. Critical when the gateway is exposed.',
  remediation:
    'Set `hooks.allowedSessionKeyPrefixes: ["hook:"]`, or `hooks.allowRequestSessionKey: false`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const h = enabledHooks(t.value);
    if (!h) return;
    const v = gatewayOf(t, ctx.project);
    if (h.allowRequestSessionKey !== true || strings(h.allowedSessionKeyPrefixes).length > 0) return;
    ctx.report({ at: at.path(['hooks', 'allowedSessionKeyPrefixes']), severity: v.remoteExposure ? CRITICAL : WARN, message: 'Hook requests may choose their session key and `hooks.allowedSessionKeyPrefixes` is empty.' });
  },
});
