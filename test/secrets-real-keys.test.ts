/**
 * Every private-key format the real tools write (test/support/real-keys.ts: ssh-keygen, openssl, gpg, puttygen,
 * keytool), scanned as the files people commit: each must be reported by `secrets.private_key`.
 *
 * Every key is recognised by its structure (src/lib/private-keys.ts), whatever its random bytes hold; binary
 * containers (PKCS#12, JKS) through the read stage's key-container search. A key whose tool is not installed is
 * skipped, with the tool's name.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import { hasTool, KEY_SPECS, realKeys } from './support/real-keys.js';

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
    it(name, () => {
      const rel = path.relative(set.dir, key.path).split(path.sep).join('/');
      expect(reported.has(rel), `${rel} is not reported`).toBe(true);
    });
  }
});
