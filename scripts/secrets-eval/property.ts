/**
 * `eval:secrets --property N`: N fresh values per token type in its real format (formats.ts), and N private keys
 * per key layout, planted in a neutral carrier and scanned in memory (`scan({ blobs })`, 400 files per call, 90
 * token values or 50 keys per file: the engine keeps at most 100 findings per rule and file). A value no `secrets.*`
 * finding covers is a drop; each drop is attributed to every filter that matches it (src/lib/placeholders.ts, the
 * generic rule's value tests), so the table says why, not only how many. `onRow` hands each row over as soon as its
 * type is done: a 100,000-per-type run is long on a shared machine, and what is measured is kept if it is stopped.
 *
 * Keys: Ed25519 and EC keys are real (node:crypto) in OpenSSH, PKCS#8 and SEC1 containers; RSA keys carry random
 * integers of the right sizes in the exact PKCS#1 / PKCS#8 / OpenSSH layout (generating 100,000 RSA keys is not
 * affordable, and a text scanner never checks the maths: it sees the container and random-looking bytes).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { RULES } from '../../rules/index.js';
import { isHighEntropy } from '../../src/lib/entropy.js';
import { dominantRun, isPlaceholder, isSequential, namesItself, PLACEHOLDER_WORDS, typedWords } from '../../src/lib/placeholders.js';
import { TokenDetector } from '../../src/engine/check/tokens.js';
import { scan } from '../../src/engine/scan.js';
import { generate, TOKEN_TYPES } from './formats.js';

export interface PropertyRow {
  id: string;
  group: 'token' | 'key';
  n: number;
  dropped: number;
  /** Why the dropped values were dropped: filter → count (a value may match several). */
  reasons: Map<string, number>;
  /** Wall time of this row (generating, planting, scanning), milliseconds. */
  ms: number;
}

// ---------- key containers ----------

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const sshString = (b: Buffer | string) => {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([u32(buf.length), buf]);
};
const mpint = (b: Buffer) => sshString(b[0] !== undefined && b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
/** Random unsigned integer of `bytes` bytes with the top bit set (a modulus / prime of that size). */
const bigRandom = (bytes: number) => {
  const b = randomBytes(bytes);
  b[0] = (b[0] as number) | 0x80;
  return b;
};

function derLen(n: number): Buffer {
  if (n < 128) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x >>= 8) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const der = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), derLen(body.length), body]);
const derInt = (b: Buffer) => der(0x02, b[0] !== undefined && b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const pem = (label: string, body: Buffer, width = 64) => `-----BEGIN ${label}-----\n${(body.toString('base64').match(new RegExp(`.{1,${width}}`, 'g')) ?? []).join('\n')}\n-----END ${label}-----\n`;

function pkcs1Rsa(bits: number): Buffer {
  const n = bits / 8;
  return der(0x30, Buffer.concat([derInt(Buffer.from([0])), derInt(bigRandom(n)), derInt(Buffer.from([1, 0, 1])), derInt(bigRandom(n)), ...Array.from({ length: 5 }, () => derInt(bigRandom(n / 2)))]));
}
const RSA_OID = Buffer.from('06092a864886f70d0101010500', 'hex'); // rsaEncryption, NULL
const pkcs8 = (algorithm: Buffer, key: Buffer) => der(0x30, Buffer.concat([derInt(Buffer.from([0])), der(0x30, algorithm), der(0x04, key)]));

/** OpenSSH's "openssh-key-v1" container, unencrypted (PROTOCOL.key), with `pub` / `priv` sections of one key. */
function openssh(pub: Buffer, priv: Buffer): string {
  const check = randomBytes(4);
  let section = Buffer.concat([check, check, priv, sshString('gatewarden@property')]);
  const pad: number[] = [];
  for (let i = 1; (section.length + pad.length) % 8 !== 0; i++) pad.push(i);
  section = Buffer.concat([section, Buffer.from(pad)]);
  const body = Buffer.concat([Buffer.from('openssh-key-v1\0'), sshString('none'), sshString('none'), sshString(''), u32(1), sshString(pub), sshString(section)]);
  return pem('OPENSSH PRIVATE KEY', body, 70);
}

function opensshRsa(bits: number): string {
  const n = bigRandom(bits / 8);
  const e = Buffer.from([1, 0, 1]);
  const pub = Buffer.concat([sshString('ssh-rsa'), mpint(e), mpint(n)]);
  const priv = Buffer.concat([sshString('ssh-rsa'), mpint(n), mpint(e), mpint(bigRandom(bits / 8)), mpint(bigRandom(bits / 16)), mpint(bigRandom(bits / 16)), mpint(bigRandom(bits / 16))]);
  return openssh(pub, priv);
}

function opensshEd25519(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { d: string; x: string };
  const seed = Buffer.from(jwk.d, 'base64url');
  const pk = Buffer.from(jwk.x, 'base64url');
  const pub = Buffer.concat([sshString('ssh-ed25519'), sshString(pk)]);
  const priv = Buffer.concat([sshString('ssh-ed25519'), sshString(pk), sshString(Buffer.concat([seed, pk]))]);
  return openssh(pub, priv);
}

export const KEY_LAYOUTS: Record<string, () => string> = {
  'OpenSSH Ed25519 (real)': opensshEd25519,
  'OpenSSH RSA 3072 (layout)': () => opensshRsa(3072),
  'PKCS#1 RSA 2048 (layout)': () => pem('RSA PRIVATE KEY', pkcs1Rsa(2048)),
  'PKCS#1 RSA 4096 (layout)': () => pem('RSA PRIVATE KEY', pkcs1Rsa(4096)),
  'PKCS#8 RSA 2048 (layout)': () => pem('PRIVATE KEY', pkcs8(RSA_OID, pkcs1Rsa(2048))),
  'PKCS#8 Ed25519 (real)': () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  'SEC1 P-256 (real)': () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'sec1' }) as string,
};

