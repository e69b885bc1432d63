/**
 * Building blocks of token rules' samples (src/model/token.ts `samples`): alphabets and the structures some formats
 * wrap their random part in. Samples are built at test time from seeded random characters, never written out.
 */
import type { SampleRandom } from '../../src/model/token.js';
import { base62, crc32 } from '../../src/lib/checksums.js';

export const DIGITS = '0123456789';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** base64url's alphabet (`-`, `_`). */
export const URLSAFE = `${ALNUM}-_`;
export const BASE64 = `${ALNUM}+/`;
/** RFC 4648 base32 (AWS key ids). */
export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A random UUID (version 4 layout). */
export const uuid = (r: SampleRandom): string => `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)}`;

/** base64 of a JSON value. */
export const base64Json = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');

/** `prefix` + `body` + the base62 CRC32 of `body` (GitHub's 2021 token format, npm's). */
export const withCrc32 = (prefix: string, body: string): string => `${prefix}${body}${base62(crc32(body), 6)}`;

/** A PEM block of `label` with a base64 body, wrapped at 64 columns. */
export function pem(label: string, body: string): string {
  const dashes = '-----';
  return [`${dashes}BEGIN ${label}${dashes}`, ...(body.match(/.{1,64}/g) ?? []), `${dashes}END ${label}${dashes}`].join('\n');
}
