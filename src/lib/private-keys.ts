/**
 * Private keys recognised by their structure, never by "does it look random" (issue 21; docs/secrets-engines.md).
 * Pure: no IO, no state.
 *
 * Text formats, each as its tool writes it and as people paste it (a file, `\n`-escaped once or twice inside a
 * JSON or `.env` string, one JSON string per line in a notebook, indented in a YAML block or a heredoc):
 *   - PEM `-----BEGIN … PRIVATE KEY-----`: PKCS#1 (RSA, DSA), SEC1 (EC), PKCS#8 plain and `ENCRYPTED`, legacy
 *     `Proc-Type: 4,ENCRYPTED` + `DEK-Info:` PEM, OpenSSH (`openssh-key-v1`), PGP `PRIVATE KEY BLOCK`;
 *   - ssh.com / SECSH `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----` (magic 0x3f6ff9eb);
 *   - PuTTY `PuTTY-User-Key-File-2:`/`-3:` (`Private-Lines: N` followed by N base64 lines).
 * Binary containers (the read stage calls `binaryKeyContainer` on files it would otherwise skip as binary): PKCS#12
 * (`.p12`/`.pfx`: DER `SEQUENCE { version 3, ContentInfo pkcs7-data … }`) and Java KeyStores holding a private-key
 * entry (JKS magic 0xFEEDFEED).
 *
 * What is checked is the container, not the randomness: the body decodes and its first bytes are what the format
 * says (DER SEQUENCE whose length is the body's, the OpenSSH magic, a PGP secret-key packet, ciphertext whole
 * blocks for DEK-Info). A block whose body is elided (`...`, `…`), cut short or not base64 is documentation.
 * No placeholder filter ever runs on key material: `AAAAAAAAAAAB` is in every OpenSSH key ssh-keygen writes.
 */

import { createHash } from 'node:crypto';

export interface KeyBlock {
  /** Offsets of the whole block in the scanned text (BEGIN marker to END marker, or the PuTTY file). */
  start: number;
  end: number;
  /** `OpenSSH`, `PKCS#8`, `PuTTY v3`, …: for messages. */
  format: string;
}

/** The most text a block may span (a 16384-bit RSA key, `\n`-escaped twice, is under 30,000 characters). */
const MAX_BLOCK = 40_000;
const PEM_BEGIN = /-----BEGIN ([A-Z0-9]{1,12}(?: [A-Z0-9]{1,12}){0,2} )?PRIVATE KEY( BLOCK)?-----/g;
const SSH2_BEGIN = '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----';
const SSH2_END = '---- END SSH2 ENCRYPTED PRIVATE KEY ----';
const PUTTY = /PuTTY-User-Key-File-([23]): /g;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEADER = /^[A-Za-z][A-Za-z0-9-]{0,30}: /;

/**
 * The lines of a pasted block, with the wrapping people add stripped: `\n`/`\r` escapes (any number of backslashes:
 * a key in a JSON string inside a `.env` value is escaped twice), then per line the indentation, JSON string quotes,
 * commas, a YAML/Markdown quote prefix and the `\r` of CRLF line ends (a key committed from Windows).
 */
const LEAD = ' \t"\'>#';
const TRAIL = ' \t"\',\\\r'; // `\r`: a key committed with CRLF line ends

export function keyLines(raw: string): string[] {
  const out: string[] = [];
  for (const piece of unescapeNewlines(raw).split('\n')) {
    let a = 0;
    let b = piece.length;
    while (a < b && LEAD.includes(piece[a] ?? '')) a++;
    while (b > a && TRAIL.includes(piece[b - 1] ?? '')) b--;
    if (b > a) out.push(piece.slice(a, b));
  }
  return out;
}

/** `\n`, `\\n`, `\r`, … (any run of backslashes before `n`/`r`) → a newline; one left-to-right pass. */
function unescapeNewlines(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i] ?? '';
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    let j = i;
    while (raw[j] === '\\') j++;
    if (raw[j] === 'n' || raw[j] === 'r') {
      out += '\n';
      i = j + 1;
    } else {
      out += raw.slice(i, j);
      i = j;
    }
  }
  return out;
}

/** Header lines (`Proc-Type:`, `DEK-Info:`, `Version:`, `Comment:` with its `\` continuations) and the body. */
function splitHeaders(lines: string[]): { headers: string[]; body: string } {
  const headers: string[] = [];
  let i = 0;
  while (i < lines.length && HEADER.test(lines[i] ?? '')) {
    headers.push(lines[i] ?? '');
    i++;
  }
  return { headers, body: lines.slice(i).join('') };
}

