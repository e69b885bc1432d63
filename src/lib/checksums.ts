/**
 * Checksums that token formats carry, so a detector can tell a real token from a look-alike by structure. Pure.
 *   - CRC32 in base62: GitHub's 2021 token format (last 6 characters: CRC32 of the random part, base62, `0`-padded),
 *     also used by npm's `npm_` tokens (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE 802.3) of a latin1 string. */
export function crc32(s: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < s.length; i++) c = (CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` in base62 (0-9A-Za-z), left-padded with `0` to `width`. */
export function base62(n: number, width: number): string {
  let s = '';
  do {
    s = BASE62[n % 62] + s;
    n = Math.floor(n / 62);
  } while (n > 0);
  return s.padStart(width, '0');
}

/** Whether the last 6 characters of `body` are the base62 CRC32 of the rest (GitHub / npm token format). */
export function hasCrc32Base62(body: string): boolean {
  return body.length > 6 && base62(crc32(body.slice(0, -6)), 6) === body.slice(-6);
}
