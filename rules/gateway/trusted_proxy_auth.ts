import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'gateway.trusted_proxy_auth',
  title: 'Gateway delegates auth to a trusted proxy',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    '`gateway.auth.mode: "trusted-proxy"` hands authentication to the reverse proxy: whoever can reach the gateway without passing through that proxy, or forge its user header, is an operator. The audit reports this mode as critical so it is reviewed deliberately.',
  remediation:
    'Make sure the proxy terminates TLS and auth, `gateway.trustedProxies` lists only its addresses and a firewall blocks direct access; otherwise use `gateway.auth.mode: "token"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (v.mode !== 'trusted-proxy' || !(true)) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'mode']), message: 'Gateway auth is delegated to a reverse proxy (`gateway.auth.mode: "trusted-proxy"`).' });
  },
});
