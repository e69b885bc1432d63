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
    const close = text.indexOf('}', pos);
    const nl = text.indexOf('\n', pos);
    if (close !== -1 && (nl === -1 || close < nl) && close - pos <= max) return { value: text.slice(pos, close + 1), start: pos, end: close + 1, quoted: false };
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

