import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get } from '../../src/lib/json.js';

/** Entries that match every address: the whole IPv4 or IPv6 space (also written as a bare unspecified address). */
const ANY = new Set(['0.0.0.0/0', '::/0', '0/0', '*', '0.0.0.0', '::', '0.0.0.0/0.0.0.0']);

export default defineRule({
  id: 'gateway.trusted_proxies_any',
  title: 'Every address is a trusted proxy',
  severity: 'high',
  appliesTo: ['openclaw'],
  description:
    'The gateway believes the forwarded-for headers (and, in trusted-proxy mode, the identity header) of the addresses in `gateway.trustedProxies`. An entry `0.0.0.0/0` or `::/0` trusts every client: anyone who reaches the gateway can claim any client address, loopback included (which the gateway treats as local and more trusted), and in trusted-proxy mode any identity.',
  remediation:
    'List only the reverse proxy\'s own addresses (`["127.0.0.1"]` for a proxy on the same host, the proxy container\'s address or a narrow subnet otherwise).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md', 'https://cwe.mitre.org/data/definitions/348.html'],
  tags: ['openclaw', 'exposure', 'CWE-348'],
  precision: 'high',
  messages: {
    any: '`gateway.trustedProxies` holds "{{entry}}": every client is a trusted proxy and can claim any client address (loopback included).',
    identity: '`gateway.trustedProxies` holds "{{entry}}" with trusted-proxy auth: every client can claim any address and any identity.',
  },
  check(t, ctx) {
    const list = get(t.value, 'gateway', 'trustedProxies');
    if (!Array.isArray(list)) return;
    const identity = gatewayOf(t, ctx.project).mode === 'trusted-proxy';
    list.forEach((entry, k) => {
      if (typeof entry !== 'string' || !ANY.has(entry.trim())) return;
      ctx.report({
        at: at.path(['gateway', 'trustedProxies', k]),
        ...(identity ? { severity: 'critical' as const } : {}),
        messageId: identity ? 'identity' : 'any',
        data: { entry: entry.trim() },
      });
    });
  },
});
