/** OpenClaw configs recognised by content (docs/openclaw.md#how-a-file-is-recognised), and what is not one. */
import { describe, expect, it } from 'vitest';
import { looksLikeOpenClawConfig, topLevelKeys } from '../src/engine/read/classify.js';
import { neutraliseShellReferences } from '../src/engine/read/template.js';
import { catches, passes } from './support/rule-tester.js';

describe('recognition by content', () => {
  it('reads the top-level keys of JSON and JSON5, skipping strings, comments and nesting', () => {
    expect(topLevelKeys('// c\n{ gateway: { bind: "lan", x: [1, {y: 2}] }, "channels": {}, \'agents\': {} }')).toEqual(['gateway', 'channels', 'agents']);
    expect(topLevelKeys('[1, 2]')).toBeUndefined();
    expect(topLevelKeys('not json')).toBeUndefined();
  });

  it('takes a config under any JSON name, example, envsubst copy or template', () => {
    const config = '{\n  "gateway": { "bind": "lan" },\n  "agents": {}\n}\n';
    expect(looksLikeOpenClawConfig('config/openclaw-cloud-run.json', config)).toBe(true);
    expect(looksLikeOpenClawConfig('openclaw.example.json', config)).toBe(true);
    expect(looksLikeOpenClawConfig('edge/openclaw.json.envsubst', config)).toBe(true);
    expect(looksLikeOpenClawConfig('templates/openclaw-config.json.j2', '{\n  "gateway": { "port": {{ port }} },\n  "channels": {}\n}\n')).toBe(true);
    expect(looksLikeOpenClawConfig('saved.json', '{ "meta": { "lastTouchedVersion": "2026.3.2" }, "wizard": {} }')).toBe(true);
  });

  it('leaves manifests, other JSON and other names alone', () => {
    expect(looksLikeOpenClawConfig('package.json', '{ "name": "x", "version": "1.0.0", "gateway": {}, "agents": {} }')).toBe(false);
    expect(looksLikeOpenClawConfig('tsconfig.json', '{ "compilerOptions": {}, "include": ["src"] }')).toBe(false);
    expect(looksLikeOpenClawConfig('openclaw.deployment.json', '{ "name": "rpi", "openclaw": { "version": "1" }, "host": {} }')).toBe(false);
    expect(looksLikeOpenClawConfig('tools.json', '{ "tools": [], "models": [] }')).toBe(false);
    expect(looksLikeOpenClawConfig('notes.md', '{ "gateway": {}, "agents": {} }')).toBe(false);
  });

  it('quotes bare envsubst references keeping every offset', () => {
    const text = '{ "port": ${OPENCLAW_PORT:-19789}, "ids": [${X}], "s": "${KEEP}" }';
    const out = neutraliseShellReferences(text);
    expect(out).toHaveLength(text.length);
    expect(JSON.parse(out)).toEqual({ port: '${OPENCLAW_PORT_____}', ids: ['$X'], s: '${KEEP}' });
  });
});

describe('found by content in a scan', () => {
  it('checks a config named otherwise, with its findings at their lines', async () => {
    await catches('gateway.bind_no_auth', { 'deploy/openclaw-cloud-run.json': '{\n  "meta": { "lastTouchedVersion": "2026.3.2" },\n  "gateway": {\n    "bind": "lan"\n  }\n}\n' }, ['deploy/openclaw-cloud-run.json:4']);
  });

  it('does not read a package.json as a config', async () => {
    await passes('gateway.bind_no_auth', { 'package.json': '{ "name": "x", "version": "1.0.0", "gateway": { "bind": "lan" }, "agents": {} }\n' });
  });

  it('judges a fragment without a gateway section on what it sets only', async () => {
    const fragment = '// merge into openclaw.json\n{\n  skills: { load: { extraDirs: ["/bundled"] } },\n  agents: { list: [{ id: "main", default: true }] },\n  channels: { telegram: { dmPolicy: "open", allowFrom: ["*"] } },\n}\n';
    await passes('gateway.loopback_no_auth', { 'docs/openclaw.fragment.json5': fragment });
    await catches('channels.dm.open', { 'docs/openclaw.fragment.json5': fragment }, ['docs/openclaw.fragment.json5:5']);
    // The same text under a config's own name is a whole config: the gateway's defaults are judged.
    await catches('gateway.loopback_no_auth', { 'openclaw.json5': fragment }, ['openclaw.json5:2']);
  });
});
