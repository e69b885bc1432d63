/**
 * The OpenClaw rules never crash on a config of unexpected shape (OpenClaw's schema is not Gatewarden's gate:
 * a repository may hold anything). Random JSON built from OpenClaw's own key names goes through every rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import type { Report } from '../src/model/finding.js';
import type { OpenClawTarget } from '../src/model/target.js';
import { checkOne } from '../src/engine/check/runner.js';
import { TokenDetector } from '../src/engine/check/tokens.js';

const KEYS = [
  'gateway', 'bind', 'auth', 'mode', 'token', 'password', 'controlUi', 'allowedOrigins', 'tailscale', 'trustedProxies', 'tools', 'allow', 'deny', 'nodes', 'commands',
  'hooks', 'enabled', 'path', 'mappings', 'channels', 'telegram', 'discord', 'slack', 'accounts', 'dmPolicy', 'groupPolicy', 'allowFrom', 'groupAllowFrom', 'groups', 'guilds',
  'users', 'roles', 'dm', 'policy', 'agents', 'defaults', 'entries', 'list', 'sandbox', 'docker', 'binds', 'network', 'model', 'primary', 'fallbacks', 'models', 'exec',
  'security', 'safeBins', 'safeBinTrustedDirs', 'safeBinProfiles', 'elevated', 'profile', 'session', 'dmScope', 'mcp', 'servers', 'skills', 'browser', 'profiles', 'cdpUrl',
  'ssrfPolicy', 'plugins', 'installs', 'internal', 'audit', 'suppressions', 'meta', 'lastTouchedVersion', 'logging', 'redactSensitive', 'discovery', 'mdns', 'http', 'endpoints',
];
const VALUES = fc.oneof(fc.constantFrom('open', 'lan', 'loopback', '*', 'full', 'sandbox', 'off', 'all', '${OPENCLAW_GATEWAY_TOKEN}', '/', 'ollama/llama3.1:8b', '2026.3.2'), fc.boolean(), fc.integer(), fc.constant(null), fc.string());
const config = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, VALUES, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 })),
})).node;

const TOKENS = new TokenDetector(RULES);
const openclawRules = RULES.filter((r) => (r.appliesTo as readonly string[]).includes('openclaw'));

describe('OpenClaw rules on arbitrary configs', () => {
  it('never throw, and report only path or file anchors', async () => {
    await fc.assert(
      fc.asyncProperty(config, async (value) => {
        const target: OpenClawTarget = { kind: 'openclaw', file: 'openclaw.json5', text: '', value, authored: value, includes: [], origin: (p) => ({ file: 'openclaw.json5', path: p }) };
        const reports: Report[] = [];
        for (const rule of openclawRules) await checkOne(rule, target, TOKENS, (r: Report) => reports.push(r));
        for (const r of reports) expect(['path', 'file']).toContain(r.at.kind);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
