/** Focused tests of the shared secret machinery: references, placeholders, entropy, names, the token scanner. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { isHighEntropy, shannonEntropy } from '../src/lib/entropy.js';
import { isSecretLikeName, nameWords, openclawSecretPath } from '../rules/_shared/secret-names.js';
import { lintWithSecretlint } from '../src/engine/check/secretlint.js';
import { checkOne } from '../src/engine/check/runner.js';
import { TokenDetector } from '../src/engine/check/tokens.js';
import { hasRepeatedRun, isPlaceholder, isSequential } from '../src/lib/placeholders.js';
import { isReference, isSecretRef } from '../src/lib/variables.js';
import { scan } from '../src/engine/scan.js';

const F = 'gatewardenTESTvalue';
const TOKENS = new TokenDetector(RULES);
const findTokens = (text: string) => TOKENS.find(text);
const ANTHROPIC = `sk-ant-api03-${F}AD_shZdPjuQJwhMXSiS_P4MJJSjwE6jnr9n60CLWbBFxXbd8tsVWII6UMoVCr6j0p6Hhp591m9AA`;
const TELEGRAM = `7421350986:AA${F}Qh3_kZ9-Lm2pXw`;

describe('isReference', () => {
  it.each(['${VAR}', '${VAR:-x}', '${VAR:?set it}', '$VAR', '${{ secrets.X }}', 'op://vault/item/field', 'vault://secret/x', 'aws-secrets://prod/x', 'gcp-secrets://p/s', 'azure-keyvault://kv/s', '/run/secrets/token', 'secretref-env:SLACK_BOT_TOKEN', '{{ vault_x }}', '%APPDATA_TOKEN%'])('%s is a reference', (v) => {
    expect(isReference(v)).toBe(true);
  });
  it.each(['hunter2-but-longer', '3f7a9c', 'op:/not-a-uri', '${VAR}suffix-literal'])('%s is not', (v) => {
    expect(isReference(v)).toBe(false);
  });
  it('recognises SecretRef objects, not other objects', () => {
    expect(isSecretRef({ source: 'env', provider: 'default', id: 'X' })).toBe(true);
    expect(isSecretRef({ source: 'file', id: '/a/b' })).toBe(true);
    expect(isSecretRef({ source: 'web', id: 'x' })).toBe(false);
    expect(isSecretRef('env:X')).toBe(false);
  });
});

describe('isPlaceholder', () => {
  it.each(['sk-ant-...', 'your_token_here', '<your discord bot token>', '<paste', 'changeme', 'CHANGE_ME', 'change-me-to-a-long-random-token', 'change-me-now', 'change-me-to-a-strong-password', 'REPLACE_ME_WITH_64_HEX', 'xxxxxxxx', '********', 'REDACTED', '0123456789abcdef0123456789abcdef', 'abc123xyz456', 'null', 'undefined', '', 'zz', '[TOKEN]', '{token}'])('%s is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });
  it.each(['hunter2-but-longer', 'k3J9sL2mQ8vX1pR7tY4wZ6nB0cD5fG', '5f2b9e0c7a4d1e8f3b6a9c2d5e8f1a4b7c0d3e6f9a2b5c8d1e4f7a0b3c6d9e2f'])('%s is not', (v) => {
    expect(isPlaceholder(v)).toBe(false);
  });
  it('finds runs and sequences', () => {
    expect(hasRepeatedRun('ab000000cd')).toBe(true);
    expect(hasRepeatedRun('ab00000cd')).toBe(false);
    expect(isSequential('ABCDEFGH')).toBe(true);
    expect(isSequential('x9QmT2pL')).toBe(false);
  });
});

describe('entropy', () => {
  it('computes Shannon entropy in bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });
  it('uses 3.0 for hex (with the all-digit correction) and 3.5 otherwise', () => {
    expect(isHighEntropy('9f86d081884c7d659a2feaa0c55ad015')).toBe(true);
    expect(isHighEntropy('1111222233334444')).toBe(false);
    expect(isHighEntropy('password1234')).toBe(false);
    expect(isHighEntropy('k3J9sL2mQ8vX1pR7')).toBe(true);
  });
});

describe('secret-like names', () => {
  it('splits names into words', () => {
    expect(nameWords('OPENCLAW_GATEWAY_TOKEN')).toEqual(['openclaw', 'gateway', 'token']);
    expect(nameWords('botToken')).toEqual(['bot', 'token']);
    expect(nameWords('APIKey')).toEqual(['api', 'key']);
    expect(nameWords('x-api-key')).toEqual(['x', 'api', 'key']);
    expect(nameWords('password14')).toEqual(['password', '14']);
    expect(nameWords('v2Secret')).toEqual(['v', '2', 'secret']);
    expect(nameWords('spring.datasource.password')).toEqual(['spring', 'datasource', 'password']);
  });
  it.each(['API_KEY', 'apiKey', 'apikey', 'x-api-key', 'botToken', 'DB_PASSWORD', 'client_secret', 'SECRET_KEY', 'authToken', 'password14', 'spring.datasource.password'])('%s is secret-like', (n) => {
    expect(isSecretLikeName(n)).toBe(true);
  });
  it.each(['public_key', 'primary_key', 'keyboard', 'monkey', 'author', 'key_name', 'token_url', 'csrf_token', 'max_tokens', 'api_version', 'password_hash', 'AWS_ACCESS_KEY_ID', 'secret_name'])('%s is not', (n) => {
    expect(isSecretLikeName(n)).toBe(false);
  });
  it('knows the OpenClaw credential paths', () => {
    expect(openclawSecretPath(['gateway', 'auth', 'token'])?.severity).toBe('critical');
    expect(openclawSecretPath(['gateway', 'remote', 'password'])?.what).toBe('gateway password');
    expect(openclawSecretPath(['hooks', 'token'])?.what).toBe('hooks token');
    expect(openclawSecretPath(['channels', 'telegram', 'botToken'])).toBeDefined();
    expect(openclawSecretPath(['channels', 'slack', 'accounts', 'work', 'appToken'])).toBeDefined();
    expect(openclawSecretPath(['models', 'providers', 'openai', 'apiKey'])).toBeDefined();
    expect(openclawSecretPath(['env', 'vars', 'MISTRAL_API_KEY'])).toBeDefined();
    expect(openclawSecretPath(['env', 'vars', 'LOG_LEVEL'])).toBeUndefined();
    expect(openclawSecretPath(['gateway', 'bind'])).toBeUndefined();
    expect(openclawSecretPath(['channels', 'telegram', 'allowFrom', 0])).toBeUndefined();
  });
});

describe('token scanner', () => {
  it('finds each token once, under its own rule, with exact offsets', async () => {
    const text = `A=${ANTHROPIC}\nB=${TELEGRAM}\n`;
    const found = await findTokens(text);
    expect(found.map((m) => [m.rule, text.slice(m.start, m.end)])).toEqual([
      ['secrets.anthropic_api_key', ANTHROPIC],
      ['secrets.telegram_bot_token', TELEGRAM],
    ]);
  });
  it('finds a Telegram token in a bot URL but not glued to other characters', async () => {
    expect((await findTokens(`https://api.telegram.org/bot${TELEGRAM}/getMe`)).length).toBe(1);
    expect((await findTokens(`x${TELEGRAM}`)).length).toBe(0);
  });
  it('accepts Discord tokens only when the first part decodes to a numeric id', async () => {
    const id = Buffer.from('123456789012345678').toString('base64url');
    const name = Buffer.from('abcdefghijklmnopqr').toString('base64url');
    expect((await findTokens(`${id}.GhIjKl.${F}q1w2e3r4t5y6u7i8`)).length).toBe(1);
    expect((await findTokens(`M${name.slice(1)}.GhIjKl.${F}q1w2e3r4t5y6u7i8`)).length).toBe(0);
  });
  it('accepts private keys by their body, including EC P-256 and Ed25519', async () => {
    const block = (label: string, body: string) => `-----BEGIN ${label}PRIVATE KEY-----\n${body}\n-----END ${label}PRIVATE KEY-----`;
    // The outer DER length (byte 1, short form) set to the body's decoded size: the detector checks the structure.
    const sized = (b64: string) => {
      const b = Buffer.from(b64, 'base64');
      b[1] = b.length - 2;
      return b.subarray(0, 6).toString('base64') + b64.slice(8);
    };
    expect((await findTokens(block('EC ', sized(`MHcCAQEEI${F}${'k3J9sL2mQ8vX1pR7tY4wZ6nB0cD5fG'.repeat(3)}`)))).length).toBe(1);
    expect((await findTokens(block('', sized(`MC4CAQAwBQYDK2VwBCIEI${F}q1w2e3r4t5y6u7i8o9p0a1s2`)))).length).toBe(1);
    expect((await findTokens(block('EC ', `MHcCAQEEI${F}${'k3J9sL2mQ8vX1pR7tY4wZ6nB0cD5fG'.repeat(4)}`))).length).toBe(0); // declared length is not the body's
    expect((await findTokens(block('RSA ', '...'))).length).toBe(0);
    expect((await findTokens(block('', `QUJD${F}${'k3J9sL2mQ8vX1pR7tY4wZ6nB0cD5fG'.repeat(3)}`))).length).toBe(0); // not DER
  });
  it('reports through the engine whether a file is settled at once or waits on secretlint', async () => {
    // Token rules and secrets.generic are synchronous unless a secretlint route (Groq) had a keyword in the file;
    // both paths must report the same way, and the generic rule must leave a provider token's range alone.
    const GROQ = `gsk_${F}pjRdYK4Svdp12Tvjp9xmXAy3yQkfQWZ65`;
    const generic = 'client_secret = "N7xQ2mP9T8wZ4kL6vB3cR5"';
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-tokens-'));
    writeFileSync(path.join(dir, 'sync.txt'), `A=${ANTHROPIC}\n${generic}\n`);
    writeFileSync(path.join(dir, 'waits.txt'), `A=${ANTHROPIC}\nGROQ_API_KEY=${GROQ}\n${generic}\n`);
    const rules = RULES.filter((r) => ['secrets.anthropic_api_key', 'secrets.groq_api_key', 'secrets.generic'].includes(r.id));
    const result = await scan({ paths: [dir], rules, noConfig: true });
    expect(result.internalErrors).toBe(0);
    expect(result.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.startLine}`)).toEqual([
      'secrets.anthropic_api_key sync.txt:1',
      'secrets.generic sync.txt:2',
      'secrets.anthropic_api_key waits.txt:1',
      'secrets.groq_api_key waits.txt:2',
      'secrets.generic waits.txt:3',
    ]);
  });
  it('tells a malformed provider token from an unrelated value', async () => {
    expect(TOKENS.mentionsKeyword('sk-ant-api03-short')).toBe(true);
    expect(TOKENS.mentionsKeyword('hunter2-but-longer')).toBe(false);
    expect(TOKENS.holds(`Bearer ${ANTHROPIC}`, [])).toBe(true);
    expect(TOKENS.holds('Bearer hunter2-but-longer', [])).toBe(false);
  });
  it('knows a secretlint-served token inside a value from the file it was linted in (holds is synchronous)', async () => {
    const GROQ = `gsk_${F}pjRdYK4Svdp12Tvjp9xmXAy3yQkfQWZ65`;
    const scanned = await TOKENS.scan(`GROQ_API_KEY=${GROQ}\n`, '.env');
    expect(scanned.routed).toEqual([GROQ]);
    expect(TOKENS.holds(GROQ, scanned.routed)).toBe(true);
    expect(TOKENS.holds(GROQ, [])).toBe(false); // not our own pattern: secretlint's answer is what says so
  });
  it('runs in linear time on adversarial input', async () => {
    const inputs = [
      `sk-${'a'.repeat(200_000)}`,
      `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(200_000)}`,
      `${'1'.repeat(200_000)}:A`,
      `xoxb-${'1-'.repeat(100_000)}`,
      `M${'a'.repeat(200_000)}.`,
      `hooks.slack.com/services/T${'A'.repeat(200_000)}`,
    ];
    for (const input of inputs) {
      const t = performance.now();
      await findTokens(input);
      expect(performance.now() - t, input.slice(0, 20)).toBeLessThan(1000);
    }
  });
});

describe('text rules stay linear on adversarial input', () => {
  it.each(['secrets.generic', 'secrets.openclaw_gateway_token'])('%s', async (id) => {
    const rule = RULES.find((r) => r.id === id);
    if (!rule) throw new Error(id);
    const inputs = [`api_key=${'a1'.repeat(100_000)}`, 'apiKey='.repeat(30_000), '='.repeat(200_000), `OPENCLAW_GATEWAY_TOKEN=${'"'.repeat(100_000)}`, `gateway --token ${'x'.repeat(200_000)}`, '{db_password: Zx8q2LmN4pQ7 '.repeat(20_000)];
    for (const text of inputs) {
      const t = performance.now();
      await checkOne(rule, { kind: 'text', file: 'a.sh', fileKind: 'text', text }, TOKENS, () => undefined);
      expect(performance.now() - t, text.slice(0, 20)).toBeLessThan(1000);
    }
  });
});

describe('secretlint bridge', () => {
  it('corrects the AWS secret-key range (it starts at the name in secretlint) and never returns the secret', async () => {
    const secret = `${F}/LRYg/+o2SY3u2HVoRggQ`; // 40 characters
    // unquoted: secretlint's pattern ends in `\b`, so a quoted key followed by a newline is not even matched
    const text = `x = 1\nAWS_SECRET_ACCESS_KEY=${secret}\n`;
    const hits = await lintWithSecretlint(text, 'a.env', [{ rule: '@secretlint/secretlint-rule-aws', messageIds: ['AWSSecretAccessKey'] }]);
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual([secret]);
    expect(JSON.stringify(hits)).not.toContain(secret);
  });
});
