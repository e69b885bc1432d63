/**
 * config.schema_invalid: the target release (image, package.json, meta.lastTouchedVersion, else the latest line),
 * upgrade notes, `$include`d files, ignored and migrated keys, `${VAR}` values. Parity with the real validator on
 * every recorded config: test/oracle/validity-parity.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { catches, passes } from '../../support/rule-tester.js';

const RULE = 'config.schema_invalid';
const GW = 'gateway: { mode: "local", bind: "loopback", auth: { mode: "token", token: "${OPENCLAW_GATEWAY_TOKEN}" } }';
const streamMode = `{\n  ${GW},\n  channels: { telegram: { enabled: true, botToken: "\${TELEGRAM_BOT_TOKEN}", dmPolicy: "pairing",\n    streamMode: "block" } },\n}\n`;
const compose = (tag: string) => `services:\n  openclaw:\n    image: ghcr.io/openclaw/openclaw:${tag}\n`;

describe('config.schema_invalid', () => {
  it('checks against a pinned image: accepted by 2026.3, so an upgrade note (low) for the latest line', async () => {
    const [f] = await catches(RULE, { 'docker-compose.yml': compose('2026.3.2'), 'openclaw.json5': streamMode }, ['openclaw.json5:4/upgrade']);
    expect(f!.severity).toBe('low');
    expect(f!.message).toContain('OpenClaw 2026.3.31 (ghcr.io/openclaw/openclaw:2026.3.2 in docker-compose.yml; checked against 2026.3.31, the last release of its line) accepts this');
    expect(f!.message).toContain('Moved channels.telegram.streamMode → channels.telegram.streaming.mode.');
  });

  it('a key the pinned release does not know yet is rejected (high) by that release', async () => {
    const [f] = await catches(RULE, { 'Dockerfile': 'FROM ghcr.io/openclaw/openclaw:2026.3.31\n', 'openclaw.json5': `{\n  ${GW},\n  tools: { exec: {\n    timeoutSeconds: 30 } },\n}\n` }, ['openclaw.json5:4/rejected']);
    expect(f!.severity).toBe('high');
    expect(f!.message).toMatch(/^OpenClaw 2026\.3\.31 \(ghcr\.io\/openclaw\/openclaw:2026\.3\.31 in Dockerfile\) refuses to start/);
  });

  it(':latest, no tag, an unknown tag and no image at all mean the latest line', async () => {
    const variants: Record<string, string>[] = [{ 'docker-compose.yml': compose('latest') }, { 'docker-compose.yml': 'services:\n  oc:\n    image: openclaw/openclaw\n' }, { 'docker-compose.yml': compose('${OPENCLAW_VERSION}') }, {}];
    for (const files of variants) {
      const [f] = await catches(RULE, { ...files, 'openclaw.json5': streamMode }, ['openclaw.json5:4/rejected']);
      expect(f!.message).toContain('OpenClaw 2026.9.6');
    }
  });

  it('a package.json pin, then meta.lastTouchedVersion', async () => {
    const [p] = await catches(RULE, { 'package.json': '{"dependencies":{"openclaw":"^2026.2.26"}}', 'openclaw.json5': streamMode }, ['openclaw.json5:4/upgrade']);
    expect(p!.message).toContain('package.json pins "openclaw": "2026.2.26"');
    const meta = `{\n  meta: { lastTouchedVersion: "2026.3.2" },\n  ${GW},\n  channels: { telegram: { enabled: true, botToken: "\${T}", dmPolicy: "pairing",\n    streamMode: "block" } },\n}\n`;
    await catches(RULE, { 'openclaw.json5': meta }, ['openclaw.json5:5/upgrade']);
  });

  it('an image in a sibling folder is another deployment, when the repository has several', async () => {
    await catches(RULE, { 'a/docker-compose.yml': compose('2026.3.2'), 'b/docker-compose.yml': compose('2026.3.2'), 'c/openclaw.json5': streamMode }, ['c/openclaw.json5:4/rejected']);
    await catches(RULE, { 'deploy/docker-compose.yml': compose('2026.3.2'), 'openclaw.json5': streamMode }, ['openclaw.json5:4/upgrade']);
  });

  it('reports a rejected key in an $include-d file at its line there', async () => {
    await catches(RULE, { 'openclaw.json5': `{\n  ${GW},\n  $include: "./logging.json5",\n}\n`, 'logging.json5': '{\n  logging: {\n    redactSensitive: "off",\n  },\n}\n' }, ['logging.json5:3/rejected']);
  });

  it('a ${VAR} in a numeric field stays a string (rejected); in a string field it is the deploy-time value', async () => {
    await catches(RULE, { 'openclaw.json5': `{\n  gateway: { mode: "local", bind: "\${BIND}", auth: { mode: "token", token: "\${T}" },\n    port: "\${PORT}" },\n}\n` }, ['openclaw.json5:3/rejected']);
  });

  it('a one-agent agents.list loads in 2026.9 (migrated when read): info, not a refusal', async () => {
    const [f] = await catches(RULE, { 'openclaw.json5': `{\n  ${GW},\n  agents: {\n    list: [{ id: "main" }] },\n}\n` }, ['openclaw.json5:4/migrated']);
    expect(f!.severity).toBe('info');
  });

  it('a key the release drops silently (a strip object: gateway.tls) is a low note, not a refusal', async () => {
    const [f] = await catches(RULE, { 'openclaw.json5': `{\n  ${GW.replace(' } }', ' }, tls: { enabled: true,\n    certPem: "/certs/tls.pem" } }')},\n}\n` }, ['openclaw.json5:3/ignored']);
    expect(f!.severity).toBe('low');
    expect(f!.message).toContain('ignores `gateway.tls.certPem`');
  });

  it('names the validator\'s unknown-key and enum answers without the config\'s values', async () => {
    const [f] = await catches(RULE, { 'openclaw.json5': `{\n  gateway: { mode: "local", auth: {\n    mode: "bearer-s3cr3t-value", token: "\${T}" } },\n}\n` }, ['openclaw.json5:3/rejected']);
    expect(f!.message).toContain('`gateway.auth.mode` must be one of "none", "password", "token", "trusted-proxy"');
    expect(f!.message).not.toContain('s3cr3t');
  });

  it('passes a valid config, channels the release does not bundle, and the doctor\'s results', async () => {
    await passes(RULE, { 'openclaw.json5': `{\n  ${GW},\n  channels: { discord: { anything: true } },\n  tools: { exec: { timeoutSeconds: 30 } },\n}\n` });
    await passes(RULE, { 'docker-compose.yml': compose('2026.3.2'), 'openclaw.json5': `{\n  ${GW},\n  tools: { exec: { timeoutSec: 30 } },\n}\n`.replace('timeoutSec: 30', 'security: "allowlist"') });
  });
});

describe('config.schema_invalid on configs rendered before OpenClaw reads them', () => {
  it('a template\'s ${…} is a deploy-time value of any type; a plain file\'s is a string to OpenClaw', async () => {
    const config = '{\n  gateway: { mode: "local", auth: { mode: "token", token: "${T}" },\n    port: "${PORT}", controlUi: { enabled: "${UI}" } },\n}\n';
    await passes(RULE, { 'openclaw.json.j2': config.replace('"${PORT}"', '"{{ port }}"') });
    await passes(RULE, { 'openclaw.json.tpl': config });
    await catches(RULE, { 'openclaw.json': config }, ['openclaw.json:3/rejected', 'openclaw.json:3/rejected']);
  });

  it('an envsubst template under a plain name (it parses only with its bare ${…} quoted) is rendered first', async () => {
    const config = '{\n  gateway: { mode: "local", auth: { mode: "token", token: "${T}" },\n    port: ${PORT:-19789}, controlUi: { enabled: "${UI}" } },\n}\n';
    await passes(RULE, { 'openclaw.json': config });
    // Quoted as written, the same reference is a string OpenClaw reads as is.
    await catches(RULE, { 'openclaw.json': config.replace('${PORT:-19789}', '"${PORT:-19789}"') }, ['openclaw.json:3/rejected', 'openclaw.json:3/rejected']);
  });

  it('a heredoc: expanded by the shell when its delimiter is unquoted, literal when quoted', async () => {
    const body = '{\n  "gateway": { "mode": "local", "auth": { "mode": "token", "token": "${T}" },\n    "port": "${PORT}" }\n}\n';
    await passes(RULE, { 'setup.sh': `#!/bin/sh\ncat > ~/.openclaw/openclaw.json <<EOF\n${body}EOF\n` });
    await catches(RULE, { 'setup.sh': `#!/bin/sh\ncat > ~/.openclaw/openclaw.json <<'EOF'\n${body}EOF\n` }, ['setup.sh:5/rejected']);
  });
});
