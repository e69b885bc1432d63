/**
 * The generated corpus of `eval:secrets --generate`: every token type of data/secrets/token-formats.json in every
 * token carrier (a fresh random value per file), every key the real tools made (test/support/real-keys.ts) in every
 * key carrier, plus two composite secrets people commit (a Google service-account JSON holding a real key, a Docker
 * `config.json` whose `auth` is base64 of `user:token`). One secret per file, so a finding is matched to its
 * secret by file and line, whatever rule or engine reported it.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RealKey } from '../../test/support/real-keys.js';
import { KEY_CARRIERS, TOKEN_CARRIERS, type Carrier, type Planted, type Secret } from './carriers.js';
import { ALPHABETS, generate, randomString, TOKEN_TYPES } from './formats.js';

export interface Case {
  group: 'token' | 'key';
  /** Token type id or key format (`PKCS#1`, `OpenSSH`), for the tables. */
  label: string;
  /** The token type or key id this case plants. */
  secretId: string;
  carrier: string;
  encoded: boolean;
  /** Path relative to the corpus root, `/`-separated. */
  file: string;
  binary: boolean;
  startLine: number;
  endLine: number;
}

export interface Corpus {
  dir: string;
  cases: Case[];
}

const lineOf = (text: string, offset: number) => {
  let n = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
};

function write(dir: string, rel: string, p: Planted, s: Secret, carrier: Carrier): Case {
  const full = path.join(dir, rel, p.file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, p.content);
  const binary = Buffer.isBuffer(p.content);
  const text = binary ? '' : (p.content as string);
  return {
    group: s.group,
    label: s.label,
    secretId: s.id,
    carrier: carrier.id,
    encoded: carrier.encoded,
    file: `${rel}/${p.file}`,
    binary,
    startLine: binary ? 1 : lineOf(text, p.start),
    endLine: binary ? 1 : lineOf(text, Math.max(p.start, p.end - 1)),
  };
}

/** The env var a key is usually given. */
function keyEnvVar(k: RealKey): string {
  if (k.tool === 'gpg') return 'GPG_PRIVATE_KEY';
  if (k.binary) return 'KEYSTORE';
  if (k.tool === 'openssl') return 'TLS_PRIVATE_KEY';
  return 'SSH_PRIVATE_KEY';
}

export function keySecrets(keys: readonly RealKey[]): Secret[] {
  const out: Secret[] = keys.map((k) => ({
    id: k.id,
    group: 'key',
    label: k.format,
    value: k.text ?? '',
    ...(k.binary ? { bytes: k.bytes } : {}),
    envVar: keyEnvVar(k),
    file: k.file,
  }));
  // A Google service-account JSON (what channels.googlechat.serviceAccount and GOOGLE_APPLICATION_CREDENTIALS hold)
  // around a real PKCS#8 key.
  const pkcs8 = keys.find((k) => k.id === 'openssl-genrsa');
  if (pkcs8?.text) {
    const sa = JSON.stringify(
      {
        type: 'service_account',
        project_id: 'openclaw-prod',
        private_key_id: randomString(ALPHABETS.hex as string, 40),
        private_key: pkcs8.text,
        client_email: 'openclaw@openclaw-prod.iam.gserviceaccount.com',
        client_id: `1${randomString(ALPHABETS.digits as string, 20)}`,
        token_uri: 'https://oauth2.googleapis.com/token',
      },
      null,
      2,
    );
    out.push({ id: 'google-service-account', group: 'key', label: 'Google service-account JSON', value: `${sa}\n`, envVar: 'GOOGLE_CREDENTIALS', file: 'service-account.json' });
  }
  return out;
}

/** Writes the corpus into a new temporary directory (or `into`). */
export function buildCorpus(keys: readonly RealKey[], into?: string): Corpus {
  const dir = into ?? mkdtempSync(path.join(tmpdir(), 'gatewarden-secrets-corpus-'));
  const cases: Case[] = [];
  for (const t of TOKEN_TYPES) {
    for (const c of TOKEN_CARRIERS) {
      const s: Secret = { id: t.id, group: 'token', label: t.id, value: generate(t), envVar: t.envVar, ...(t.openclawPath ? { openclawPath: t.openclawPath } : {}), ...(t.kind ? { kind: t.kind } : {}), ...(t.shell ? { shell: t.shell } : {}) };
      if (c.applies(s)) cases.push(write(dir, `tokens/${t.id}/${c.id}`, c.plant(s), s, c));
    }
  }
  // Docker's config.json: `auth` is base64 of `user:token`, the file `docker login` writes.
  const docker = TOKEN_TYPES.find((t) => t.id === 'dockerhub-pat');
  if (docker) {
    const auth = Buffer.from(`acme:${generate(docker)}`).toString('base64');
    const before = '{\n  "auths": {\n    "https://index.docker.io/v1/": {\n      "auth": "';
    const dockerCarrier: Carrier = { id: 'docker-config-auth', encoded: true, applies: () => true, plant: () => ({ file: 'config.json', content: `${before}${auth}"\n    }\n  }\n}\n`, start: before.length, end: before.length + auth.length }) };
    const s: Secret = { id: 'dockerhub-pat', group: 'token', label: 'dockerhub-pat', value: auth, envVar: 'DOCKER_AUTH' };
    cases.push(write(dir, 'tokens/dockerhub-pat/docker-config-auth/.docker', dockerCarrier.plant(s), s, dockerCarrier));
  }
  for (const s of keySecrets(keys)) {
    for (const c of KEY_CARRIERS) if (c.applies(s)) cases.push(write(dir, `keys/${s.id}/${c.id}`, c.plant(s), s, c));
  }
  return { dir, cases };
}

/** A finding of some engine, reduced to what matching needs. */
export interface Hit {
  file: string;
  startLine: number;
  endLine: number;
  rule: string;
}

/** The rule ids that found each case (empty: missed). A finding counts when it is in the case's file and its lines meet the secret's. */
export function match(cases: readonly Case[], hits: readonly Hit[]): Map<Case, string[]> {
  const byFile = new Map<string, Hit[]>();
  for (const h of hits) byFile.set(h.file, [...(byFile.get(h.file) ?? []), h]);
  const out = new Map<Case, string[]>();
  for (const c of cases) {
    const found = (byFile.get(c.file) ?? []).filter((h) => c.binary || (h.startLine <= c.endLine && c.startLine <= h.endLine));
    out.set(c, [...new Set(found.map((h) => h.rule))]);
  }
  return out;
}