/** DER: a SEQUENCE whose encoded length is exactly the data's (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8, PKCS#12). */
export function isDerSequence(der: Uint8Array, exact = true): boolean {
  if (der.length < 8 || der[0] !== 0x30) return false;
  const first = der[1] ?? 0;
  let len = first;
  let header = 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n < 1 || n > 4) return false;
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + (der[2 + k] ?? 0);
    header = 2 + n;
  }
  return exact ? header + len === der.length : header + len <= der.length;
}

const decode64 = (s: string): Buffer | undefined => (s.length >= 40 && B64.test(s) ? Buffer.from(s, 'base64') : undefined);

/** Whether a PEM block's body (`kind`: `RSA `, `OPENSSH `, `PGP `, `ENCRYPTED `, ``) is key material. */
function pemFormat(kind: string, pgp: boolean, lines: string[]): string | undefined {
  const { headers, body: joined } = splitHeaders(lines);
  let body = joined;
  if (pgp) {
    // The armour checksum line `=XXXX` (RFC 4880 §6.2) ends the body.
    const last = lines[lines.length - 1] ?? '';
    if (/^=[A-Za-z0-9+/]{4}$/.test(last)) body = body.slice(0, body.length - last.length);
    const bytes = decode64(body);
    const tag = bytes?.[0] ?? 0;
    if (!bytes || !(tag & 0x80)) return undefined;
    const type = tag & 0x40 ? tag & 0x3f : (tag >> 2) & 0x0f;
    return type === 5 ? 'PGP' : undefined;
  }
  const bytes = decode64(body);
  if (!bytes) return undefined;
  if (kind === 'OPENSSH ') return bytes.subarray(0, 15).toString('latin1') === 'openssh-key-v1\0' ? 'OpenSSH' : undefined;
  if (headers.some((h) => h.startsWith('DEK-Info:'))) return bytes.length >= 64 && bytes.length % 8 === 0 ? 'legacy encrypted PEM (DEK-Info)' : undefined;
  if (!isDerSequence(bytes)) return undefined;
  if (kind === 'ENCRYPTED ') return 'PKCS#8 encrypted';
  if (kind === '') return 'PKCS#8';
  if (kind === 'EC ') return 'SEC1';
  return `PKCS#1 (${kind.trim()})`;
}

function findPem(text: string, out: KeyBlock[]): void {
  PEM_BEGIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PEM_BEGIN.exec(text))) {
    const kind = m[1] ?? '';
    const endMarker = `-----END ${kind}PRIVATE KEY${m[2] ?? ''}-----`;
    const bodyStart = m.index + m[0].length;
    const endAt = text.indexOf(endMarker, bodyStart);
    if (endAt < 0 || endAt - bodyStart > MAX_BLOCK) continue;
    const raw = text.slice(bodyStart, endAt);
    if (raw.includes('...') || raw.includes('…') || raw.includes('-----BEGIN')) continue;
    const format = pemFormat(kind, m[2] !== undefined, keyLines(raw));
    if (format) out.push({ start: m.index, end: endAt + endMarker.length, format });
    PEM_BEGIN.lastIndex = endAt + endMarker.length;
  }
}

function findSsh2(text: string, out: KeyBlock[]): void {
  for (let at = text.indexOf(SSH2_BEGIN); at >= 0; at = text.indexOf(SSH2_BEGIN, at + 1)) {
    const endAt = text.indexOf(SSH2_END, at);
    if (endAt < 0 || endAt - at > MAX_BLOCK) continue;
    const raw = text.slice(at + SSH2_BEGIN.length, endAt);
    if (raw.includes('...') || raw.includes('…')) continue;
    // `Comment: "…"` may continue on the next lines with a trailing backslash (RFC 4716 §3.3).
    const lines = keyLines(raw.replace(/\\\r?\n/g, ''));
    const bytes = decode64(splitHeaders(lines).body);
    if (bytes && bytes.readUInt32BE(0) === 0x3f6ff9eb) out.push({ start: at, end: endAt + SSH2_END.length, format: 'ssh.com (SSH2 encrypted)' });
  }
}

/**
 * PuTTY: `PuTTY-User-Key-File-N: <algorithm>`, then `Encryption:`, `Comment:`, `Public-Lines: n` and n lines,
 * `Private-Lines: m` and m lines (the key), `Private-MAC:`. The block ends after the `Private-MAC:` line when it is
 * there, else after the last private line.
 */
