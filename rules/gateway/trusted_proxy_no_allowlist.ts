import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get, strings } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.trusted_proxy_no_allowlist',
  title: 'Trusted-proxy auth admits every proxy user',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'In trusted-proxy mode with an empty `gateway.auth.trustedProxy.allowUsers`, every user the proxy authenticates becomes a gateway operator.',
  remediation:
    'Set `gateway.auth.trustedProxy.allowUsers` to the operators allowed to use the gateway.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const tp = get(t.value, 'gateway', 'auth', 'trustedProxy');
    if (v.mode !== 'trusted-proxy' || !(strings(get(tp, 'allowUsers')).length === 0)) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'trustedProxy', 'allowUsers']), message: 'Trusted-proxy auth is on with no `gateway.auth.trustedProxy.allowUsers`.' });
  },
});
