/**
 * The string literals of a JSON text joined into one text, with every character mapped back to its offset in the
 * JSON: a notebook's `source` arrays (one JSON string per line of a cell) read as the code they hold, so a rule that
 * reads `name = "value"` sees `os.environ["KEY"] = "…"` instead of `os.environ[\"KEY\"] = \"…\"`. One linear pass;
 * invalid escapes are kept as written. Pure.
 */
export interface JoinedStrings {
  text: string;
  /** JSON offset of each character of `text` (`offsets.length === text.length + 1`; the last is the end). */
  offsets: number[];
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

export function joinJsonStrings(json: string, maxChars = 2_000_000): JoinedStrings {
  let text = '';
  const offsets: number[] = [];
  let i = 0;
  while (i < json.length && text.length < maxChars) {
    if (json[i] !== '"') {
      i++;
      continue;
    }
    i++; // opening quote
    while (i < json.length && json[i] !== '"') {
      const c = json[i] ?? '';
      if (c === '\\' && i + 1 < json.length) {
        const e = json[i + 1] ?? '';
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(json.slice(i + 2, i + 6))) {
          text += String.fromCharCode(parseInt(json.slice(i + 2, i + 6), 16));
          offsets.push(i);
          i += 6;
          continue;
        }
        text += ESCAPES[e] ?? `\\${e}`;
        offsets.push(i);
        if (!(e in ESCAPES)) offsets.push(i + 1);
        i += 2;
        continue;
      }
      text += c;
      offsets.push(i);
      i++;
    }
    // Strings of one array end with their own newline (notebook lines); a separator keeps other strings apart.
    if (!text.endsWith('\n')) {
      text += '\n';
      offsets.push(i);
    }
    i++; // closing quote
  }
  offsets.push(json.length);
  return { text, offsets };
}
