import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get, str } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.trusted_proxy_no_user_header',
  title: 'Trusted-proxy auth without a user header',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'In trusted-proxy mode without `gateway.auth.trustedProxy.userHeader` the gateway does not know which header carries the authenticated user.',
  remediation:
    'Set `gateway.auth.trustedProxy.userHeader` to the header your proxy sets (e.g. `"x-forwarded-user"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const tp = get(t.value, 'gateway', 'auth', 'trustedProxy');
    if (v.mode !== 'trusted-proxy' || !(!str(get(tp, 'userHeader'))?.trim())) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'trustedProxy', 'userHeader']), message: 'Trusted-proxy auth is on but `gateway.auth.trustedProxy.userHeader` is not set.' });
  },
});
