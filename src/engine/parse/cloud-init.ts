/**
 * cloud-init `#cloud-config` user data: the document itself (a `cloud_init` target for the cloud-init rules), and
 * what it runs and writes, read as the files they are:
 *
 * - `runcmd:` and `bootcmd:` entries are shell (a string is run by `sh -c`; a list is an argv, read as one command
 *   line), one `ShellTarget` for the document;
 * - `write_files:` entries whose `content` is a script (`*.sh`, a `#!` line, or under a `bin/` folder) join that
 *   shell; an OpenClaw config (`…/openclaw.json`) becomes an `openclaw` target mapped back into this file. Encoded
 *   content (`encoding: b64|gzip|gz+b64`) is decoded first (bounded), its findings on the content's first line.
 *
 * Offsets: the document may itself be embedded (a Terraform heredoc); `toFile` maps an offset in the document's
 * text to one in the file, so every range the rules see is a range in the file.
 */
import { gunzipSync } from 'node:zlib';
import { isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import type { ShellTarget } from '../../model/target.js';
import { isConfigPath, embedHeredoc, embeddedConfigs, type Embedded } from './embedded.js';
import { offsetMap } from './embed-yaml.js';
import { LineIndex } from './lines.js';
import { parseShell, SourceBuilder, type ShellSource } from './shell.js';
import { pushScalar } from './shell-sources.js';

/** At most this much decoded `write_files` content is read (an entry that decodes to more is left unread). */
export const MAX_DECODED_BYTES = 1024 * 1024;

/**
 * `write_files` content as the text cloud-init writes: `b64`/`base64`, `gzip`/`gz` (the YAML value a `!!binary`
 * byte array or base64 text) and `gz+b64`/`gzip+base64`. `unread` (why) when it does not decode, decodes to more
 * than MAX_DECODED_BYTES (gunzip is stopped there: a gzip bomb costs nothing) or to binary (a NUL byte).
 */
export function decodeContent(value: unknown, encoding: string): { text: string } | { unread: string } {
  const enc = encoding.trim().toLowerCase();
  const b64 = /^(b64|base64)$/.test(enc);
  const gz = /^(gz|gzip)(\+(b64|base64))?$/.test(enc);
  if (!b64 && !gz) return { unread: `encoding "${enc.slice(0, 20)}" is not one cloud-init reads: content not checked` };
  let bytes: Uint8Array;
  if (value instanceof Uint8Array) bytes = value;
  else if (typeof value === 'string') {
    const clean = value.replace(/\s+/g, '');
    if (clean.length > (MAX_DECODED_BYTES * 4) / 3 + 4) return { unread: `encoded content larger than ${MAX_DECODED_BYTES / 1024} KB: not checked` };
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return { unread: 'content is not valid base64: not checked' };
    bytes = Buffer.from(clean, 'base64');
  } else return { unread: 'content is not text or !!binary: not checked' };
  if (gz) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_DECODED_BYTES });
    } catch (e) {
      const tooLarge = (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      return { unread: tooLarge ? `content decompresses to more than ${MAX_DECODED_BYTES / 1024} KB: not checked` : 'content is not valid gzip: not checked' };
    }
  }
  if (bytes.includes(0)) return { unread: 'content decodes to binary data: not checked' };
  return { text: Buffer.from(bytes).toString('utf8') };
}

/** User data whose first non-blank line is `#cloud-config`. */
export function isCloudConfig(text: string): boolean {
  return (text.slice(0, 200).split('\n').find((l) => l.trim() !== '') ?? '').trim() === '#cloud-config';
}

/** A shell source over the document's text, its offsets mapped into the file. */
function mapped(src: ShellSource, toFile: (i: number) => number): ShellSource {
  return { text: src.text, at: (i) => toFile(src.at(i)) };
}

/**
 * The shell and the embedded configs of a cloud-config document. `docText` is the document's text, `fileText` the
 * file's (the same for a file of its own).
 */
export function cloudInitParts(file: string, fileText: string, docText: string, doc: Document, toFile: (i: number) => number): { shell: ShellTarget; embedded: Embedded[] } {
  const b = new SourceBuilder();
  for (const key of ['bootcmd', 'runcmd']) {
    const list = doc.get(key, true);
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (isScalar(item)) pushScalar(b, docText, item as Scalar);
      else if (isSeq(item)) {
        // An argv: its words on one command line, each at its own place.
        for (const w of item.items) {
          if (!isScalar(w) || !w.range) continue;
          b.push(`${String(w.value)} `, w.range[0], false);
        }
        b.push('\n', item.range?.[1] ?? 0, false);
      }
    }
  }
  const embedded: Embedded[] = [];
  const decodedScripts: string[] = [];
  const files = doc.get('write_files', true);
  if (isSeq(files)) {
    for (const entry of files.items) {
      if (!isMap(entry)) continue;
      const path = entry.get('path');
      const content = entry.get('content', true);
      const encoding = String(entry.get('encoding') ?? '').toLowerCase();
      if (typeof path !== 'string' || !isScalar(content)) continue;
      const one = new SourceBuilder();
      let decoded: string | undefined;
      if (encoding && encoding !== 'text/plain') {
        // Encoded content is read as the text it decodes to, every character at the content's start.
        const d = decodeContent(content.value, encoding);
        if ('unread' in d) {
          // Said, not skipped silently: a `scan.parse_error` on the entry's content.
          const pos = new LineIndex(fileText).position(toFile(content.range?.[0] ?? 0));
          embedded.push({ target: { kind: 'parse_error', file, fileKind: 'cloud_init', message: `write_files entry ${path}: ${d.unread}`, ...pos }, reframe: (input) => input });
          continue;
        }
        decoded = d.text;
        one.push(decoded, content.range?.[0] ?? 0, false);
      } else pushScalar(one, docText, content as Scalar);
      const src = mapped(one.build(docText.length), toFile);
      if (isConfigPath(path)) {
        const range = { start: toFile(entry.range?.[0] ?? 0), end: toFile(entry.range?.[1] ?? 0) };
        embedded.push(embedHeredoc(file, fileText, { body: src.text, start: src.at(0) }, offsetMap(src.text.length, src.at), path, range, 'write_files entry writing'));
      } else if (/\.(sh|bash)$/.test(path) || /(^|\/)s?bin\//.test(path) || /^#!.*\b(ba)?sh\b/.test(src.text)) {
        if (decoded !== undefined) {
          b.push(`${decoded}\n`, content.range?.[0] ?? 0, false);
          decodedScripts.push(decoded);
        }
        else pushScalar(b, docText, content as Scalar);
      }
    }
  }
  const source = mapped(b.build(docText.length), toFile);
  const parsed = parseShell(source);
  return {
    // Decoded scripts follow the file's text, so the shell rules' keyword gates (check/keywords.ts) see what they
    // say; no offset points there (their characters map to the content in the file).
    shell: { kind: 'shell', file, text: decodedScripts.length ? [fileText, ...decodedScripts].join('\n') : fileText, origin: 'user_data', pipelines: parsed.pipelines },
    embedded: [...embedded, ...embeddedConfigs(file, fileText, parsed.pipelines, parsed.heredocOffsets)],
  };
}
