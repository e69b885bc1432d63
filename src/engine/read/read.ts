/**
 * Reads one discovered file, or says why it was passed over (too large, binary, unreadable, a link).
 *
 * Synchronous on purpose: a scan reads thousands of small files that are almost always in the page cache, and
 * each async fs call would be a round trip through libuv's thread pool (docs/performance.md#synchronous-reads).
 * One open with O_NOFOLLOW (a symlink is refused by the kernel, no lstat/open race) and O_NONBLOCK (a FIFO cannot
 * block the scan), then fstat and one read of exactly the file's size.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { formatBytes } from '../../lib/format.js';
import { binaryKeyContainer, binaryKeyText } from '../../lib/private-keys.js';
import type { Note } from '../../model/finding.js';
import type { DiscoveredFile } from '../discover/discover.js';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
const SNIFF = 8000;
// Windows has neither flag (undefined → 0): there a link is caught by lstat before the open instead.
const NOFOLLOW: number = constants.O_NOFOLLOW ?? 0;
const OPEN_FLAGS = constants.O_RDONLY | NOFOLLOW | (constants.O_NONBLOCK ?? 0);

export type ReadResult = { ok: true; text: string; bytes: number } | { ok: false; note: Note | undefined };

const unreadable = (file: string, err: unknown): ReadResult => ({
  ok: false,
  note: { level: 'warning', code: 'skipped.unreadable', message: `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, file },
});

/**
 * `textKind`: the classifier knows the file by its name as a text format (`.env`, compose, a config): it is
 * decoded as text even with a NUL byte in it, which would otherwise make it "binary" and unscanned (B1b).
 */
export async function readText(f: DiscoveredFile, maxFileSize: number, textKind = false): Promise<ReadResult> {
  if (f.bytes) return f.bytes.length > maxFileSize ? { ok: false, note: tooLarge(f.path, f.bytes.length, maxFileSize) } : decode(f.bytes, f.path, textKind);
  let fd: number;
  // A name that is not UTF-8 is opened by its bytes (a worker gets them as a plain Uint8Array).
  const where = f.absBytes ? Buffer.from(f.absBytes) : f.abs;
  try {
    if (!NOFOLLOW && lstatSync(where).isSymbolicLink()) throw Object.assign(new Error('symbolic link'), { code: 'ELOOP' });
    fd = openSync(where, OPEN_FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Tracked in git but deleted from the work tree: nothing to scan, nothing to say.
    if (code === 'ENOENT') return { ok: false, note: undefined };
    if (code === 'ELOOP') return { ok: false, note: { level: 'info', code: 'skipped.symlink', message: 'symbolic link not followed', file: f.path } };
    return unreadable(f.path, err);
  }
  try {
    const st = fstatSync(fd);
    // A directory here is a submodule's work tree (a gitlink in the index): said, never skipped silently.
    if (st.isDirectory()) return { ok: false, note: { level: 'warning', code: 'skipped.submodule', message: 'a git submodule: its files are not scanned (scan its repository on its own)', file: f.path } };
    if (!st.isFile()) return { ok: false, note: { level: 'warning', code: 'skipped.special', message: 'not a regular file (FIFO, socket or device): not scanned', file: f.path } };
    if (st.size > maxFileSize) return { ok: false, note: tooLarge(f.path, st.size, maxFileSize) };
    const buf = readBuffer(st.size);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break; // shrank while we read: scan what is there
      n += got;
    }
    return decode(n === buf.length ? buf : buf.subarray(0, n), f.path, textKind);
  } catch (err) {
    return unreadable(f.path, err);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(file: string, size: number, maxFileSize: number): Note {
  return { level: 'warning', code: 'skipped.too_large', message: `file is ${formatBytes(size)}, above the ${formatBytes(maxFileSize)} limit (raise max-file-size in .gatewarden.yml to scan it)`, file };
}

/**
 * One buffer for every read up to SCRATCH_MAX bytes: decoding copies the bytes into a string, so the buffer is free
 * again as soon as `decode` returns. A fresh buffer per file (thousands per scan, outside the JS heap) was freed
 * only when the garbage collector got to it, and the churn kept the process's resident memory high.
 */
const SCRATCH_MAX = 1024 * 1024;
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

function readBuffer(size: number): Buffer {
  if (size > SCRATCH_MAX) return Buffer.allocUnsafeSlow(size);
  if (size > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX, 2 ** Math.ceil(Math.log2(size))));
  return scratch.subarray(0, size);
}

/**
 * Bytes → text. A UTF-16 byte-order mark (Windows tools write these) is honoured before the binary sniff, whose
 * NUL test would otherwise skip every UTF-16 file, but only when the rest really is UTF-16 (utf16Text): two
 * bytes `FF FE` in front of UTF-8 must not turn a key into CJK characters (B1c). A UTF-8 BOM is dropped so
 * columns match what editors show. Invalid UTF-8 (Latin-1, truncated sequences) decodes to U+FFFD: the text
 * around it is still scanned. `textKind`: a NUL byte does not make the file binary (readText).
 */
export function decode(buf: Buffer, file: string, textKind = false): ReadResult {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    const text = utf16Text(buf);
    if (text !== undefined) return { ok: true, text, bytes: buf.length };
    return { ok: true, text: buf.toString('utf8'), bytes: buf.length };
  }
  if (!textKind && buf.subarray(0, SNIFF).includes(0)) return binaryKeySearch(buf) ?? { ok: false, note: { level: 'info', code: 'skipped.binary', message: 'binary file', file } };
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return { ok: true, text: buf.toString('utf8', bom), bytes: buf.length };
}

/**
 * The text of a buffer that starts with a UTF-16 byte-order mark, when the rest is UTF-16: an even number of
 * bytes, no unpaired surrogate, and not UTF-8 that merely starts with those two bytes (the rest valid UTF-8 with
 * no NUL byte, as UTF-16 of any Latin text has). Otherwise undefined.
 */
function utf16Text(buf: Buffer): string | undefined {
  const rest = buf.subarray(2);
  if (rest.length % 2) return undefined;
  if (!rest.includes(0) && isUtf8(rest)) return undefined;
  const le = buf[0] === 0xff;
  const text = le ? rest.toString('utf16le') : Buffer.from(rest).swap16().toString('utf16le');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return undefined;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return undefined;
  }
  return text;
}

/**
 * The one thing read from a binary file: whether it is a key container (PKCS#12 `.p12`/`.pfx`, a Java KeyStore with a
 * private-key entry), recognised by structure (src/lib/private-keys.ts, bounded to the container's first bytes and
 * entry headers). Such a file becomes a one-line text naming the format and a hash of the bytes, which
 * `secrets.private_key` reports; every other binary file is skipped as before.
 */
function binaryKeySearch(buf: Buffer): ReadResult | undefined {
  const format = binaryKeyContainer(buf);
  return format ? { ok: true, text: binaryKeyText(format, buf), bytes: buf.length } : undefined;
}

/** `5MB`, `512 KB`, `1000000` → bytes. */
export function parseSize(v: string | number): number | undefined {
  if (typeof v === 'number') return v > 0 ? v : undefined;
  const m = /^(\d+(?:\.\d+)?)[ \t]*(b|kb|k|mb|m|gb|g)?$/i.exec(v.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * mult);
}