function findPutty(text: string, out: KeyBlock[]): void {
  PUTTY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PUTTY.exec(text))) {
    const window = text.slice(m.index, m.index + MAX_BLOCK);
    const lines = keyLines(window);
    const pl = lines.findIndex((l) => /^Private-Lines: \d{1,4}$/.test(l));
    if (pl < 0 || pl > 400) continue;
    const n = Number(lines[pl]?.slice('Private-Lines: '.length));
    const priv = lines.slice(pl + 1, pl + 1 + n);
    if (n < 1 || priv.length < n || priv.some((l) => !B64.test(l))) continue;
    const bytes = Buffer.from(priv.join(''), 'base64');
    if (bytes.length < 32) continue;
    const mac = window.indexOf('Private-MAC: ');
    let end: number;
    if (mac >= 0) {
      end = mac + 'Private-MAC: '.length;
      while (end < window.length && /[0-9a-f]/.test(window[end] ?? '')) end++;
    } else {
      const lastLine = priv[priv.length - 1] ?? '';
      end = window.indexOf(lastLine, window.indexOf('Private-Lines: ')) + lastLine.length;
    }
    out.push({ start: m.index, end: m.index + end, format: `PuTTY v${m[1]}` });
    PUTTY.lastIndex = m.index + end;
  }
}

/** Every private key in `text`, in order of position. */
export function findPrivateKeys(text: string): KeyBlock[] {
  const out: KeyBlock[] = [];
  if (text.startsWith(BINARY_KEY_MARK)) {
    const end = text.indexOf('\n');
    return [{ start: 0, end, format: text.slice(BINARY_KEY_MARK.length, text.indexOf(':sha256-')) }];
  }
  if (text.includes('PRIVATE KEY')) findPem(text, out);
  if (text.includes(SSH2_BEGIN)) findSsh2(text, out);
  if (text.includes('PuTTY-User-Key-File-')) findPutty(text, out);
  return out.sort((a, b) => a.start - b.start);
}

/** Literals one of which every text key block contains: the keyword prefilter of the token detector. */
export const PRIVATE_KEY_KEYWORDS: readonly string[] = ['gatewarden:binary-key-container:', 'PRIVATE KEY-----', 'PRIVATE KEY BLOCK-----', SSH2_BEGIN, 'PuTTY-User-Key-File-'];

/** The DER of OID 1.2.840.113549.1.7 (PKCS#7 content types: data, signedData), which a PFX's authSafe names. */
const PKCS7_DATA = Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);

/** Java KeyStore (JKS/JCEKS): magic, version 1 or 2, then entries; true when one is a private-key entry (tag 1). */
function jksHoldsPrivateKey(buf: Buffer): boolean {
  const magic = buf.readUInt32BE(0);
  if (magic !== 0xfeedfeed && magic !== 0xcececece) return false;
  const count = buf.readUInt32BE(8);
  let p = 12;
  const need = (n: number) => p + n <= buf.length;
  const skipUtf = () => {
    if (!need(2)) return false;
    p += 2 + buf.readUInt16BE(p);
    return true;
  };
  const skipBlob = () => {
    if (!need(4)) return false;
    p += 4 + buf.readUInt32BE(p);
    return true;
  };
  for (let e = 0; e < Math.min(count, 1000); e++) {
    if (!need(4)) return false;
    const tag = buf.readUInt32BE(p);
    p += 4;
    if (tag === 1) return true;
    if (tag !== 2 && tag !== 3) return false;
    if (!skipUtf() || !need(8)) return false;
    p += 8; // alias, then the creation date
    if (tag === 3) return true; // JCEKS secret-key entry: key material too
    if (!skipUtf() || !skipBlob()) return false; // certificate type and certificate
  }
  return false;
}

/**
 * A binary key container, recognised by structure in a file the read stage would skip as binary: the format's name,
 * or undefined. Bounded: only the first bytes of PKCS#12 and the entry headers of a keystore are read.
 */
export function binaryKeyContainer(buf: Uint8Array): string | undefined {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 16) return undefined;
  if (b.readUInt32BE(0) === 0xfeedfeed || b.readUInt32BE(0) === 0xcececece) return jksHoldsPrivateKey(b) ? 'Java KeyStore' : undefined;
  // PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo (pkcs7-data or pkcs7-signedData), macData }
  if (!isDerSequence(b, false)) return undefined;
  const head = b.subarray(0, 40);
  const v = head.indexOf(Buffer.from([0x02, 0x01, 0x03, 0x30]));
  if (v < 2 || v > 6) return undefined;
  return head.indexOf(PKCS7_DATA.subarray(0, 10)) > v ? 'PKCS#12' : undefined;
}

/**
 * The text the read stage gives a binary key container instead of skipping it: a NUL (no text file read as text
 * starts with one: the binary sniff would have skipped it), the format and a SHA-256 of the bytes (the finding's
 * fingerprint; nothing of the key is recoverable from it). `findPrivateKeys` reports it as one block.
 */
export const BINARY_KEY_MARK = '\u0000gatewarden:binary-key-container:';

export function binaryKeyText(format: string, buf: Uint8Array): string {
  return `${BINARY_KEY_MARK}${format}:sha256-${createHash('sha256').update(buf).digest('hex')}\n`;
}
