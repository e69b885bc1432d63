/**
 * `secrets.private_key` on keys as people paste them: real keys (node:crypto) escaped once or twice in JSON and
 * `.env` strings, one JSON string per line in a notebook, indented in YAML; and what is documentation, not a key:
 * elided bodies, bodies that are not the format's structure. The keys made by the real tools (ssh-keygen, openssl,
 * gpg, puttygen, keytool) are in test/secrets-real-keys.test.ts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { binaryKeyContainer, findPrivateKeys, isDerSequence } from '../../../src/lib/private-keys.js';
import { catches, passes } from '../../support/rule-tester.js';
import { keyBodyDigest } from '../../../src/lib/published-keys.js';
import { PUBLISHED_TEST_KEY_DIGESTS } from '../../../src/lib/published-test-keys.data.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const lines = (pem: string) => pem.trim().split('\n');

describe('secrets.private_key: carriers', () => {
  it('finds a key `\\n`-escaped in JSON, and escaped twice in a .env value', async () => {
    const once = JSON.stringify({ private_key: ec });
    await catches('secrets.private_key', { 'sa.json': once, 'app.env': `SA_JSON=${JSON.stringify(once)}\n` }, ['app.env:1', 'sa.json:1']);
  });

  it('finds a key written one JSON string per line (a notebook cell) and in a YAML block', async () => {
    const cell = JSON.stringify({ cells: [{ cell_type: 'code', source: lines(rsa).map((l) => `${l}\n`) }] }, null, 1);
    const yaml = `tls:\n  key: |\n${lines(ed).map((l) => `    ${l}`).join('\n')}\n`;
    await catches('secrets.private_key', { 'nb.ipynb': cell, 'values.yaml': yaml }, ['nb.ipynb:6', 'values.yaml:3']);
  });
});

describe('secrets.private_key: documentation', () => {
  it('passes elided and invented bodies', async () => {
    const body = lines(rsa).slice(1, -1);
    await passes('secrets.private_key', {
      'elided.md': `-----BEGIN RSA PRIVATE KEY-----\n${body[0]}\n...\n${body[body.length - 1]}\n-----END RSA PRIVATE KEY-----\n`,
      'invented.md': `-----BEGIN PRIVATE KEY-----\nMII${'x'.repeat(120)}\n-----END PRIVATE KEY-----\n`,
      'openssh.md': `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
      'putty.md': 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\nPublic-Lines: 2\n...\nPrivate-Lines: 1\n<your key>\n',
    });
  });

  it('a truncated DER body is not a key (the length it declares is the body\'s)', () => {
    const der = Buffer.from(lines(ec).slice(1, -1).join(''), 'base64');
    expect(isDerSequence(der)).toBe(true);
    expect(isDerSequence(der.subarray(0, der.length - 8))).toBe(false);
    expect(findPrivateKeys(lines(ec).filter((_, i) => i !== 2).join('\n'))).toEqual([]);
    expect(findPrivateKeys(ec)).toHaveLength(1);
  });

  it('a binary file that is not a key container stays binary', () => {
    expect(binaryKeyContainer(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toBeUndefined();
    // A JKS truststore (certificate entries only, tag 2) holds no private key.
    const alias = Buffer.from('ca');
    const certType = Buffer.from('X.509');
    const jks = Buffer.concat([
      Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, alias.length]), alias, Buffer.alloc(8),
      Buffer.from([0, certType.length]), certType, Buffer.from([0, 0, 0, 4, 1, 2, 3, 4]), Buffer.alloc(20),
    ]);
    expect(binaryKeyContainer(jks)).toBeUndefined();
    jks.writeUInt32BE(1, 12);
    expect(binaryKeyContainer(jks)).toBe('Java KeyStore');
  });
});

describe('secrets.private_key: published keys (src/lib/published-keys.ts)', () => {
  // The list holds digests of public keys only, so the test puts a fresh key's digest on it for the test's duration.
  const digests = PUBLISHED_TEST_KEY_DIGESTS as Map<string, { id: string; use: 'test' | 'access' }>;
  const fresh = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const digest = keyBodyDigest(fresh) as string;

  it('a published test key is an example, however it is pasted', async () => {
    digests.set(digest, { id: 'example/test_key', use: 'test' });
    try {
      await passes('secrets.private_key', { 'test/key.pem': fresh, 'app.env': `KEY=${JSON.stringify(fresh)}\n` });
    } finally {
      digests.delete(digest);
    }
    await catches('secrets.private_key', { 'test/key.pem': fresh }, ['test/key.pem:1']);
  });

  it('a published access key is reported, and says what fixes it', async () => {
    digests.set(digest, { id: 'vagrant/insecure', use: 'access' });
    try {
      const [f] = await catches('secrets.private_key', { 'keys/id_ed25519': fresh }, ['keys/id_ed25519:1']);
      expect(f?.message).toContain('publicly published vagrant insecure key');
    } finally {
      digests.delete(digest);
    }
  });
});
