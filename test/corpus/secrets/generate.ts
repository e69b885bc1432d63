/**
 * Generates the labelled secrets corpus (test/corpus/secrets/files/ and labels.json) used by `npm run eval:secrets`
 * and test/secrets-corpus.test.ts. Deterministic (seeded PRNG): rerun with `npx tsx test/corpus/secrets/generate.ts`
 * and the output is byte-identical. Every token is a generated fake with a valid shape; where the shape allows it
 * carries `gatewardenTESTvalue`. Never a real credential.
 *
 * Positives: every token type in every context that can hold it (dotenv, YAML, compose, JSON, JSON5 OpenClaw config,
 * shell `export`, TypeScript and Python strings, TOML, Markdown code blocks, URLs). Negatives: every reference and
 * placeholder form of docs/secrets-engines.md, plus benign look-alikes (hashes, UUIDs, public keys, code that reads the environment).
 * A label is `{ file, line, ruleId }`: the token on that line must be reported by that rule and by no other.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const OUT = path.join(import.meta.dirname, 'files');
const F = 'gatewardenTESTvalue';

let seed = 20261121;
function rnd(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const AN = `${UP}abcdefghijklmnopqrstuvwxyz0123456789`;
const B64U = `${AN}_-`;
const B64 = `${AN}+/`;
const HEX = '0123456789abcdef';
const DIG = '0123456789';
/** Random characters, re-drawn until free of the runs and stopwords the placeholder filter rejects. */
function pick(cs: string, n: number): string {
  for (;;) {
    const s = Array.from({ length: n }, () => cs[Math.floor(rnd() * cs.length)]).join('');
    if (!/(.)\1{5}|example|sample|abcde|00000|here|your|replace|redacted|changeme/i.test(s)) return s;
  }
}
const withDigit = (cs: string, n: number) => {
  for (;;) {
    const s = pick(cs, n);
    if (/[0-9]/.test(s)) return s;
  }
};

type Kind =
  | 'anthropic_api_key' | 'anthropic_admin_key' | 'anthropic_oauth_token' | 'openai_api_key' | 'openrouter_api_key' | 'google_api_key'
  | 'groq_api_key' | 'xai_api_key' | 'huggingface_token' | 'perplexity_api_key' | 'telegram_bot_token' | 'discord_bot_token'
  | 'slack_token' | 'slack_webhook_url' | 'github_token' | 'aws_access_key' | 'openclaw_gateway_token' | 'generic';

