/**
 * dotenv as Docker Compose and OpenClaw read it: `KEY=value`, optional `export `, `#` comments, single quotes
 * (literal), double quotes (escapes, may span lines), unquoted values ending at ` #`. Lenient by design: a line
 * that is not an assignment is skipped, so a malformed line never hides the others.
 */
import type { DotenvEntry } from '../../model/target.js';

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*/gm;

export function parseDotenv(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let line = 1;
  let lineCountedTo = 0;
  while ((m = LINE.exec(text))) {
    const key = m[1] ?? '';
    const keyStart = m.index + m[0].indexOf(key);
    let pos = m.index + m[0].length;
    for (let i = lineCountedTo; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    lineCountedTo = m.index;
    const q = text[pos];
    let value: string;
    let valueStart: number;
    let valueEnd: number;
    let quote: DotenvEntry['quote'] = '';
    if (q === '"' || q === "'") {
      quote = q;
      valueStart = pos + 1;
      let end = valueStart;
      while (end < text.length && text[end] !== q) end += text[end] === '\\' && q === '"' ? 2 : 1;
      if (end >= text.length) {
        // Unterminated quote: take the rest of the line, as compose does.
        const nl = text.indexOf('\n', valueStart);
        end = nl === -1 ? text.length : nl;
      }
      valueEnd = end;
      const raw = text.slice(valueStart, valueEnd);
      value = q === '"' ? raw.replace(/\\([nrt"\\$])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c) : raw;
      pos = end + 1;
    } else {
      valueStart = pos;
      const nl = text.indexOf('\n', pos);
      let end = nl === -1 ? text.length : nl;
      const comment = text.slice(pos, end).search(/[ \t]#/);
      if (comment !== -1) end = pos + comment;
      while (end > pos && /[ \t\r]/.test(text[end - 1] ?? '')) end--;
      valueEnd = end;
      value = text.slice(valueStart, valueEnd);
      pos = end;
    }
    entries.push({ key, value, quote, line, keyStart, valueStart, valueEnd });
    LINE.lastIndex = Math.max(pos, LINE.lastIndex);
  }
  return entries;
}
