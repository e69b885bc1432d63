/**
 * Encoded secrets (issue 21): base64 values are decoded and the token and key rules run on what they hold, up to 5
 * levels; the finding points at the encoded value, says it was encoded, and no output holds the secret, its
 * encoding, or anything longer than the redacted head.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keywordSource, nextRun, TokenDetector } from '../src/engine/check/tokens.js';
import { findingsOf } from './support/rule-tester.js';
import { RULES } from '../rules/index.js';

const TOKENS = new TokenDetector(RULES);
const findTokens = (text: string, file?: string) => TOKENS.find(text, file);

const b64 = (s: string) => Buffer.from(s).toString('base64');
const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
const GH = ['ghp_', 'N7xQ2mP9T8wZ4kL6vB3cR5yU1oI0aS9dF2gH'].join('');

describe('encoded secrets', () => {
  it('a Kubernetes Secret data: key, a kubeconfig client-key-data and a *_BASE64 variable', async () => {
    const files = {
      'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\ndata:\n  tls.key: ${b64(pem)}\n`,
      'kubeconfig': `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-key-data: ${b64(pem)}\n`,
      'deploy.env': `SA_KEY_BASE64=${b64(JSON.stringify({ type: 'service_account', private_key: pem }))}\n`,
    };
    const found = await findingsOf('secrets.private_key', files);
    expect(found.map((f) => `${f.location.file}:${f.location.startLine}`).sort()).toEqual(['deploy.env:1', 'k8s/secret.yaml:7', 'kubeconfig:6']);
    for (const f of found) {
      expect(f.message).toContain('(base64-encoded)');
      expect(JSON.stringify(f)).not.toContain(b64(pem).slice(0, 40));
      expect(JSON.stringify(f)).not.toContain(pem.split('\n')[1]);
    }
  });

  it('a token in a Docker auth, three levels deep; the finding spans the encoded value', async () => {
    const auth = b64(`deploy:${GH}`);
    const text = `{"auths":{"ghcr.io":{"auth":"${auth}"}}}`;
    const [t] = await findTokens(text);
    expect([t?.rule, t?.encoded, text.slice(t?.start, t?.end)]).toEqual(['secrets.github_token', 'base64', auth]);
    expect((await findTokens(`X=${b64(b64(b64(GH)))}`)).map((m) => m.rule)).toEqual(['secrets.github_token']);
    // The shortest encoded token read: an AWS access key id (20 characters, 28 encoded) alone in a Secret's data.
    expect((await findTokens(`data:\n  AWS_ACCESS_KEY_ID: ${b64(['AKIA', 'QX7RZ2MB4TN6WK3P'].join(''))}\n`)).map((m) => m.rule)).toEqual(['secrets.aws_access_key']);
    const found = await findingsOf('secrets.github_token', { '.docker/config.json': text });
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain(GH.slice(4, 20));
    expect(JSON.stringify(found)).not.toContain(auth);
  });

  it('a PKCS#12 container, base64 in a Kubernetes Secret, by its structure', async () => {
    const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x03, 0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]), randomBytes(300)]);
    const pfx = Buffer.concat([Buffer.from([0x30, 0x82, body.length >> 8, body.length & 0xff]), body]);
    const found = await findingsOf('secrets.private_key', { 'secret.yaml': `kind: Secret\ndata:\n  keystore.p12: ${pfx.toString('base64')}\n` });
    expect(found.map((f) => [f.location.startLine, f.message.includes('(base64-encoded)')])).toEqual([[3, true]]);
  });

  it('hex (issue 21 item 3): an even run of 40+ hex digits of one case, `0x` or not, that decodes to text', async () => {
    const hex = (t: string) => Buffer.from(t).toString('hex');
    const text = `GITHUB_TOKEN_HEX=${hex(GH)}\n`;
    const [t] = await findTokens(text);
    expect([t?.rule, t?.encoded, text.slice(t?.start, t?.end)]).toEqual(['secrets.github_token', 'hex', hex(GH)]);
    expect((await findTokens(`key = bytes.fromhex("${hex(GH).toUpperCase()}")`)).map((m) => m.encoded)).toEqual(['hex']);
    expect((await findTokens(`k: 0x${hex(GH)}`)).map((m) => m.encoded)).toEqual(['hex']);
    // Hex inside base64 inside hex: the levels nest like base64's.
    expect((await findTokens(`X=${hex(b64(hex(GH)))}`)).map((m) => m.rule)).toEqual(['secrets.github_token']);
    // Not hex: mixed case, odd length, binary content (a digest), too short.
    expect(await findTokens(`a=${hex(GH).replace(/[a-f]/, (c) => c.toUpperCase())}\nb=${hex(GH).slice(1)}\nsha256=${randomBytes(32).toString('hex')}\nc=${hex('AKIAQX7RZ2MB4TN6')}\n`)).toEqual([]);
    const found = await findingsOf('secrets.github_token', { 'deploy.env': text });
    expect(found.map((f) => f.message.includes('(hex-encoded)'))).toEqual([true]);
    expect(JSON.stringify(found)).not.toContain(GH.slice(4, 20));
  });

  it('binary base64 (hashes, images) and six levels of encoding are not read', async () => {
    const sri = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
    expect(await findTokens(`integrity: ${sri}\nX=${b64(b64(b64(b64(b64(b64(GH))))))}\n`)).toEqual([]);
  });
});

describe('the encoded-run scan', () => {
  // The loop replaced this pattern (every text file pays the scan): it must find exactly the runs the pattern found.
  const PATTERN = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g;
  const runs = (text: string) => {
    const out: [number, number][] = [];
    for (let r = nextRun(text, 0); r; r = nextRun(text, r.end)) out.push([r.start, r.end]);
    return out;
  };
  it('finds the runs the base64-run pattern matches, on random texts of run characters, padding and separators', () => {
    const char = fc.constantFrom('A', 'z', '0', '+', '/', '_', '-', '=', ' ', '.', ':', '\n', 'é');
    fc.assert(
      fc.property(fc.array(fc.oneof(char, fc.constant('Qk9Pa0VZX2xvbmdfZW5vdWdoX3J1bg')), { maxLength: 80 }), (parts) => {
        const text = parts.join('');
        expect(runs(text)).toEqual([...text.matchAll(PATTERN)].map((m) => [m.index, m.index + m[0].length]));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the keyword pass', () => {
  // The trie-shaped regex must match what the alternation of the keywords, longest first, matched.
  const escape = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keywords = ['sk-ant-api03-', 'sk-ant-admin01-', 'sk-or-v1-', 'sk_live_', 'ghp_', 'gho_', 'github_pat_', 'AKIA', 'ABIA', 'glpat-', 'glrt-', 'glrtr-', 'gl', 'g', 'xox', 'xoxb-', 'a.b', '(x)|y'];
  const trie = new RegExp(keywordSource(keywords), 'g');
  const plain = new RegExp([...keywords].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
  const all = (re: RegExp, text: string) => [...text.matchAll(re)].map((m) => [m.index, m[0]]);
  it('finds the same keywords at the same places as the plain alternation', () => {
    const piece = fc.oneof(fc.constantFrom(...keywords), fc.constantFrom(...keywords).map((k) => k.slice(0, -1)), fc.constantFrom('s', 'k', '-', 'l', 'r', 'x', ' ', '_', 'A', 'I'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(all(trie, text)).toEqual(all(plain, text));
      }),
      { numRuns: 2000 },
    );
  });
});
