/**
 * The files people put secrets in, each a function that plants one secret and says where it is (character range),
 * so a finding can be matched to it by line. Token carriers: .env, OpenClaw's openclaw.json (JSON5, at the
 * credential's own config path), YAML, docker-compose `environment:`, Kubernetes Secret (`stringData` plain,
 * `data` base64), Terraform (variable default, tfvars), Python `os.getenv("X", "…")`, TypeScript
 * `process.env.X || "…"`, shell (`curl -H "Authorization: Bearer …"`, `export`), a notebook cell, Markdown.
 * Key carriers: the key file itself, `\n`-escaped in .env and JSON, a YAML block scalar, a Terraform heredoc, a
 * notebook (one JSON string per key line), Markdown, and the encoded forms (Kubernetes `data`, kubeconfig
 * `client-key-data`, `*_BASE64` variables).
 */

export interface Secret {
  /** Unique case id (type or key id). */
  id: string;
  group: 'token' | 'key';
  /** Token type id or key format, for the recall tables. */
  label: string;
  /** The token, or the key's armoured text. Binary keys: base64 of `bytes` is what text carriers hold. */
  value: string;
  bytes?: Buffer;
  envVar: string;
  openclawPath?: string;
  kind?: 'url';
  shell?: string;
  /** Key file name (`id_ed25519`, `client.p12`). */
  file?: string;
}

export interface Planted {
  file: string;
  content: string | Buffer;
  /** Range of the planted text (the secret, or its encoding) in `content` (characters; whole file when binary). */
  start: number;
  end: number;
}

export interface Carrier {
  id: string;
  /** Holds the secret encoded (base64), not as written. */
  encoded: boolean;
  applies: (s: Secret) => boolean;
  plant: (s: Secret) => Planted;
}

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
const lower = (name: string) => name.toLowerCase();

/** `before` + secret + `after`, with the secret's range. */
function around(file: string, before: string, secret: string, after: string): Planted {
  return { file, content: before + secret + after, start: before.length, end: before.length + secret.length };
}

/** OpenClaw config (JSON5) holding `value` at `dotted` (default `env.vars.<ENV>`). */
function openclawJson5(s: Secret): Planted {
  const keys = (s.openclawPath ?? `env.vars.${s.envVar}`).split('.');
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  let before = '// ~/.openclaw/openclaw.json\n{\n  gateway: { bind: "loopback", port: 18789 },\n';
  let after = '\n';
  keys.forEach((k, i) => {
    const pad = '  '.repeat(i + 1);
    if (i === keys.length - 1) before += `${pad}${key(k)}: "`;
    else {
      before += `${pad}${key(k)}: {\n`;
      after = `\n${pad}},${after}`;
    }
  });
  return around('openclaw.json', before, s.value, `",${after}}\n`);
}

/** JSON string escape of a key's text (newlines as `\n`). */
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

export const TOKEN_CARRIERS: readonly Carrier[] = [
  { id: 'dotenv', encoded: false, applies: () => true, plant: (s) => around('.env', '# production\nNODE_ENV=production\n', `${s.envVar}=${s.value}`, '\nLOG_LEVEL=info\n') },
  { id: 'openclaw-json5', encoded: false, applies: () => true, plant: openclawJson5 },
  {
    id: 'yaml', encoded: false, applies: () => true,
    plant: (s) => around('config.yaml', 'openclaw:\n  gateway:\n    port: 18789\n  credentials:\n', `    ${lower(s.envVar)}: "${s.value}"`, '\n'),
  },
  {
    id: 'compose', encoded: false, applies: () => true,
    plant: (s) => around('docker-compose.yml', 'services:\n  openclaw-gateway:\n    image: ghcr.io/openclaw/openclaw:latest\n    ports:\n      - "127.0.0.1:18789:18789"\n    environment:\n', `      - ${s.envVar}=${s.value}`, '\n    restart: unless-stopped\n'),
  },
  {
    id: 'k8s-stringdata', encoded: false, applies: () => true,
    plant: (s) => around('secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: openclaw-env\ntype: Opaque\nstringData:\n', `  ${s.envVar}: "${s.value}"`, '\n'),
  },
  {
    id: 'k8s-data-base64', encoded: true, applies: () => true,
    plant: (s) => around('secret-data.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: openclaw-env\ntype: Opaque\ndata:\n', `  ${s.envVar}: ${b64(s.value)}`, '\n'),
  },
  {
    id: 'terraform-default', encoded: false, applies: () => true,
    plant: (s) => around('variables.tf', `variable "${lower(s.envVar)}" {\n  type      = string\n  sensitive = true\n`, `  default   = "${s.value}"`, '\n}\n'),
  },
  { id: 'tfvars', encoded: false, applies: () => true, plant: (s) => around('terraform.tfvars', 'region = "eu-central-1"\n', `${lower(s.envVar)} = "${s.value}"`, '\n') },
  {
    id: 'python-getenv', encoded: false, applies: () => true,
    plant: (s) => around('settings.py', 'import os\n\n', `${s.envVar} = os.getenv("${s.envVar}", "${s.value}")`, '\n'),
  },
  {
    id: 'ts-env-fallback', encoded: false, applies: () => true,
    plant: (s) => around('config.ts', '', `export const ${lower(s.envVar).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())} = process.env.${s.envVar} || "${s.value}";`, '\n'),
  },
  {
    id: 'shell-curl', encoded: false, applies: () => true,
    plant: (s) => {
      const line = (s.shell ?? 'curl -fsS -H "Authorization: Bearer {value}" https://api.provider.invalid/v1/models').replace('{value}', s.value);
      const at = line.indexOf(s.value);
      return around('deploy.sh', `#!/bin/sh\nset -eu\n${line.slice(0, at)}`, s.value, `${line.slice(at + s.value.length)}\n`);
    },
  },
  { id: 'shell-export', encoded: false, applies: () => true, plant: (s) => around('env.sh', '#!/bin/sh\n', `export ${s.envVar}="${s.value}"`, '\n') },
  {
    id: 'notebook', encoded: false, applies: () => true,
    plant: (s) => {
      const line = `os.environ[\\"${s.envVar}\\"] = \\"${jsonEscaped(s.value)}\\"\\n`;
      return around('notebook.ipynb', '{\n "cells": [\n  {\n   "cell_type": "code",\n   "metadata": {},\n   "source": [\n    "import os\\n",\n    "', line, '"\n   ]\n  }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n');
    },
  },
  {
    id: 'markdown', encoded: false, applies: () => true,
    plant: (s) => around('README.md', '# Deploy\n\nPut this in `.env` next to `docker-compose.yml`:\n\n```bash\n', `${s.envVar}=${s.value}`, '\n```\n'),
  },
];

