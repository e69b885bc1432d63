/**
 * cloud-init `#cloud-config` user data: the document itself (a `cloud_init` target for the cloud-init rules), and
 * what it runs and writes, read as the files they are:
 *
 * - `runcmd:` and `bootcmd:` entries are shell (a string is run by `sh -c`; a list is an argv, read as one command
 *   line), one `ShellTarget` for the document;
 * - `write_files:` entries whose `content` is a script (`*.sh`, a `#!` line, or under a `bin/` folder) join that
 *   shell; an OpenClaw config (`…/openclaw.json`) becomes an `openclaw` target mapped back into this file.
 *
 * Offsets: the document may itself be embedded (a Terraform heredoc); `toFile` maps an offset in the document's
 * text to one in the file, so every range the rules see is a range in the file.
 */
import { isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import type { ShellTarget } from '../../model/target.js';
import { isConfigPath, embedHeredoc, embeddedConfigs, type Embedded } from './embedded.js';
import { offsetMap } from './embed-yaml.js';
import { parseShell, SourceBuilder, type ShellSource } from './shell.js';
import { pushScalar } from './shell-sources.js';

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
  const files = doc.get('write_files', true);
  if (isSeq(files)) {
    for (const entry of files.items) {
      if (!isMap(entry)) continue;
      const path = entry.get('path');
      const content = entry.get('content', true);
      const encoding = String(entry.get('encoding') ?? '');
      if (typeof path !== 'string' || !isScalar(content) || /b64|base64|gz/i.test(encoding)) continue;
      const one = new SourceBuilder();
      pushScalar(one, docText, content as Scalar);
      const src = mapped(one.build(docText.length), toFile);
      if (isConfigPath(path)) {
        const range = { start: toFile(entry.range?.[0] ?? 0), end: toFile(entry.range?.[1] ?? 0) };
        embedded.push(embedHeredoc(file, fileText, { body: src.text, start: src.at(0) }, offsetMap(src.text.length, src.at), path, range, 'write_files entry writing'));
      } else if (/\.(sh|bash)$/.test(path) || /(^|\/)s?bin\//.test(path) || /^#!.*\b(ba)?sh\b/.test(src.text)) {
        pushScalar(b, docText, content as Scalar);
      }
    }
  }
  const source = mapped(b.build(docText.length), toFile);
  const parsed = parseShell(source);
  return {
    shell: { kind: 'shell', file, text: fileText, origin: 'user_data', pipelines: parsed.pipelines },
    embedded: [...embedded, ...embeddedConfigs(file, fileText, parsed.pipelines, parsed.heredocOffsets)],
  };
}
