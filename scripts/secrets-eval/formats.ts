/**
 * Values in each provider's real format, with cryptographically random bodies (data/secrets/token-formats.json says
 * which format and where it is documented). Checksums are computed where the format has one (GitHub/npm CRC32 in
 * base62, Synapse's CRC32, bech32 for Nostr keys); structured tokens (Discord's base64 user id, PyPI macaroons,
 * Cloudflare tunnel tokens) are built from their parts. Random bytes come from a pooled `crypto.randomBytes`, so the
 * property check can draw millions of values.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Part {
  lit?: string;
  rand?: string;
  len?: number | [number, number];
  checksum?: 'crc32-base62';
  over?: 'rand' | 'all';
  width?: number;
  gen?: string;
}

export interface TokenType {
  id: string;
  provider: string;
  category: string;
  envVar: string;
  openclawPath?: string;
  kind?: 'url';
  shell?: string;
  format: string;
  shape: 'documented' | 'prefix-documented' | 'observed';
  parts: Part[];
  sources: { url: string; says: string }[];
}

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const TOKEN_TYPES: readonly TokenType[] = (JSON.parse(readFileSync(path.join(ROOT, 'data', 'secrets', 'token-formats.json'), 'utf8')) as { types: TokenType[] }).types;

const UP = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LO = 'abcdefghijklmnopqrstuvwxyz';
const DIG = '0123456789';
export const ALPHABETS: Record<string, string> = {
  base62: DIG + UP + LO,
  'lower-alnum': LO + DIG,
  'upper-alnum': UP + DIG,
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  digits: DIG,
  'digits-nonzero': '123456789',
  letters: UP + LO,
  base64: UP + LO + DIG + '+/',
  base64url: UP + LO + DIG + '-_',
  base32: UP + '234567',
  'entra-secret': UP + LO + DIG + '_~.-',
};

let pool = Buffer.alloc(0);
let at = 0;
let seeded: { seed: string; block: number } | undefined;
/**
 * Draws from a deterministic stream (SHA-256 of `seed:block`) instead of `crypto.randomBytes`, so a test's values
 * are the same on every run; `undefined` goes back to crypto-random. UUID parts (`randomUUID`) stay random.
 */
export function seedRandom(seed: string | undefined): void {
  seeded = seed === undefined ? undefined : { seed, block: 0 };
  pool = Buffer.alloc(0);
  at = 0;
}
function byte(): number {
  if (at >= pool.length) {
    pool = seeded ? createHash('sha256').update(`${seeded.seed}:${seeded.block++}`).digest() : randomBytes(1 << 16);
    at = 0;
  }
  return pool[at++] as number;
}
function bytes(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = byte();
  return b;
}
/** Uniform integer in [0, n), n ≤ 256, by rejection sampling. */
function below(n: number): number {
  const limit = 256 - (256 % n);
  for (;;) {
    const b = byte();
    if (b < limit) return b % n;
  }
}
export function randomString(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[below(alphabet.length)];
  return s;
}
const lengthOf = (len: Part['len']) => (Array.isArray(len) ? len[0] + below(len[1] - len[0] + 1) : (len ?? 0));

// CRC-32 written here independently of src/lib/checksums.ts on purpose: the generator is the oracle the detector's
// checksum test is measured against, so it must not share the detector's code (a shared bug would pass unseen).
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
export function crc32(s: string | Buffer): number {
  const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
  let c = 0xffffffff;
  for (const x of b) c = (CRC_TABLE[(c ^ x) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** Base62 (0-9A-Za-z), left-padded with 0 to `width`. */
export function base62(n: number, width: number): string {
  const A = ALPHABETS.base62 as string;
  let s = '';
  do {
    s = A[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function bech32Polymod(values: number[]): number {
  const G = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk ^= G[i] as number;
  }
  return chk;
}
/** BIP-173 bech32 of `data` (8-bit bytes) under `hrp`. */
export function bech32(hrp: string, data: Buffer): string {
  const words: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const x of data) {
    acc = (acc << 8) | x;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      words.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) words.push((acc << (5 - bits)) & 31);
  const expand = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const mod = bech32Polymod([...expand, ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => BECH32[w]).join('')}`;
}

/** A PyPI token: `pypi-` + base64url of a macaroon in libmacaroons' v2 binary format. */
function pypiMacaroon(): string {
  const field = (type: number, data: Buffer) => Buffer.concat([Buffer.from([type, data.length]), data]);
  const EOS = Buffer.from([0]);
  const caveat = Buffer.from(JSON.stringify({ version: 1, permissions: { projects: [`openclaw-${randomString(ALPHABETS['lower-alnum'] as string, 6)}`] } }));
  const mac = Buffer.concat([
    Buffer.from([2]),
    field(1, Buffer.from('pypi.org')),
    field(2, Buffer.from(randomUUID())),
    EOS,
    field(2, caveat),
    EOS,
    EOS,
    field(6, bytes(32)),
  ]);
  return `pypi-${mac.toString('base64url')}`;
}

function discordBotToken(): string {
  const id = `${randomString('123456789', 1)}${randomString(DIG, 16 + below(3))}`;
  const b64 = ALPHABETS.base64url as string;
  return `${Buffer.from(id).toString('base64url')}.${randomString(b64, 6)}.${randomString(b64, 38)}`;
}

function cloudflareTunnelToken(): string {
  const json = JSON.stringify({ a: randomString(ALPHABETS.hex as string, 32), t: randomUUID(), s: bytes(32).toString('base64') });
  return Buffer.from(json).toString('base64');
}

const GENERATORS: Record<string, () => string> = {
  'discord-bot-token': discordBotToken,
  'pypi-macaroon': pypiMacaroon,
  'nostr-nsec': () => bech32('nsec', bytes(32)),
  'cloudflare-tunnel-token': cloudflareTunnelToken,
  uuid: () => randomUUID(),
  // Synapse's unpadded base64 of the user's localpart
  'matrix-localpart': () => Buffer.from(`openclaw-${randomString(LO, 4)}`).toString('base64').replace(/=+$/, ''),
};

/** One fresh value of `type`, in its real format. */
export function generate(type: TokenType): string {
  let out = '';
  let rand = '';
  for (const p of type.parts) {
    if (p.lit !== undefined) out += p.lit;
    else if (p.rand === 'base64-bytes') {
      const s = bytes(lengthOf(p.len)).toString('base64');
      out += s;
      rand += s;
    } else if (p.rand !== undefined) {
      const alphabet = ALPHABETS[p.rand];
      if (!alphabet) throw new Error(`${type.id}: unknown alphabet ${p.rand}`);
      const s = randomString(alphabet, lengthOf(p.len));
      out += s;
      rand += s;
    } else if (p.checksum === 'crc32-base62') out += base62(crc32(p.over === 'all' ? out : rand), p.width ?? 6);
    else if (p.gen !== undefined) {
      const g = GENERATORS[p.gen];
      if (!g) throw new Error(`${type.id}: unknown generator ${p.gen}`);
      out += g();
    } else throw new Error(`${type.id}: empty part`);
  }
  return out;
}
