/** The audit's gateway view (rules/_shared/openclaw/gateway.ts) and the deployment context the compose view feeds it. */
import { describe, expect, it } from 'vitest';
import { gatewayView } from '../rules/_shared/openclaw/gateway.js';

describe('gatewayView', () => {
  it('treats every bind but "loopback" as non-loopback, and a non-string bind as loopback', () => {
    for (const bind of ['lan', 'auto', 'tailnet', 'custom']) expect(gatewayView({ gateway: { bind } }).nonLoopback).toBe(true);
    expect(gatewayView({ gateway: { bind: 1 } }).nonLoopback).toBe(false);
    expect(gatewayView({}).bind).toBe('loopback');
  });

  it('counts a ${VAR} token, a SecretRef and gateway.remote.token as configured, a blank literal not', () => {
    expect(gatewayView({ gateway: { auth: { token: '${OPENCLAW_GATEWAY_TOKEN}' } } }).hasAuth).toBe(true);
    expect(gatewayView({ gateway: { auth: { token: { source: 'env', provider: 'default', id: 'T' } } } }).hasAuth).toBe(true);
    expect(gatewayView({ gateway: { remote: { token: 'x' } } }).hasAuth).toBe(true);
    expect(gatewayView({ gateway: { auth: { token: '  ' } } }).hasAuth).toBe(false);
    expect(gatewayView({ gateway: { auth: { mode: 'none', token: 'x' } } }).hasAuth).toBe(false);
    expect(gatewayView({ gateway: { auth: { mode: 'trusted-proxy' } } }).hasAuth).toBe(true);
  });

  it('resolves an unset mode to password whenever a password resolves, else token', () => {
    expect(gatewayView({ gateway: { auth: { token: '${T}' } } }).mode).toBe('token');
    expect(gatewayView({ gateway: { auth: { password: '${P}' } } }).mode).toBe('password');
    expect(gatewayView({ gateway: { auth: { password: '${P}', token: '${T}' } } }).mode).toBe('password');
  });

  it('has loopback auth through Tailscale serve unless allowTailscale is off', () => {
    expect(gatewayView({ gateway: { tailscale: { mode: 'serve' } } }).hasLoopbackAuth).toBe(true);
    expect(gatewayView({ gateway: { tailscale: { mode: 'serve' }, auth: { allowTailscale: false } } }).hasLoopbackAuth).toBe(false);
    expect(gatewayView({ gateway: { tailscale: { mode: 'serve' } } }).remoteExposure).toBe(true);
  });

  it('takes the deployment into account (the compose seam): env credentials and CLI flags', () => {
    const config = { gateway: { bind: 'loopback' } };
    expect(gatewayView(config, { env: { OPENCLAW_GATEWAY_TOKEN: 'x'.repeat(32) } }).tokenConfigured).toBe(true);
    expect(gatewayView(config, { providedEnv: new Set(['OPENCLAW_GATEWAY_PASSWORD']) }).mode).toBe('password');
    const flagged = gatewayView(config, { flags: { bind: 'lan', auth: 'none' } });
    expect([flagged.nonLoopback, flagged.hasAuth]).toEqual([true, false]);
    const short = gatewayView({ gateway: { auth: { token: '${OPENCLAW_GATEWAY_TOKEN}' } } }, { env: { OPENCLAW_GATEWAY_TOKEN: 'short' } });
    expect(short.token).toEqual({ kind: 'ref', ref: 'env:default:OPENCLAW_GATEWAY_TOKEN', value: 'short' });
  });
});
