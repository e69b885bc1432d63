/** dotenvx and sops encrypted values are references, not plaintext secrets (src/lib/encrypted-reference.ts). */
import { describe, expect, it } from 'vitest';
import { isEncryptedReference } from '../src/lib/encrypted-reference.js';
import { isReference } from '../src/lib/variables.js';
import { findingsOf } from './support/rule-tester.js';

// Shapes only: generated fakes, not real ciphertexts.
const DOTENVX = `encrypted:${'BDqDBibm4wsYqMpCjTQ6BsDHmMadg9K3dAt+Z9HPMfLEIRVz50hmLXPXRuDBXaJi/LwWYEVUNiq0HISrslzQPaoyS8Lotg3gFWJTsNCdOWnqpjF2xNUX2RQiP05kAbEXM6MWVjDr'.slice(0, 120)}`;
const SOPS = 'ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:k3hBpKLeE0kUGjOpwUS1rw==,type:str]';

describe('encrypted references', () => {
  it('recognises dotenvx and sops values', () => {
    expect(isEncryptedReference(DOTENVX)).toBe(true);
    expect(isEncryptedReference(` ${SOPS} `)).toBe(true);
    expect(isReference(DOTENVX)).toBe(true);
    expect(isReference(SOPS)).toBe(true);
  });

  it('does not take plaintext or truncated shapes for one', () => {
    expect(isEncryptedReference('encrypted:short')).toBe(false);
    expect(isEncryptedReference('encrypted: not base64 at all, just words that go on and on and on and on and on')).toBe(false);
    expect(isEncryptedReference('ENC[AES256_GCM,data:abc]')).toBe(false);
    expect(isEncryptedReference('sk-ant-api03-gatewardenTESTvalue')).toBe(false);
  });

  it('leaves a committed dotenvx file without secret findings on its values', async () => {
    const found = await findingsOf('dotenv.committed', { '.env': `DOTENV_PUBLIC_KEY="03f8b2c4d1e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2"\nOPENCLAW_GATEWAY_TOKEN="${DOTENVX}"\nANTHROPIC_API_KEY="${SOPS}"\n` });
    expect(found.map((f) => f.severity)).not.toContain('high');
  });
});
