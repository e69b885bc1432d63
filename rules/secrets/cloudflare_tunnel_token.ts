import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { base64Json, uuid } from '../_shared/token-samples.js';

/**
 * Cloudflare Tunnel tokens (`cloudflared tunnel run --token …`, `TUNNEL_TOKEN`, the way many OpenClaw gateways are
 * published): base64 of the JSON `{"a": account tag, "t": tunnel id, "s": tunnel secret}`
 * (https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/configure-tunnels/remote-tunnel-permissions/).
 * Recognised by structure: the base64 of `{"a":"` starts it, and it must decode to that JSON with a secret.
 */
function isTunnelToken(secret: string): boolean {
  try {
    const v = JSON.parse(Buffer.from(secret, 'base64').toString('utf8')) as Record<string, unknown>;
    return typeof v.a === 'string' && typeof v.t === 'string' && typeof v.s === 'string' && v.s.length >= 16;
  } catch {
    return false;
  }
}

export default defineRule({
  id: 'secrets.cloudflare_tunnel_token',
  title: 'Cloudflare Tunnel token',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Cloudflare Tunnel token runs the tunnel: whoever holds it can start a connector for your tunnel and receive the traffic meant for the service behind it (the OpenClaw gateway, when it is published through the tunnel).',
  remediation:
    'Rotate the tunnel\'s secret in the Cloudflare dashboard (Zero Trust → Networks → Tunnels) or with the API, restart your connectors with the new token, and pass the token from a secret store or an untracked `.env`, never in compose or scripts in git.',
  references: ['https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/configure-tunnels/remote-tunnel-permissions/'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Cloudflare Tunnel token',
    action: 'rotate the tunnel token (`cloudflared tunnel token --cred-file` after refreshing the secret, or in Zero Trust → Networks → Tunnels) and pass it from a secret store',
    keywords: ['eyJhIjoi'],
    pattern: /(?<![A-Za-z0-9+/])(?<secret>eyJhIjoi[A-Za-z0-9+/]{80,600}={0,2})(?![A-Za-z0-9+/=])/g,
    accept: isTunnelToken,
    samples: {
      true: [(r) => base64Json({ a: r.hex(32), t: uuid(r), s: Buffer.from(r.bytes(32)).toString('base64') })],
      false: [(r) => base64Json({ a: r.hex(32), t: uuid(r), s: 'short' }), (r) => base64Json({ a: r.hex(32), t: uuid(r), secret: r.alnum(40) })],
    },
  },
  check: reportTokens,
});
