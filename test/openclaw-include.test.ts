/** `$include` resolution: OpenClaw's merge rules, and the origin of every merged key. */
import { describe, expect, it } from 'vitest';
import { parseJson5 } from '../src/engine/parse/json5.js';
import { originOf, resolveOpenClaw } from '../src/engine/parse/openclaw.js';

function resolve(files: Record<string, string>, root = 'cfg/openclaw.json5') {
  const parsed = parseJson5(files[root]!);
  if (!parsed.ok) throw new Error(parsed.message);
  return resolveOpenClaw(root, parsed.value, (p) => files[p]);
}

describe('resolveOpenClaw', () => {
  it('deep-merges objects, concatenates arrays, and lets sibling keys win', () => {
    const r = resolve({
      'cfg/openclaw.json5': '{ gateway: { $include: ["./a.json5", "./b.json5"], bind: "loopback", trustedProxies: ["::1"] } }',
      'cfg/a.json5': '{ bind: "lan", trustedProxies: ["127.0.0.1"], auth: { mode: "token" } }',
      'cfg/b.json5': '{ auth: { token: "${T}" }, trustedProxies: ["10.0.0.1"] }',
    });
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({ gateway: { bind: 'loopback', trustedProxies: ['127.0.0.1', '10.0.0.1', '::1'], auth: { mode: 'token', token: '${T}' } } });
    expect(r.includes.map((i) => i.file)).toEqual(['cfg/a.json5', 'cfg/b.json5']);
  });

  it('finds an $include however deep (here under an array), and leaves a config without one as it is', () => {
    const deep = resolve({
      'cfg/openclaw.json5': '{ agents: { list: [{ id: "a" }, { id: "b", tools: { $include: "./tools.json5" } }] } }',
      'cfg/tools.json5': '{ exec: { security: "full" } }',
    });
    expect(deep.value).toEqual({ agents: { list: [{ id: 'a' }, { id: 'b', tools: { exec: { security: 'full' } } }] } });
    expect(originOf(deep.origin, ['agents', 'list', 1, 'tools', 'exec'])).toEqual({ file: 'cfg/tools.json5', path: ['exec'] });

    const parsed = parseJson5('{ gateway: { bind: "lan", trustedProxies: ["::1"] }, agents: { list: [{ id: "a" }] } }');
    if (!parsed.ok) throw new Error(parsed.message);
    const plain = resolveOpenClaw('cfg/openclaw.json5', parsed.value, () => undefined);
    expect(plain.value).toBe(parsed.value);
    expect(plain.origin).toEqual({ file: 'cfg/openclaw.json5', path: [] });
    expect(originOf(plain.origin, ['agents', 'list', 0, 'id'])).toEqual({ file: 'cfg/openclaw.json5', path: ['agents', 'list', 0, 'id'] });
  });

  it('knows which file holds each merged key, array item and missing key', () => {
    const r = resolve({
      'cfg/openclaw.json5': '{ gateway: { $include: "./sub/gw.json5", trustedProxies: ["::1"] } }',
      'cfg/sub/gw.json5': '{ $include: "./auth.json5", trustedProxies: ["127.0.0.1"] }',
      'cfg/sub/auth.json5': '{ auth: { mode: "none" } }',
    });
    expect(originOf(r.origin, ['gateway', 'auth', 'mode'])).toEqual({ file: 'cfg/sub/auth.json5', path: ['auth', 'mode'] });
    expect(originOf(r.origin, ['gateway', 'trustedProxies', 0])).toEqual({ file: 'cfg/sub/gw.json5', path: ['trustedProxies', 0] });
    expect(originOf(r.origin, ['gateway', 'trustedProxies', 1])).toEqual({ file: 'cfg/openclaw.json5', path: ['gateway', 'trustedProxies', 0] });
    expect(originOf(r.origin, ['gateway', 'auth', 'token'])).toEqual({ file: 'cfg/sub/auth.json5', path: ['auth', 'token'] });
    expect(originOf(r.origin, ['hooks', 'enabled'])).toEqual({ file: 'cfg/openclaw.json5', path: ['hooks', 'enabled'] });
  });

  it('refuses includes outside the config folder, cycles and missing files, and goes on', () => {
    const r = resolve({
      'cfg/openclaw.json5': '{ $include: ["../secrets.json5", "./loop.json5", "./none.json5"], gateway: { bind: "lan" } }',
      'secrets.json5': '{ gateway: { bind: "loopback" } }',
      'cfg/loop.json5': '{ $include: "./openclaw.json5" }',
    });
    expect(r.value).toEqual({ gateway: { bind: 'lan' } });
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('outside the config directory'),
      expect.stringContaining('cycle'),
      expect.stringContaining('not found'),
    ]);
  });

  it('reports a syntax error in an included file with its position', () => {
    const r = resolve({ 'cfg/openclaw.json5': '{ $include: "./bad.json5" }', 'cfg/bad.json5': '{\n  gateway: { bind: "lan" \n' });
    expect(r.errors).toEqual([expect.objectContaining({ file: 'cfg/bad.json5', line: expect.any(Number) })]);
  });
});
