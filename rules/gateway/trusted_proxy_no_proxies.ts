import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get, strings } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.trusted_proxy_no_proxies',
  title: 'Trusted-proxy auth without trusted proxies',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'In trusted-proxy mode with an empty `gateway.trustedProxies`, the gateway has no list of proxies whose identity headers it may believe.',
  remediation:
    'Set `gateway.trustedProxies` to the proxy addresses (e.g. `["10.0.0.2"]`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (v.mode !== 'trusted-proxy' || !(strings(get(t.value, 'gateway', 'trustedProxies')).length === 0)) return;
    ctx.report({ at: at.path(['gateway', 'trustedProxies']), message: 'Trusted-proxy auth is on but `gateway.trustedProxies` is empty.' });
  },
});
