/**
 * Every private-key format the real tools write (test/support/real-keys.ts: ssh-keygen, openssl, gpg, puttygen,
 * keytool), scanned as the files people commit: each must be reported by `secrets.private_key`.
 *
 * The formats listed in KNOWN_MISSES are not reported today (issue 21; root causes in docs/secrets-evaluation.md):
 * they run as `it.fails`, so this file passes while they are missed and fails the day one is caught, which is the
 * signal to move it out of the list. A key whose tool is not installed is skipped with the tool's name.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import { hasTool, KEY_SPECS, realKeys, type RealKeySet } from './support/real-keys.js';

/** Key ids not reported today, with the reason (the source of each is in docs/secrets-evaluation.md). */
const KNOWN_MISSES: Record<string, string> = {
  'ssh-rsa': 'OpenSSH body holds AAAAAAAAAAAB: isExampleToken repeated-run filter',
  'ssh-ecdsa-256': 'OpenSSH body: repeated-run filter',
  'ssh-ecdsa-384': 'OpenSSH body: repeated-run filter',
  'ssh-ecdsa-521': 'OpenSSH body: repeated-run filter',
  'ssh-ed25519': 'OpenSSH body: repeated-run filter',
  'ssh-dsa': 'OpenSSH body: repeated-run filter',
  'ssh-rsa-pem-enc': 'DEK-Info body does not start with M: isKeyMaterial',
  'ssh-ecdsa-pem-enc': 'DEK-Info body: isKeyMaterial',
  'openssl-rsa-dek': 'DEK-Info body: isKeyMaterial',
  'openssl-ec-dek': 'DEK-Info body: isKeyMaterial',
  'ppk3-rsa': 'no PuTTY pattern',
  'ppk3-ed25519': 'no PuTTY pattern',
  'ppk3-rsa-enc': 'no PuTTY pattern',
  'ppk2-rsa': 'no PuTTY pattern',
  'ppk2-ecdsa-enc': 'no PuTTY pattern',
  'sshcom-rsa': 'no ssh.com pattern',
  'sshcom-rsa-enc': 'no ssh.com pattern',
  'sshcom-dsa': 'no ssh.com pattern',
  'openssl-pkcs12-p12': 'binary file: skipped by the scanner',
  'openssl-pkcs12-pfx': 'binary file: skipped by the scanner',
  'keytool-jks': 'binary file: skipped by the scanner',
};

let set: RealKeySet;
let reported: Set<string>;

beforeAll(async () => {
  set = await realKeys();
  const result = await scan({ paths: [set.dir], rules: RULES });
  reported = new Set(result.findings.filter((f) => f.ruleId === 'secrets.private_key').map((f) => f.location.file));
}, 300_000);

const missing = [...new Set(KEY_SPECS.filter((s) => !hasTool(s.tool)).map((s) => s.tool))];
if (missing.length) console.warn(`secrets-real-keys: skipping the keys of ${missing.join(', ')} (not installed)`);

describe('private keys made by the real tools', () => {
  it('every key of the list is known (KNOWN_MISSES names real ids)', () => {
    const ids = new Set(KEY_SPECS.map((s) => s.id));
    expect(Object.keys(KNOWN_MISSES).filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const spec of KEY_SPECS) {
    const name = `${spec.format}, ${spec.algorithm}: ${spec.tool} (${spec.id}) is reported`;
    const test = it.skipIf(!hasTool(spec.tool));
    (KNOWN_MISSES[spec.id] ? test.fails : test)(name, (ctx) => {
      const key = set.keys.find((k) => k.id === spec.id);
      if (!key) return ctx.skip(set.skipped.find((s) => s.id === spec.id)?.reason ?? 'not made');
      const rel = path.relative(set.dir, key.path).split(path.sep).join('/');
      expect(reported.has(rel), `${rel} is not reported`).toBe(true);
    });
  }
});
