/** Small, linear helpers to read `NAME = value` / `name: value` assignments out of any text (dotenv, YAML, shell, code). */

export interface AssignedValue {
  value: string;
  start: number;
  end: number;
  quoted: boolean;
}

const STOP = /[\s,;)}\]`]/;

/**
 * The value that starts at `pos` (after the operator and spaces): a quoted string up to its closing quote on the same
 * line, a `${…}` reference up to its brace, or a bare run up to whitespace, `,`, `;` or a closing bracket.
 * Returns undefined when a quote is not closed on its line (prose, not an assignment).
 */
export function readValue(text: string, pos: number, max = 400): AssignedValue | undefined {
  const q = text[pos];
  if (q === '"' || q === "'" || q === '`') {
    const start = pos + 1;
    for (let i = start; i < Math.min(text.length, start + max); i++) {
      const c = text[i];
      if (c === '\n') return undefined;
      if (c === '\\' && q !== "'") {
        i++;
        continue;
      }
      if (c === q) return { value: text.slice(start, i), start, end: i, quoted: true };
    }
    return undefined;
  }
  if (text.startsWith('${', pos)) {
    // Only the next `max` characters are searched: a `${` with no brace in sight must not cost a scan to the end of
    // the text per assignment (a line of thousands of `NAME: ${X` would be quadratic).
    const window = text.slice(pos, pos + max + 1);
    const close = window.indexOf('}');
    const nl = window.indexOf('\n');
    if (close !== -1 && (nl === -1 || close < nl)) return { value: window.slice(0, close + 1), start: pos, end: pos + close + 1, quoted: false };
  }
  let end = pos;
  while (end < text.length && end - pos < max && !STOP.test(text[end] ?? '')) end++;
  return { value: text.slice(pos, end), start: pos, end, quoted: false };
}

/** Walks a parsed JSON/YAML value, calling `visit` for every string leaf with its path (objects and arrays). */
export function walkStrings(value: unknown, visit: (path: (string | number)[], value: string) => void, path: (string | number)[] = [], depth = 0): void {
  if (depth > 64) return;
  if (typeof value === 'string') visit(path, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, visit, [...path, i], depth + 1));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walkStrings(v, visit, [...path, k], depth + 1);
}

/**
 * The start of the line holding `pos`, for positions asked in increasing order (the matches of one global regex):
 * each character is looked at once over all calls. `text.lastIndexOf('\n', pos)` per match would scan back over
 * the whole line every time, quadratic on a long line full of matches.
 */
export function lineStartCursor(text: string): (pos: number) => number {
  let start = 0;
  let seen = 0;
  return (pos) => {
    for (; seen < pos; seen++) if (text.charCodeAt(seen) === 10) start = seen + 1;
    return start;
  };
}
