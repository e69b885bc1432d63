/**
 * File names as git and the file system give them: bytes, not always UTF-8. A name is shown (and identified in
 * every report) as its UTF-8 text with each byte that is not part of valid UTF-8 written as `\xhh` (lowercase
 * hex), so `k\xff.txt` is the file whose name is the bytes 6b ff 2e 74 78 74; the SARIF reporter turns those back
 * into percent-encoded bytes (report/escape.ts `sarifUri`). A lossy decode (U+FFFD) named a file that does not
 * exist, which was then skipped without a word (security review, B1a).
 */

/** Length of the valid UTF-8 sequence starting at `i`, or 0 when the byte there does not start one. */
function sequenceLength(buf: Uint8Array, i: number): number {
  const b = buf[i] ?? 0;
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const c = buf[i + k];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    // No overlong forms (E0 80..9F) and no surrogates (ED A0..BF).
    const ok = b === 0xe0 ? cont(1, 0xa0) : b === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return ok && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const ok = b === 0xf0 ? cont(1, 0x90) : b === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return ok && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** A name's bytes as text: UTF-8 where valid, each other byte as `\xhh`. */
export function displayName(buf: Buffer): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < buf.length) {
    const n = sequenceLength(buf, i);
    if (n) {
      i += n;
      continue;
    }
    out += buf.toString('utf8', start, i) + `\\x${(buf[i] ?? 0).toString(16).padStart(2, '0')}`;
    i++;
    start = i;
  }
  return out + buf.toString('utf8', start, i);
}

/** Whether the bytes are valid UTF-8 throughout (the name needs no `\xhh`). */
export function isUtf8Name(buf: Buffer): boolean {
  for (let i = 0; i < buf.length; ) {
    const n = sequenceLength(buf, i);
    if (!n) return false;
    i += n;
  }
  return true;
}

/** The NUL-separated names of `git … -z` output, each as its text and, when it is not UTF-8, its bytes. */
export function splitNames(out: Buffer): { name: string; bytes?: Buffer }[] {
  const names: { name: string; bytes?: Buffer }[] = [];
  let start = 0;
  for (let i = out.indexOf(0); i >= 0; i = out.indexOf(0, start)) {
    if (i > start) names.push(nameOf(out.subarray(start, i)));
    start = i + 1;
  }
  if (start < out.length) names.push(nameOf(out.subarray(start)));
  return names;
}

function nameOf(buf: Buffer): { name: string; bytes?: Buffer } {
  return isUtf8Name(buf) ? { name: buf.toString('utf8') } : { name: displayName(buf), bytes: Buffer.from(buf) };
}
