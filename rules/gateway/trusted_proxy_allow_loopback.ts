import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.trusted_proxy_allow_loopback',
  title: 'Trusted-proxy auth accepts loopback proxies',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`gateway.auth.trustedProxy.allowLoopback: true` trusts identity headers from loopback connections: any local process can claim to be the proxy and name any user.',
  remediation:
    'Set `gateway.auth.trustedProxy.allowLoopback: false` unless the proxy deliberately runs on the same host.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const tp = get(t.value, 'gateway', 'auth', 'trustedProxy');
    if (!currentApplies(t, ctx.project) || v.mode !== 'trusted-proxy' || !(get(tp, 'allowLoopback') === true)) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'trustedProxy', 'allowLoopback']), message: '`gateway.auth.trustedProxy.allowLoopback` is true.' });
  },
});
