/**
 * Every private-key format the real tools write (test/support/real-keys.ts: ssh-keygen, openssl, gpg, puttygen,
 * keytool), scanned as the files people commit: each must be reported by `secrets.private_key`.
 *
 * Keys today's code misses (issue 21; causes in docs/secrets-evaluation.md) run as `it.fails`, so this file passes
 * while they are missed and fails the day one is caught: the signal to delete its cause from `todaysMiss`. Some
 * causes are properties of the random key, not of its format (a legacy encrypted body that happens to start with
 * `M`, a body that happens to contain `here`), so the keys are made before the tests are declared and each key is
 * judged on its own bytes. A key whose tool is not installed is skipped, with the tool's name.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { hasRepeatedRun, isSequential, PLACEHOLDER_WORDS } from '../src/lib/placeholders.js';
import { scan } from '../src/engine/scan.js';
import { hasTool, KEY_SPECS, realKeys, type RealKey } from './support/real-keys.js';

const PRIVATE_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;

/** Why today's code does not report `key`, or undefined when it does. */
function todaysMiss(key: RealKey): string | undefined {
  if (key.binary) return 'binary container: only text files are scanned';
  if (key.format.startsWith('PuTTY')) return 'no PuTTY .ppk pattern';
  if (key.format.startsWith('ssh.com')) return 'no ssh.com pattern';
  const block = PRIVATE_BLOCK.exec(key.text ?? '')?.[0] ?? '';
  const body = block.split('\n').slice(1, -1).filter((l) => l.trim() && !/^[A-Za-z-]+:/.test(l)).join('');
  // private_key.ts isKeyMaterial: a legacy encrypted (DEK-Info) body is ciphertext, which need not start with M
  if (block.includes('DEK-Info:') && !body.startsWith('M')) return 'isKeyMaterial: legacy encrypted body does not start with M';
  // tokens.ts isExampleToken: placeholder filters run over the whole block
  const low = block.toLowerCase();
  const word = PLACEHOLDER_WORDS.find((w) => low.includes(w.toLowerCase()));
  if (word) return `isExampleToken: "${word}" inside the key`;
  if (hasRepeatedRun(block)) return 'isExampleToken: run of 6 equal characters inside the key (OpenSSH: AAAAAAAAAAAB)';
  if (isSequential(block)) return 'isExampleToken: sequential run inside the key';
  return undefined;
}

const set = await realKeys();
const missing = [...new Set(KEY_SPECS.filter((s) => !hasTool(s.tool)).map((s) => s.tool))];
if (missing.length) console.warn(`secrets-real-keys: skipping the keys of ${missing.join(', ')} (not installed)`);

let reported: Set<string>;
beforeAll(async () => {
  const result = await scan({ paths: [set.dir], rules: RULES });
  reported = new Set(result.findings.filter((f) => f.ruleId === 'secrets.private_key').map((f) => f.location.file));
}, 120_000);

describe('private keys made by the real tools', () => {
  for (const spec of KEY_SPECS) {
    const key = set.keys.find((k) => k.id === spec.id);
    const name = `${spec.format}, ${spec.algorithm}: ${spec.tool} (${spec.id}) is reported`;
    if (!key) {
      it.skip(`${name} [${set.skipped.find((s) => s.id === spec.id)?.reason ?? 'not made'}]`, () => {});
      continue;
    }
    const miss = todaysMiss(key);
    (miss ? it.fails : it)(miss ? `${name} [missed today: ${miss}]` : name, () => {
      const rel = path.relative(set.dir, key.path).split(path.sep).join('/');
      expect(reported.has(rel), `${rel} is not reported`).toBe(true);
    });
  }
});
