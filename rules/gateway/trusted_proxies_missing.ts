import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get, strings } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.trusted_proxies_missing',
  title: 'Reverse proxy headers are not trusted',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'With the gateway on loopback and the Control UI enabled, a reverse proxy in front would make every remote request look local. Without `gateway.trustedProxies` the gateway cannot tell proxied clients from local ones.',
  remediation:
    'Set `gateway.trustedProxies` to the proxy addresses (e.g. `["127.0.0.1"]`), or keep the Control UI local-only (`gateway.controlUi.enabled: false`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (v.bind !== 'loopback' || !v.controlUiEnabled || strings(get(t.value, 'gateway', 'trustedProxies')).length > 0) return;
    ctx.report({ at: at.path(['gateway', 'trustedProxies']), message: 'The gateway is on loopback with the Control UI enabled and `gateway.trustedProxies` is empty.' });
  },
});
