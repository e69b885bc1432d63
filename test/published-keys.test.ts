/**
 * Well-known published private keys (src/lib/published-keys.ts; issue 21 items 1 and 5): the list holds only digests
 * of normalised key bodies with their public source (data/secrets/published-test-keys.json), and a key is matched
 * however it is pasted. Keys come from the real tools at test time (test/support/real-keys.ts); no key is committed.
 * A fresh key is never on the list; a key whose digest is put on a test-only list is matched in every wrapping.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPrivateKeys } from '../src/lib/private-keys.js';
import { isPublishedTestKey, keyBody, keyBodyDigest, publishedAccessKey, publishedKey, type PublishedKey } from '../src/lib/published-keys.js';
import { PUBLISHED_TEST_KEY_DIGESTS } from '../src/lib/published-test-keys.data.js';
import { hasTool, KEY_SPECS } from './support/real-keys.js';
import { ROOT } from './helpers.js';

interface Entry extends PublishedKey {
  sha256: string;
  format: string;
  repo: string;
  path: string;
  commit: string;
  url: string;
  note: string;
}
const data = JSON.parse(readFileSync(path.join(ROOT, 'data/secrets/published-test-keys.json'), 'utf8')) as { keys: Entry[] };

describe('the published-key list', () => {
  it('the detector holds exactly the digests of the data file, each with its public source', () => {
    const fromData = new Map(data.keys.map((k) => [k.sha256, { id: k.id, use: k.use }]));
    expect(new Map(PUBLISHED_TEST_KEY_DIGESTS)).toEqual(fromData);
    expect(data.keys.length).toBeGreaterThan(100);
    for (const k of data.keys) {
      expect(k.sha256, k.id).toMatch(/^[0-9a-f]{64}$/);
      expect(k.commit, k.id).toMatch(/^[0-9a-f]{40}$/);
      expect(k.url, k.id).toBe(`https://github.com/${k.repo}/blob/${k.commit}/${k.path}`);
      expect(k.note.length, k.id).toBeGreaterThan(10);
    }
  });

  it("Vagrant's insecure keys are listed for access (reported), every other source as test keys", () => {
    const access = data.keys.filter((k) => k.use === 'access');
    expect(access.map((k) => k.repo)).toEqual(access.map(() => 'hashicorp/vagrant'));
    expect(access.map((k) => k.path)).toEqual(expect.arrayContaining(['keys/vagrant', 'keys/vagrant.key.ed25519']));
    expect(data.keys.filter((k) => k.repo === 'hashicorp/vagrant' && k.use !== 'access')).toEqual([]);
  });
});

const SPECS = ['ssh-ed25519', 'ssh-rsa-pem', 'ssh-ecdsa-pkcs8', 'ppk3-ed25519', 'ppk2-rsa'];

describe('keys made by the real tools', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-published-keys-'));
  const keys: { id: string; text: string }[] = [];
  const skipped: string[] = [];
  beforeAll(async () => {
    for (const spec of KEY_SPECS.filter((s) => SPECS.includes(s.id))) {
      if (!hasTool(spec.tool)) {
        skipped.push(`${spec.id} (${spec.tool} missing)`);
        continue;
      }
      const out = path.join(dir, spec.file);
      await spec.make(dir, out);
      keys.push({ id: spec.id, text: readFileSync(out, 'latin1') });
    }
    if (skipped.length) console.warn(`published-keys: skipped ${skipped.join(', ')}`);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a fresh key is not on the published list', () => {
    expect(keys.length + skipped.length).toBe(SPECS.length);
    for (const k of keys) {
      const [block] = findPrivateKeys(k.text);
      expect(block, k.id).toBeDefined();
      const text = k.text.slice(block?.start, block?.end);
      expect(keyBodyDigest(text), k.id).toMatch(/^[0-9a-f]{64}$/);
      expect(publishedKey(text), k.id).toBeUndefined();
      expect(isPublishedTestKey(text), k.id).toBe(false);
      expect(publishedAccessKey(text), k.id).toBeUndefined();
    }
  });

  it('a key on a (test-only) list is matched however it is pasted: re-wrapped, CRLF, escaped, indented, quoted', () => {
    for (const k of keys) {
      const digest = keyBodyDigest(k.text) ?? '';
      const list = new Map<string, PublishedKey>([[digest, { id: `test/${k.id}`, use: 'test' }]]);
      const lines = k.text.trimEnd().split('\n');
      const pasted = {
        file: k.text,
        crlf: k.text.replace(/\n/g, '\r\n'),
        'json string': JSON.stringify(k.text),
        'escaped twice': JSON.stringify(JSON.stringify(k.text)),
        'yaml block': lines.map((l) => `    ${l}`).join('\n'),
        'markdown quote': lines.map((l) => `> ${l}`).join('\n'),
        'notebook lines': lines.map((l) => `    "${l}\\n",`).join('\n'),
      };
      for (const [how, text] of Object.entries(pasted)) {
        const [block] = findPrivateKeys(text);
        expect(block, `${k.id} ${how}: found`).toBeDefined();
        const found = text.slice(block?.start, block?.end);
        expect(keyBodyDigest(found), `${k.id} ${how}`).toBe(digest);
        expect(isPublishedTestKey(found, list), `${k.id} ${how}`).toBe(true);
      }
    }
  });

  it('a PEM body re-wrapped at another width, and one with a changed comment header, keep their digest', () => {
    const pem = keys.find((k) => k.id === 'ssh-rsa-pem');
    if (!pem) return;
    const body = keyBody(pem.text) ?? '';
    const rewrapped = `-----BEGIN RSA PRIVATE KEY-----\n${(body.match(/.{1,76}/g) ?? []).join('\n')}\n-----END RSA PRIVATE KEY-----\n`;
    expect(keyBodyDigest(rewrapped)).toBe(keyBodyDigest(pem.text));
    const ppk = keys.find((k) => k.id === 'ppk3-ed25519');
    if (!ppk) return;
    expect(keyBodyDigest(ppk.text.replace(/^Comment: .*$/m, 'Comment: '))).toBe(keyBodyDigest(ppk.text));
  });

  it('a changed character, an elided or a non-base64 body is not the listed key', () => {
    for (const k of keys) {
      const digest = keyBodyDigest(k.text) ?? '';
      const list = new Map<string, PublishedKey>([[digest, { id: `test/${k.id}`, use: 'test' }]]);
      const lines = k.text.split('\n');
      const i = lines.findIndex((l) => /^[A-Za-z0-9+/]{40,}$/.test(l));
      const flip = (l: string) => (l[5] === 'A' ? `${l.slice(0, 5)}B${l.slice(6)}` : `${l.slice(0, 5)}A${l.slice(6)}`);
      const changed = lines.map((l, j) => (j === i ? flip(l) : l)).join('\n');
      expect(isPublishedTestKey(changed, list), k.id).toBe(false);
      expect(keyBodyDigest(lines.map((l, j) => (j === i ? '...' : l)).join('\n')), k.id).toBeUndefined();
      expect(keyBodyDigest(lines.map((l, j) => (j === i ? '<your key here>' : l)).join('\n')), k.id).toBeUndefined();
    }
  });

  it('a published access key (Vagrant-like entry) is not an example: it is reported, with its own note', () => {
    for (const k of keys) {
      const list = new Map<string, PublishedKey>([[keyBodyDigest(k.text) ?? '', { id: `vagrant/${k.id}`, use: 'access' }]]);
      expect(isPublishedTestKey(k.text, list), k.id).toBe(false);
      expect(publishedAccessKey(k.text, list)?.id, k.id).toBe(`vagrant/${k.id}`);
    }
  });
});
