import { expect, it } from 'vitest';
import { catches } from '../../support/rule-tester.js';

it('is critical when the OpenClaw config trusts the proxy to authenticate (trusted-proxy)', async () => {
  const files = {
    'nginx/site.conf': 'server {\n    listen 443 ssl;\n    location / {\n        proxy_pass http://127.0.0.1:18789;\n    }\n}\n',
    'openclaw.json': '{\n  gateway: { bind: "loopback", auth: { mode: "trusted-proxy", trustedProxy: { userHeader: "x-user" } }, trustedProxies: ["127.0.0.1"] },\n}\n',
  };
  const [f] = await catches('nginx.gateway_no_auth', files, ['nginx/site.conf:3/trusted_proxy']);
  expect([f?.severity, f?.message]).toEqual(['critical', 'location / exposes the gateway publicly without auth, and the OpenClaw config trusts this proxy to authenticate (trusted-proxy): anyone gets in.']);
});