/** A key's text lines (binary keys have none: they are carried base64-encoded only). */
const keyLines = (s: Secret) => s.value.replace(/\r?\n$/, '').split(/\r?\n/);
const isText = (s: Secret) => !s.bytes;
const keyVar = (s: Secret) => s.envVar;

export const KEY_CARRIERS: readonly Carrier[] = [
  {
    id: 'key-file', encoded: false, applies: () => true,
    plant: (s) => (s.bytes ? { file: s.file ?? 'key.bin', content: s.bytes, start: 0, end: s.bytes.length } : { file: s.file ?? 'key.pem', content: s.value, start: 0, end: s.value.length }),
  },
  { id: 'dotenv-escaped', encoded: false, applies: isText, plant: (s) => around('.env', 'APP_ENV=production\n', `${keyVar(s)}="${jsonEscaped(s.value)}"`, '\n') },
  {
    id: 'json-escaped', encoded: false, applies: isText,
    plant: (s) => around('credentials.json', '{\n  "type": "deploy_key",\n  "private_key": "', jsonEscaped(s.value), '",\n  "client_email": "deploy@acme.test"\n}\n'),
  },
  {
    id: 'k8s-stringdata-block', encoded: false, applies: isText,
    plant: (s) => around('secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: openclaw-ssh\ntype: Opaque\nstringData:\n  ssh-privatekey: |\n', keyLines(s).map((l) => `    ${l}`).join('\n'), '\n'),
  },
  {
    id: 'terraform-heredoc', encoded: false, applies: isText,
    plant: (s) => around('main.tf', 'resource "local_sensitive_file" "deploy_key" {\n  filename = "${path.module}/deploy_key"\n  content  = <<-EOT\n', keyLines(s).map((l) => `    ${l}`).join('\n'), '\n  EOT\n}\n'),
  },
  {
    id: 'notebook-split', encoded: false, applies: isText,
    plant: (s) => {
      const lines = keyLines(s);
      const body = lines.map((l, i) => `    "${i === 0 ? 'KEY = \\"\\"\\"' : ''}${jsonEscaped(l)}${i === lines.length - 1 ? '\\"\\"\\"' : ''}\\n"`).join(',\n');
      return around('keys.ipynb', '{\n "cells": [\n  {\n   "cell_type": "code",\n   "metadata": {},\n   "source": [\n', body, '\n   ]\n  }\n ],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n');
    },
  },
  { id: 'markdown-block', encoded: false, applies: isText, plant: (s) => around('README.md', '# Access\n\nThe deploy key:\n\n```\n', keyLines(s).join('\n'), '\n```\n') },
  {
    id: 'k8s-data-base64', encoded: true, applies: () => true,
    plant: (s) => around('secret-data.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: openclaw-tls\ntype: Opaque\ndata:\n', `  ${s.file ?? 'tls.key'}: ${s.bytes ? s.bytes.toString('base64') : b64(s.value)}`, '\n'),
  },
  {
    id: 'kubeconfig-client-key-data', encoded: true, applies: isText,
    plant: (s) => around('kubeconfig', 'apiVersion: v1\nkind: Config\nusers:\n- name: deploy\n  user:\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n', `    client-key-data: ${b64(s.value)}`, '\ncurrent-context: prod\n'),
  },
  { id: 'env-base64', encoded: true, applies: () => true, plant: (s) => around('.env', 'APP_ENV=production\n', `${keyVar(s)}_BASE64=${s.bytes ? s.bytes.toString('base64') : b64(s.value)}`, '\n') },
];
