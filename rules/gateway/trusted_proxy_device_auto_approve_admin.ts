import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { arr, get } from '../../src/lib/json.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'gateway.trusted_proxy_device_auto_approve_admin',
  title: 'Auto-approved trusted-proxy devices get admin scope',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Devices of trusted-proxy users are approved automatically with the `operator.admin` scope: every proxy user gets full admin on a new device without review.',
  remediation:
    'Remove `"operator.admin"` from `gateway.auth.trustedProxy.deviceAutoApprove.scopes` (or disable auto-approval).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const tp = get(t.value, 'gateway', 'auth', 'trustedProxy');
    if (!currentApplies(t, ctx.project) || v.mode !== 'trusted-proxy' || get(tp, 'deviceAutoApprove', 'enabled') !== true) return;
    const i = arr(get(tp, 'deviceAutoApprove', 'scopes')).findIndex((s) => typeof s === 'string' && s.trim() === 'operator.admin');
    if (i < 0) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'trustedProxy', 'deviceAutoApprove', 'scopes', i]), message: 'Auto-approved trusted-proxy devices receive `operator.admin`.' });
  },
});