/** A fresh fake of each kind, with the environment-variable name it is usually given. */
const FAKES: Record<Kind, { env: string; key: string; make: () => string }[]> = {
  anthropic_api_key: [{ env: 'ANTHROPIC_API_KEY', key: 'apiKey', make: () => `sk-ant-api03-${F}${pick(B64U, 74)}AA` }],
  anthropic_admin_key: [{ env: 'ANTHROPIC_ADMIN_KEY', key: 'adminKey', make: () => `sk-ant-admin01-${F}${pick(B64U, 74)}AA` }],
  anthropic_oauth_token: [
    { env: 'CLAUDE_CODE_OAUTH_TOKEN', key: 'accessToken', make: () => `sk-ant-oat01-${F}${pick(B64U, 76)}AA` },
    { env: 'CLAUDE_REFRESH_TOKEN', key: 'refreshToken', make: () => `sk-ant-ort01-${F}${pick(B64U, 76)}AA` },
  ],
  openai_api_key: [
    { env: 'OPENAI_API_KEY', key: 'apiKey', make: () => `sk-proj-${F}${pick(B64U, 55)}T3BlbkFJ${pick(B64U, 74)}` },
    { env: 'OPENAI_API_KEY', key: 'apiKey', make: () => `sk-svcacct-${F}${pick(B64U, 39)}T3BlbkFJ${pick(B64U, 58)}` },
    { env: 'OPENAI_ADMIN_KEY', key: 'adminKey', make: () => `sk-admin-${F}${pick(B64U, 39)}T3BlbkFJ${pick(B64U, 58)}` },
    { env: 'OPENAI_API_KEY', key: 'apiKey', make: () => `sk-${F}${pick(AN, 1)}T3BlbkFJ${pick(AN, 20)}` },
    // a legacy key with 44-character sides: fixed-length patterns (gitleaks, secretlint) miss these (gitleaks PR #2240)
    { env: 'OPENAI_API_KEY', key: 'apiKey', make: () => `sk-${F}${pick(AN, 25)}T3BlbkFJ${pick(AN, 44)}` },
  ],
  openrouter_api_key: [{ env: 'OPENROUTER_API_KEY', key: 'apiKey', make: () => `sk-or-v1-${pick(HEX, 64)}` }],
  google_api_key: [
    { env: 'GEMINI_API_KEY', key: 'apiKey', make: () => `AIzaSy${F}${pick(B64U, 14)}` },
    { env: 'GOOGLE_API_KEY', key: 'apiKey', make: () => `AQ.Ab8RN6${F}${pick(B64U, 25)}` },
  ],
  groq_api_key: [{ env: 'GROQ_API_KEY', key: 'apiKey', make: () => `gsk_${F}${pick(AN, 33)}` }],
  xai_api_key: [{ env: 'XAI_API_KEY', key: 'apiKey', make: () => `xai-${F}${pick(AN, 61)}` }],
  huggingface_token: [
    // letters only: the shape gitleaks and secretlint document (trufflehog also allows digits)
    { env: 'HF_TOKEN', key: 'token', make: () => `hf_${F}${pick(UP + UP.toLowerCase(), 15)}` },
    { env: 'HF_ORG_TOKEN', key: 'orgToken', make: () => `api_org_${F}${pick(UP + UP.toLowerCase(), 15)}` },
  ],
  perplexity_api_key: [{ env: 'PERPLEXITY_API_KEY', key: 'apiKey', make: () => `pplx-${F}${pick(AN, 29)}` }],
  telegram_bot_token: [{ env: 'BOT_TOKEN', key: 'botToken', make: () => `${pick('6789', 1)}${pick(DIG, 9)}:AA${F}${pick(B64U, 14)}` }],
  discord_bot_token: [
    { env: 'DISCORD_BOT_TOKEN', key: 'token', make: () => `${Buffer.from(`1${pick(DIG, 18)}`).toString('base64url')}.${pick(B64U, 6)}.${F}${pick(B64U, 19)}` },
    { env: 'DISCORD_TOKEN', key: 'token', make: () => `${Buffer.from(`9${pick(DIG, 17)}`).toString('base64url')}.${pick(B64U, 6)}.${pick(B64U, 8)}${F}` },
  ],
  slack_token: [
    { env: 'SLACK_BOT_TOKEN', key: 'botToken', make: () => `xoxb-${pick(DIG, 13)}-${pick(DIG, 13)}-${F}${pick(AN, 5)}` },
    { env: 'SLACK_USER_TOKEN', key: 'userToken', make: () => `xoxp-${pick(DIG, 12)}-${pick(DIG, 12)}-${pick(DIG, 13)}-${pick(HEX, 13)}${F}` },
    { env: 'SLACK_APP_TOKEN', key: 'appToken', make: () => `xapp-1-A${pick(UP + DIG, 10)}-${pick(DIG, 13)}-${F}${pick(HEX, 45)}` },
  ],
  slack_webhook_url: [{ env: 'SLACK_WEBHOOK_URL', key: 'webhookUrl', make: () => `https://hooks.slack.com/services/T0${pick(UP + DIG, 8)}/B0${pick(UP + DIG, 8)}/${F}${pick(AN, 5)}` }],
  github_token: [
    { env: 'GITHUB_TOKEN', key: 'token', make: () => `ghp_${F}${pick(AN, 17)}` },
    { env: 'GH_TOKEN', key: 'token', make: () => `github_pat_11${pick(UP + DIG, 20)}_${F}${pick(AN, 40)}` },
    { env: 'GITHUB_APP_TOKEN', key: 'token', make: () => `ghs_${F}${pick(AN, 17)}` },
    // the 2026 installation-token format: ghs_<AppID>_<JWT>
    { env: 'GITHUB_INSTALLATION_TOKEN', key: 'token', make: () => `ghs_${pick(DIG, 7)}_eyJhbGciOiJSUzI1NiJ9.${Buffer.from(`{"iss":"${F}","n":"${pick(AN, 12)}"}`).toString('base64url')}.${pick(B64U, 86)}` },
  ],
  aws_access_key: [{ env: 'AWS_ACCESS_KEY_ID', key: 'accessKeyId', make: () => `AKIA${pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}` }],
  openclaw_gateway_token: [{ env: 'OPENCLAW_GATEWAY_TOKEN', key: 'token', make: () => pick(HEX, 64) }],
  generic: [
    { env: 'DB_PASSWORD', key: 'password', make: () => withDigit(AN, 20) },
    { env: 'CLIENT_SECRET', key: 'clientSecret', make: () => withDigit(HEX, 40) },
    { env: 'MAILGUN_API_KEY', key: 'apiKey', make: () => `key-${withDigit('abcdefghijklmnopqrstuvwxyz0123456789', 32)}` },
  ],
};