// ---------- the check ----------

const PLACEHOLDER_WORD_SET = new Set(PLACEHOLDER_WORDS);
/** The detector a scan builds from the registry, for the generic rule's keyword test. */
const DETECTOR = new TokenDetector(RULES);

function reasons(value: string, group: 'token' | 'key'): string[] {
  const out = typedWords(value).filter((w) => PLACEHOLDER_WORD_SET.has(w)).map((w) => `placeholder word "${w}"`);
  if (dominantRun(value)) out.push('filler run (6+, a quarter of the value)');
  if (isSequential(value)) out.push('sequential run');
  if (group === 'key') return out.length ? out : ['no rule: pattern or structure'];
  // the generic rule's own value tests (rules/secrets/generic.ts), for types only it can catch
  if (namesItself(value)) out.push('generic: names itself (typed word)');
  if (DETECTOR.mentionsKeyword(value)) out.push("generic: holds a provider's keyword anywhere (mentionsKeyword)");
  if (isPlaceholder(value)) out.push('generic: whole-value placeholder (isPlaceholder)');
  if (/\.(pem|key|crt|cer|pub|json|ya?ml|txt|env|p12|pfx|der|jks|html?|js|ts|png|svg)$/i.test(value)) out.push('generic: ends like a file name');
  if (!/[0-9]/.test(value)) out.push('generic: no digit');
  if (!isHighEntropy(value)) out.push('generic: entropy under threshold');
  if (value.includes('/') && (value.match(/[0-9]/g)?.length ?? 0) <= 2) out.push('generic: "/" with ≤ 2 digits (path/model-id filter)');
  if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(value)) out.push('generic: UUID');
  if (!namesItself(value) && /secret|passw|fake|dummy|stub|placeholder/i.test(value)) out.push('generic: self-describing word as a substring (namesItself not wired)');
  if (value.length > 150) out.push('generic: longer than 150');
  return out.length ? out : ['no rule: pattern or name'];
}

const PER_FILE = 90;
/**
 * Keys per file: a bundle of PEM blocks, as a `.pem` with several keys is. One key per file cost a file's whole
 * pass through the engine per key (2 ms); 50 per file make 100,000 keys per layout affordable. Under the engine's
 * cap of 100 findings per rule and file.
 */
const KEYS_PER_FILE = 50;

async function measure(id: string, group: 'token' | 'key', n: number, make: () => string, line: (v: string) => string, onProgress?: (s: string) => void): Promise<PropertyRow> {
  const started = performance.now();
  const row: PropertyRow = { id, group, n, dropped: 0, reasons: new Map(), ms: 0 };
  const CHUNK = 400; // files per scan call
  for (let done = 0; done < n; ) {
    const files = new Map<string, Buffer>();
    const planted = new Map<string, { value: string; start: number; end: number }[]>();
    for (let f = 0; f < CHUNK && done < n; f++) {
      const name = group === 'key' ? `k/${done}.pem` : `t/${done}/.env`;
      const per = Math.min(group === 'key' ? KEYS_PER_FILE : PER_FILE, n - done);
      let text = '';
      const list: { value: string; start: number; end: number }[] = [];
      for (let i = 0; i < per; i++, done++) {
        const value = make();
        const l = line(value);
        const at = l.indexOf(value);
        const startLine = text.split('\n').length;
        const endLine = startLine + l.slice(0, at + value.length).split('\n').length - 1;
        list.push({ value, start: startLine, end: endLine });
        text += `${l}\n`;
      }
      files.set(name, Buffer.from(text));
      planted.set(name, list);
    }
    const result = await scan({ paths: [], rules: RULES, blobs: { base: '/property', files } });
    const hits = new Map<string, [number, number][]>();
    for (const f of result.findings) if (f.ruleId.startsWith('secrets.')) hits.set(f.location.file, [...(hits.get(f.location.file) ?? []), [f.location.startLine, f.location.endLine]]);
    for (const [file, list] of planted) {
      const h = hits.get(file) ?? [];
      for (const p of list) {
        if (h.some(([a, b]) => a <= p.end && p.start <= b)) continue;
        row.dropped++;
        for (const r of reasons(p.value, group)) row.reasons.set(r, (row.reasons.get(r) ?? 0) + 1);
      }
    }
    onProgress?.(`${id}: ${done}/${n}`);
  }
  row.ms = Math.round(performance.now() - started);
  return row;
}

/** Runs the property check: every token type, then every key layout. */
export async function propertyCheck(n: number, opts: { types?: string[]; keys?: boolean; onProgress?: (s: string) => void; onRow?: (row: PropertyRow) => void } = {}): Promise<PropertyRow[]> {
  const rows: PropertyRow[] = [];
  const add = (row: PropertyRow) => {
    rows.push(row);
    opts.onRow?.(row);
  };
  for (const t of TOKEN_TYPES) {
    if (opts.types && !opts.types.includes(t.id)) continue;
    add(await measure(t.id, 'token', n, () => generate(t), (v) => `${t.envVar}=${v}`, opts.onProgress));
  }
  if (opts.keys !== false) {
    for (const [id, make] of Object.entries(KEY_LAYOUTS)) {
      if (opts.types && !opts.types.includes(id)) continue;
      add(await measure(id, 'key', n, make, (v) => v.trimEnd(), opts.onProgress));
    }
  }
  return rows;
}
