import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get, strings } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.real_ip_fallback_enabled',
  title: 'Gateway trusts X-Real-IP fallback',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`gateway.allowRealIpFallback: true` makes the gateway take the client address from `X-Real-IP` when `X-Forwarded-For` is missing; unless the proxy always overwrites it, clients can spoof a local address. Critical when the gateway binds beyond loopback, or in trusted-proxy mode with a non-loopback proxy.',
  remediation:
    'Set `gateway.allowRealIpFallback: false` (the default) unless your proxy always overwrites `X-Real-IP`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (get(t.value, 'gateway', 'allowRealIpFallback') !== true) return;
    const loopbackOnly = (p: string) => ['127.0.0.1', '::1', '127.0.0.1/32', '::1/128'].includes(p);
    const remoteProxy = v.mode === 'trusted-proxy' && strings(get(t.value, 'gateway', 'trustedProxies')).some((p) => !loopbackOnly(p));
    ctx.report({ at: at.path(['gateway', 'allowRealIpFallback']), severity: v.nonLoopback || remoteProxy ? CRITICAL : WARN, message: '`gateway.allowRealIpFallback` is true: the client address can come from a spoofable X-Real-IP header.' });
  },
});
