import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.control_ui.host_header_origin_fallback',
  title: 'Control UI trusts the Host header as origin',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback: true` lets the Control UI accept a request whose Origin matches its own Host header, which DNS rebinding and proxies can forge. Critical when the gateway binds beyond loopback.',
  remediation:
    'Remove `gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback` (default `false`) and list the UI origins in `gateway.controlUi.allowedOrigins`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (get(t.value, 'gateway', 'controlUi', 'dangerouslyAllowHostHeaderOriginFallback') !== true) return;
    ctx.report({ at: at.path(['gateway', 'controlUi', 'dangerouslyAllowHostHeaderOriginFallback']), severity: v.nonLoopback ? CRITICAL : WARN, message: `Host-header origin fallback is enabled${v.nonLoopback ? ` on a gateway bound to "${v.bind}"` : ''}.` });
  },
});
