/**
 * gateway.bind_no_auth reads the config as its target release does (rules/_shared/openclaw/gateway.ts,
 * authAsRead): an auth key or value the release rejects or ignores does not make the gateway authenticated, and
 * the message says which one.
 */
import { describe, expect, it } from 'vitest';
import { catches, passes } from '../../support/rule-tester.js';

const RULE = 'gateway.bind_no_auth';
const trustedProxy = '{\n  gateway: {\n    bind: "lan",\n    auth: { mode: "trusted-proxy", trustedProxy: { userHeader: "x-forwarded-user" } },\n    trustedProxies: ["10.0.0.1"],\n  },\n}\n';
const compose = (tag: string) => `services:\n  openclaw:\n    image: ghcr.io/openclaw/openclaw:${tag}\n`;

describe('gateway.bind_no_auth as the target release reads auth', () => {
  it('trusted-proxy auth counts for a release that has it', async () => {
    await passes(RULE, { 'docker-compose.yml': compose('2026.9.6'), 'openclaw.json5': trustedProxy });
    await passes(RULE, { 'openclaw.json5': trustedProxy });
  });

  it('does not count for 2026.1, which rejects the mode and the trustedProxy block', async () => {
    const [f] = await catches(RULE, { 'docker-compose.yml': compose('2026.1.30'), 'openclaw.json5': trustedProxy }, ['openclaw.json5:3/config']);
    expect(f!.message).toContain('auth mode token');
    expect(f!.message).toContain('Not counted as auth: gateway.auth.mode (OpenClaw 2026.1.30 rejects its value), gateway.auth.trustedProxy (OpenClaw 2026.1.30 does not know the key)');
  });
});