interface Label {
  file: string;
  line: number;
  ruleId: string;
}
const labels: Label[] = [];
const files = new Map<string, string>();

/** Writes a file from lines; `[line, kind]` tuples are labelled, strings are not. */
function file(name: string, lines: (string | [string, Kind | 'private_key'])[]): void {
  const text: string[] = [];
  lines.forEach((l, i) => {
    if (typeof l === 'string') text.push(l);
    else {
      text.push(l[0]);
      labels.push({ file: name, line: i + 1, ruleId: `secrets.${l[1]}` });
    }
  });
  files.set(name, `${text.join('\n')}\n`);
}

const ALL = Object.entries(FAKES).flatMap(([kind, list]) => list.map((f) => ({ kind: kind as Kind, ...f })));
const tokenKinds = ALL.filter((f) => f.kind !== 'openclaw_gateway_token');
const awsSecret = () => `${F}/${pick(B64, 20)}`;

// ---------- positives: one context per file, every type in it ----------
file('pos/app.env', ['# committed by mistake', ...ALL.map((f): [string, Kind] => [`${f.env}=${f.make()}`, f.kind]), ['AWS_SECRET_ACCESS_KEY=' + awsSecret(), 'aws_access_key']]);
file('pos/export.sh', ['#!/bin/sh', ...ALL.map((f): [string, Kind] => [`export ${f.env}="${f.make()}"`, f.kind]), ['export AWS_SECRET_ACCESS_KEY=' + awsSecret(), 'aws_access_key']]);
file('pos/settings.yaml', ['settings:', ...tokenKinds.map((f, i): [string, Kind] => [`  ${f.key}_${i}: "${f.make()}"`, f.kind]), ['  aws_secret_access_key: ' + awsSecret(), 'aws_access_key']]);
file('pos/docker-compose.yml', [
  'services:',
  '  openclaw-gateway:',
  '    image: ghcr.io/openclaw/openclaw:2026.9.6',
  '    environment:',
  ...ALL.map((f): [string, Kind] => [`      ${f.env}_${Math.floor(rnd() * 1000)}: ${f.make()}`.replace(/^(\s+OPENCLAW_GATEWAY_TOKEN)_\d+/, '$1'), f.kind]),
  '  openclaw-cli:',
  '    image: ghcr.io/openclaw/openclaw:2026.9.6',
  ['    command: ["node", "dist/index.js", "gateway", "--bind", "lan", "--token", "' + pick(HEX, 48) + '"]', 'openclaw_gateway_token'],
  '    environment:',
  ['      - OPENCLAW_GATEWAY_PASSWORD=correct horse battery staple', 'openclaw_gateway_token'],
]);
file('pos/client.ts', ['// keys pasted into code', ...tokenKinds.map((f, i): [string, Kind] => [`export const ${f.key}${i} = '${f.make()}';`, f.kind])]);
file('pos/client.py', ['import os', ...tokenKinds.map((f, i): [string, Kind] => [`${f.env}_${i} = "${f.make()}"`, f.kind])]);
file('pos/config.toml', ['[providers]', ...tokenKinds.map((f, i): [string, Kind] => [`${f.key.toLowerCase()}_${i} = "${f.make()}"`, f.kind])]);
file('pos/config.json', ['{', ...tokenKinds.map((f, i): [string, Kind] => [`  "${f.key}${i}": "${f.make()}",`, f.kind]), '  "end": true', '}']);
file('pos/README.md', [
  '# Deploy',
  '',
  'Copy this into `.env`:',
  '',
  '```bash',
  ...ALL.map((f): [string, Kind] => [`${f.env}=${f.make()}`, f.kind]),
  '```',
]);
file('pos/deploy.ps1', [
  '# PowerShell variables are assignments too',
  ['$Token = "' + withDigit(AN, 32) + '"', 'generic'],
  ['$ClientSecret = \'' + withDigit(B64U, 40) + '\'', 'generic'],
]);
const tg = FAKES.telegram_bot_token[0]?.make() ?? '';
file('pos/urls.md', [
  '# Links that carry their credential',
  ['- https://api.telegram.org/bot' + tg + '/getMe', 'telegram_bot_token'],
  ['- https://hooks.slack.com/services/T0' + pick(UP + DIG, 8) + '/B0' + pick(UP + DIG, 8) + '/' + F + pick(AN, 5), 'slack_webhook_url'],
  ['- https://generativelanguage.googleapis.com/v1beta/models?key=AIzaSy' + F + pick(B64U, 14), 'google_api_key'],
  ['- git clone https://x-access-token:ghp_' + F + pick(AN, 17) + '@github.com/acme/openclaw-deploy.git', 'github_token'],
  ['- https://user:hf_' + F + pick(UP + UP.toLowerCase(), 15) + '@huggingface.co/spaces/acme/demo', 'huggingface_token'],
  ['- curl -H "Authorization: Bearer sk-or-v1-' + pick(HEX, 64) + '" https://openrouter.ai/api/v1/models', 'openrouter_api_key'],
]);
file('pos/openclaw.json5', [
  '{',
  '  gateway: {',
  '    bind: "loopback",',
  ['    auth: { mode: "token", token: "' + pick(HEX, 64) + '" },', 'openclaw_gateway_token'],
  ['    remote: { password: "hunter2-but-longer" },', 'openclaw_gateway_token'],
  '  },',
  ['  hooks: { enabled: true, token: "hooks-' + withDigit(AN, 24) + '" },', 'openclaw_gateway_token'],
  '  channels: {',
  ['    telegram: { botToken: "' + (FAKES.telegram_bot_token[0]?.make() ?? '') + '" },', 'telegram_bot_token'],
  ['    discord: { token: "' + (FAKES.discord_bot_token[0]?.make() ?? '') + '" },', 'discord_bot_token'],
  '    slack: {',
  ['      botToken: "' + (FAKES.slack_token[0]?.make() ?? '') + '",', 'slack_token'],
  ['      appToken: "' + (FAKES.slack_token[2]?.make() ?? '') + '",', 'slack_token'],
  ['      signingSecret: "' + withDigit(HEX, 32) + '",', 'openclaw_gateway_token'],
  '    },',
  ['    matrix: { accessToken: "syt_' + withDigit(AN, 30) + '" },', 'openclaw_gateway_token'],
  '  },',
  '  models: {',
  '    providers: {',
  ['      anthropic: { apiKey: "' + (FAKES.anthropic_api_key[0]?.make() ?? '') + '" },', 'anthropic_api_key'],
  ['      openrouter: { apiKey: "' + (FAKES.openrouter_api_key[0]?.make() ?? '') + '" },', 'openrouter_api_key'],
  ['      local: { apiKey: "lmstudio-' + withDigit(AN, 12) + '" },', 'openclaw_gateway_token'],
  '    },',
  '  },',
  '  env: {',
  '    vars: {',
  ['      MISTRAL_API_KEY: "' + withDigit(AN, 32) + '",', 'openclaw_gateway_token'],
  ['      GROQ_API_KEY: "' + (FAKES.groq_api_key[0]?.make() ?? '') + '",', 'groq_api_key'],
  '      LOG_LEVEL: "debug",',
  '    },',
  '  },',
  ['  messages: { tts: { elevenlabs: { apiKey: "' + withDigit(AN, 32) + '" } } },', 'generic'],
  '}',
]);
const wrap = (b: string) => b.match(/.{1,64}/g)?.join('\n') ?? b;
/** A fake DER body whose outer SEQUENCE length is its decoded size (the key detector checks the structure). */
function sized(b64: string): string {
  const b = Buffer.from(b64, 'base64');
  if (b[1] === 0x82) b.writeUInt16BE(b.length - 4, 2);
  else b[1] = b.length - 2;
  return b.subarray(0, 6).toString('base64') + b64.slice(8);
}
const pem = (label: string, body: string) => `-----BEGIN ${label}PRIVATE KEY-----\n${wrap(body)}\n-----END ${label}PRIVATE KEY-----`;
const rsa = () => pem('RSA ', sized(`MIIEpAIBAAKCAQEA${F}${pick(B64, 300)}`));
file('pos/keys/deploy_key', [[pem('OPENSSH ', `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ${F}${pick(B64, 200)}`), 'private_key']]);
file('pos/keys/server.key', [[rsa(), 'private_key']]);
file('pos/keys/ec-p256.pem', [[pem('EC ', sized(`MHcCAQEEI${F}${pick(B64, 132)}`)), 'private_key']]);
file('pos/keys/ed25519-pkcs8.pem', [[pem('', sized(`MC4CAQAwBQYDK2VwBCIEI${F}${pick(B64, 24)}`)), 'private_key']]);
file('pos/keys/service-account.json', [
  '{',
  '  "type": "service_account",',
  '  "client_email": "openclaw@acme-prod.iam.gserviceaccount.com",',
  ['  "private_key": "' + pem('', sized(`MIIEvQIBADANBgkqhkiG9w0BAQEFAASC${F}${pick(B64, 280)}`)).replace(/\n/g, '\\n') + '\\n"', 'private_key'],
  '}',
]);
file('pos/keys/notes.md', ['# The staging key (do not do this)', '', '```', [rsa(), 'private_key'], '```']);
file('pos/aws/credentials.ini', [
  '[default]',
  ['aws_access_key_id = AKIA' + pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16), 'aws_access_key'],
  ['aws_secret_access_key = ' + awsSecret(), 'aws_access_key'],
]);

