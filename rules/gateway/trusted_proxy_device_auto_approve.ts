import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.trusted_proxy_device_auto_approve',
  title: 'Trusted-proxy users get devices approved automatically',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`gateway.auth.trustedProxy.deviceAutoApprove.enabled: true` pairs every device a proxy user opens without operator approval.',
  remediation:
    'Set `gateway.auth.trustedProxy.deviceAutoApprove.enabled: false`, or keep it only with an exclusive, strong proxy and `allowUsers`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const tp = get(t.value, 'gateway', 'auth', 'trustedProxy');
    if (!currentApplies(t, ctx.project) || v.mode !== 'trusted-proxy' || !(get(tp, 'deviceAutoApprove', 'enabled') === true)) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'trustedProxy', 'deviceAutoApprove', 'enabled']), message: 'Devices of trusted-proxy users are approved automatically.' });
  },
});
