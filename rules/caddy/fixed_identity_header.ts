import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { walk } from '../_shared/caddy.js';

/** Headers a trusted-proxy setup (OpenClaw's `gateway.auth.trustedProxy.userHeader`, oauth2-proxy, Authelia) reads as the user. */
const IDENTITY = /^(x-)?(remote-user|forwarded-user|forwarded-email|forwarded-preferred-username|auth-request-(user|email|preferred-username)|webauth-user|user|email|authenticated-user)$|^tailscale-user-login$/i;

export default defineRule({
  id: 'caddy.fixed_identity_header',
  title: 'Caddy sends a fixed user identity to the backend',
  severity: 'high',
  appliesTo: ['caddy'],
  description:
    'A `reverse_proxy` that sets an identity header (`X-Remote-User`, `X-Forwarded-User`, `Remote-User`, …) to a constant tells the backend that every request comes from that user. A gateway in trusted-proxy mode (or any backend that trusts the header) then treats every visitor as that operator: authentication is whatever reaches Caddy.',
  remediation:
    'Set the header from an authentication step (`forward_auth` with `copy_headers`, or `{http.auth.user.id}` after `basic_auth`), and strip it from client requests (`header_up -X-Remote-User`).',
  references: ['https://caddyserver.com/docs/caddyfile/directives/reverse_proxy#header_up', 'https://cwe.mitre.org/data/definitions/290.html'],
  tags: ['caddy', 'reverse-proxy', 'auth', 'CWE-290'],
  precision: 'high',
  check(target, ctx) {
    for (const { d, chain } of walk(target.directives)) {
      if (d.name !== 'header_up' || !chain.some((c) => c.name === 'reverse_proxy')) continue;
      const [name, value] = d.args;
      if (!name || !value || !IDENTITY.test(name.value.replace(/^\+/, '')) || value.value.includes('{') || value.value === '') continue;
      ctx.report({ at: at.range(d.start, d.end), message: `reverse_proxy sets ${name.value} to a fixed value for every client: a backend that trusts the header sees every visitor as that user.` });
    }
  },
});
