/** Reads one discovered file, or says why it was passed over (too large, binary, unreadable, a link). */
import { lstat, readFile } from 'node:fs/promises';
import type { Note } from '../model/finding.js';
import type { DiscoveredFile } from './discover.js';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
const SNIFF = 8000;

export type ReadResult = { ok: true; text: string; bytes: number } | { ok: false; note: Note | undefined };

export async function readText(f: DiscoveredFile, maxFileSize: number): Promise<ReadResult> {
  let st;
  try {
    st = await lstat(f.abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Tracked in git but deleted from the work tree: nothing to scan, nothing to say.
    if (code === 'ENOENT') return { ok: false, note: undefined };
    return { ok: false, note: { level: 'warning', code: 'skipped.unreadable', message: `cannot read file (${code ?? 'error'})`, file: f.path } };
  }
  if (st.isSymbolicLink()) return { ok: false, note: { level: 'info', code: 'skipped.symlink', message: 'symbolic link not followed', file: f.path } };
  if (!st.isFile()) return { ok: false, note: undefined };
  if (st.size > maxFileSize) {
    return { ok: false, note: { level: 'warning', code: 'skipped.too_large', message: `file is ${formatBytes(st.size)}, above the ${formatBytes(maxFileSize)} limit (raise max-file-size in .clawscan.yml to scan it)`, file: f.path } };
  }
  let buf: Buffer;
  try {
    buf = await readFile(f.abs);
  } catch (err) {
    return { ok: false, note: { level: 'warning', code: 'skipped.unreadable', message: `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, file: f.path } };
  }
  return decode(buf, f.path);
}

/**
 * Bytes → text. A UTF-16 byte-order mark (Windows tools write these) is honoured before the binary sniff, whose
 * NUL test would otherwise skip every UTF-16 file. A UTF-8 BOM is dropped so columns match what editors show.
 * Invalid UTF-8 (Latin-1, truncated sequences) decodes to U+FFFD: the text around it is still scanned.
 */
export function decode(buf: Buffer, file: string): ReadResult {
  if (buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: buf.toString('utf16le', 2), bytes: buf.length };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: Buffer.from(buf.subarray(2, buf.length - (buf.length % 2))).swap16().toString('utf16le'), bytes: buf.length };
  if (buf.subarray(0, SNIFF).includes(0)) return { ok: false, note: { level: 'info', code: 'skipped.binary', message: 'binary file', file } };
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return { ok: true, text: buf.toString('utf8', bom), bytes: buf.length };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} B`;
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