// ---------- negatives: references, placeholders and look-alikes; nothing here may be reported ----------
const refs = [
  '${OPENCLAW_GATEWAY_TOKEN}', '${ANTHROPIC_API_KEY:-}', '${TELEGRAM_BOT_TOKEN:?set it}', '$DISCORD_BOT_TOKEN', '${{ secrets.OPENAI_API_KEY }}',
  'op://deploy/openclaw/gateway-token', 'vault://secret/data/openclaw#token', 'aws-secrets://prod/openclaw/anthropic', 'gcp-secrets://acme/openclaw-groq/latest',
  'azure-keyvault://acme-kv/openclaw-token', '/run/secrets/gateway_token', 'secretref-env:SLACK_BOT_TOKEN', '{{ vault_openclaw_token }}',
];
const placeholders = [
  'sk-ant-...', 'sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA', 'your_token_here',
  '<your discord bot token>', 'changeme', 'CHANGE_ME', 'change-me-to-a-long-random-token', 'change-me-now', 'change-me-to-a-strong-password',
  'REPLACE_ME_WITH_64_HEX', '0123456789abcdef0123456789abcdef', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'aaaaaaaaaaaaaaaaaaaaaaaa', '********', '<token>',
  'sk-proj-...', 'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AIzaSyabcdefghijklmnopqrstuvwxyz1234567', '123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'xoxb-your-bot-token', 'xoxb-000000000000-000000000000-xxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'gsk_your_groq_key_here', 'xai-YOUR_KEY', 'sk-or-v1-0000000000000000000000000000000000000000000000000000000000000000', 'pplx-...', 'REDACTED', 'undefined', 'null',
  // wrong shape: the Anthropic fixed suffix is AA, the body 93; a truncated key
  `sk-ant-api03-${F}${pick(B64U, 74)}AB`, `sk-ant-api03-${F}${pick(B64U, 40)}AA`,
];
const names = ['OPENCLAW_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_PASSWORD', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'TELEGRAM_BOT_TOKEN', 'DISCORD_BOT_TOKEN', 'SLACK_BOT_TOKEN', 'API_KEY', 'CLIENT_SECRET', 'DB_PASSWORD'];
const values = [...refs, ...placeholders];
file('neg/.env.example', ['# copy to .env and fill in', ...values.map((v, i) => `${names[i % names.length]}=${v}`), '# ASC_KEY_CONTENT=BASE64_ENCODED_P8']);
file('neg/refs.env', ['# a committed .env that holds only references is not a leak', ...refs.map((v, i) => `${names[i % names.length]}=${v}`)]);
file('neg/placeholders.sh', ['#!/bin/sh', ...values.map((v, i) => `export ${names[i % names.length]}="${v}"`)]);
file('neg/settings.yaml', ['settings:', ...values.map((v, i) => `  ${names[i % names.length]?.toLowerCase()}_${i}: "${v}"`)]);
file('neg/docker-compose.yml', [
  'services:',
  '  openclaw-gateway:',
  '    image: ghcr.io/openclaw/openclaw:2026.9.6',
  '    env_file:',
  '      - .env',
  '      - ./secrets/openclaw.env',
  '    environment:',
  '      OPENCLAW_GATEWAY_TOKEN: ${OPENCLAW_GATEWAY_TOKEN:?set OPENCLAW_GATEWAY_TOKEN in .env}',
  '      # - OPENCLAW_GATEWAY_TOKEN: Token for authenticating with OpenClaw gateway',
  '      COOKIE_SECRET: stub-for-validation-min-length-32chars-padding',
  '      OPENCLAW_GATEWAY_PASSWORD_FILE: /run/secrets/gateway_password',
  '      ANTHROPIC_API_KEY_FILE: /run/secrets/anthropic',
  '      DATABASE_URL: postgres://openclaw:${POSTGRES_PASSWORD}@db:5432/openclaw',
  '    secrets: [gateway_password, anthropic]',
  'secrets:',
  '  gateway_password:',
  '    file: ./secrets/gateway_password.txt',
  '  anthropic:',
  '    environment: ANTHROPIC_API_KEY',
]);
file('neg/openclaw.json5', [
  '{',
  '  gateway: {',
  '    auth: { mode: "token", token: "${OPENCLAW_GATEWAY_TOKEN}", password: { source: "env", provider: "default", id: "OPENCLAW_GATEWAY_PASSWORD" } },',
  '    remote: { token: "$OPENCLAW_REMOTE_TOKEN" },',
  '  },',
  '  hooks: { enabled: true, token: "change-me-to-a-long-random-token" },',
  '  channels: {',
  '    telegram: { botToken: "${TELEGRAM_BOT_TOKEN}" },',
  '    discord: { token: { source: "exec", provider: "vault", id: "discord/bot" } },',
  '    slack: { botToken: "secretref-env:SLACK_BOT_TOKEN", appToken: "<your slack app token>", signingSecret: { source: "file", provider: "filemain", id: "/slack/signingSecret" } },',
  '  },',
  '  models: { providers: { anthropic: { apiKey: { source: "env", provider: "default", id: "ANTHROPIC_API_KEY" } }, openai: { apiKey: "${OPENAI_API_KEY}" } } },',
  '  env: { vars: { OPENAI_API_KEY: "${OPENAI_API_KEY}", LOG_LEVEL: "debug", MAX_TOKENS: "8192" } },',
  '}',
]);
file('neg/code.ts', [
  "export const apiKey = process.env.ANTHROPIC_API_KEY ?? '';",
  'export const token = getToken();',
  "export const headers = { Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` };",
  'export const maxTokens = 4096;',
  "export const keyboardShortcut = { key: 'ctrl+shift+down' };",
  "export const publicKey = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1234abcd';",
  "export const requestId = 'a1b2c3d4-e5f6-4789-abcd-ef0123456789';",
  "export const csrfToken = 'a8f5f167f44f4964e6c998dee827110c';",
  "export const apiVersion = '2024-06-01-preview';",
  "export const keyFile = 'certs/server-2024.key';",
  "if (token === 'abcdef1234567890xyz') console.log('never');",
  '// real-world look-alikes (from scanning @octokit and typescript):',
  "const octokit = new Octokit({ auth: `personal-access-token123` });",
  'const cfg = { auth: "mypersonalaccesstoken123" };',
  'const key = "base64-encoded-public-key";',
  'const readonlyToken = type2.declaration.readonlyToken ? factory.createToken(type2.declaration.readonlyToken.kind) : void 0;',
  'const { contextToken: contextToken2, previousToken: previousToken2 } = getRelevantTokens(position, sourceFile);',
  'var propertyAccessCode = Diagnostics.Property_0_does_not_exist_on_type_1.code;',
  ' * const apiToken = "abc123xyz456";',
  '// from OpenClaw deployment repositories (values replaced):',
  'process.env.OPENCLAW_GATEWAY_TOKEN = prevToken;',
  'const env = { "OPENCLAW_GATEWAY_PASSWORD": "launchd-pass", OPENCLAW_GATEWAY_TOKEN: "from-env", other: "token-123" };',
  'process.env.OPENCLAW_GATEWAY_TOKEN = "token-123";',
  "secret = 'another-secret-value-must-never-leak-XYZ789'",
  'const quoted_secret_key = "N7xQ2mP9vK4r" + "T8wZ";',
  'const credential = "FAKE_A7f9K2m4Q8v6N3x5R1p0T9z8";',
  'const media = { "asset_key": "marcus-vale__momentum-engine__main__img-01__v01", "job_key": "pd-3f9a2c71e4b8d605" };',
  "_FLAT_SECTION_ID_TOKEN = 'section-cFgrh5yXg8'",
  "const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0';",
  "const FAKE_CLIENT_SECRET = 'GOCSPX-' + 'x';",
  `const FAKE_CLIENT_SECRET_2 = "GOCSPX-${withDigit(B64U, 28)}";`,
  'const META_KEY = "memory_index_meta_v1";',
  "const vars = [{ key: 'FEISHU_APP_SECRET_1', value: 'yyyyy' }];",
  '// from openclaw/docs:',
  'const uuid_credential = "550e8400-e29b-41d4-a716-" + "446655440000";',
]);
file('neg/start.sh', [
  '#!/bin/sh',
  'exec openclaw gateway --bind loopback --token "$OPENCLAW_GATEWAY_TOKEN"',
  'openclaw gateway --password "${OPENCLAW_GATEWAY_PASSWORD}" --port 18789',
  'openclaw gateway --token <your-token>',
  'gh auth login --token "$GH_TOKEN"',
  'export POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-integrationtest123}"',
  'sed -i "s/OPENCLAW_GATEWAY_TOKEN = .*/OPENCLAW_GATEWAY_TOKEN = \\"$NEW_TOKEN\\"/" railway.toml',
  'sed -i "s/--token .*/--token $NEW_TOKEN/" railway.toml',
  '# the gateway uses to authenticate itself. Per --token CLI flag (documented),',
]);
file('neg/.secrets.baseline', [
  '{',
  '  "results": {',
  '    "config.py": [',
  `      { "type": "Secret Keyword", "hashed_secret": "${pick(HEX, 40)}", "is_verified": false, "line_number": 12 }`,
  '    ]',
  '  }',
  '}',
]);
file('neg/code.py', [
  'import os',
  'API_KEY = os.environ["ANTHROPIC_API_KEY"]',
  'SECRET_KEY = os.getenv("SECRET_KEY", "")',
  'token = request.headers["Authorization"]',
  'password_hash = "$2b$12$KIXQJ0f8c1Yt0m3uZ8xGQe"',
  'commit = "3f786850e387550fdab836ed7e6dc881de23001b"',
]);
file('neg/docs.md', [
  '# Keys',
  '',
  'Set `ANTHROPIC_API_KEY=sk-ant-api03-...` in your `.env`; keys look like `sk-ant-api03-xxxxxxxx`.',
  'OPENCLAW_GATEWAY_TOKEN: required. Generate one with `openssl rand -hex 32`:',
  '',
  '```sh',
  'export OPENCLAW_GATEWAY_TOKEN="$(openssl rand -hex 32)"',
  'echo "OPENCLAW_GATEWAY_TOKEN=<paste the token>" >> .env',
  '```',
  '',
  'An SSH key file starts with `-----BEGIN OPENSSH PRIVATE KEY-----`:',
  '',
  '```',
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  '...',
  '-----END OPENSSH PRIVATE KEY-----',
  '```',
  '',
  '```',
  '-----BEGIN PRIVATE KEY-----',
  '<your private key here>',
  '-----END PRIVATE KEY-----',
  '```',
  '',
  'AWS documents AKIAIOSFODNN7EXAMPLE with wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.',
  'A role id is not a key: AROA' + pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16),
  'Webhooks look like https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX.',
  'Telegram tokens look like 123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; Discord tokens like <your discord bot token>.',
  '',
  '- API-Schlüssel-Pfad: `minimax/MiniMax-M3`',
  '- OAuth-Pfad: `minimax-portal/MiniMax-M3`',
  '',
  '```bash',
  'export OPENAI_API_KEY="jouw-providersleutel"',
  'export OPENCLAW_GATEWAY_TOKEN="jouw-token"',
  'export OPENCLAW_GATEWAY_PASSWORD="dein-passwort"',
  '```',
]);
file('neg/package-lock.json', [
  '{',
  '  "packages": {',
  '    "node_modules/yaml": {',
  '      "version": "2.9.1",',
  '      "resolved": "https://registry.npmjs.org/yaml/-/yaml-2.9.1.tgz",',
  '      "integrity": "sha512-V7jXw0vZp3Nm1k6Gq9nQ0rT8bD5sK2xY4cF1aE7uJ3hL9wM6pR0tS2vB8nC4dG1fH5jK7lN9qP3rT6uW8yZ0aB=="',
  '    }',
  '  }',
  '}',
]);

rmSync(OUT, { recursive: true, force: true });
for (const [name, text] of files) {
  mkdirSync(path.dirname(path.join(OUT, name)), { recursive: true });
  writeFileSync(path.join(OUT, name), text);
}
labels.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
writeFileSync(path.join(import.meta.dirname, 'labels.json'), `${JSON.stringify(labels, null, 1)}\n`);
console.log(`${files.size} files, ${labels.length} labelled secrets`);
