/**
 * systemd unit files (systemd.syntax(7)): `[Section]` headers, `Key=Value` lines, `#`/`;` comment lines, a
 * trailing backslash continues a value on the next line (joined with a space; comment lines inside are
 * skipped). Values are also split into words as systemd does for command lines and `Environment=`: blanks
 * separate, `"…"`/`'…'` group, backslash escapes. Never fails: systemd itself ignores lines it cannot read.
 */
import type { Span, UnitDirective } from '../../model/target.js';

export function parseSystemd(text: string): { sections: Span[]; directives: UnitDirective[] } {
  const sections: Span[] = [];
  const directives: UnitDirective[] = [];
  const lines: { text: string; start: number }[] = [];
  for (let pos = 0; pos <= text.length; ) {
    let e = text.indexOf('\n', pos);
    if (e === -1) e = text.length;
    lines.push({ text: text.slice(pos, e).replace(/\r$/, ''), start: pos });
    pos = e + 1;
  }
  let section = '';
  for (let k = 0; k < lines.length; k++) {
    const { text: line, start } = lines[k] ?? { text: '', start: 0 };
    const trimmed = line.trim();
    const lead = line.length - line.trimStart().length;
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = trimmed.slice(1, -1).trim();
      sections.push({ value: section, start: start + lead, end: start + lead + trimmed.length });
      continue;
    }
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';') || !trimmed.includes('=')) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    let vs = eq + 1;
    while (line[vs] === ' ' || line[vs] === '\t') vs++;
    // The value with, per character, its offset in the file (continuations make it non-contiguous).
    let value = '';
    const offsets: number[] = [];
    let piece = line.slice(vs).trimEnd();
    let pieceStart = start + vs;
    let end = start + line.trimEnd().length;
    for (;;) {
      const cont = piece.endsWith('\\');
      if (cont) piece = piece.slice(0, -1);
      for (let c = 0; c < piece.length; c++) offsets.push(pieceStart + c);
      value += piece;
      if (!cont || k + 1 >= lines.length) break;
      do k++;
      while (k + 1 < lines.length && /^\s*[#;]/.test(lines[k]?.text ?? ''));
      const next = lines[k] ?? { text: '', start: 0 };
      const nlead = next.text.length - next.text.trimStart().length;
      value += ' ';
      offsets.push(pieceStart + piece.length);
      piece = next.text.trim();
      pieceStart = next.start + nlead;
      end = next.start + next.text.trimEnd().length;
    }
    if (!key) continue;
    directives.push({ section, key, value: value.trim(), start: start + lead, end, valueStart: start + vs, valueEnd: Math.max(start + vs, end), words: splitWords(value, offsets, end) });
  }
  return { sections, directives };
}

function splitWords(value: string, offsets: number[], end: number): Span[] {
  const at = (i: number) => offsets[i] ?? end;
  const words: Span[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /\s/.test(value[i] ?? '')) i++;
    if (i >= value.length) break;
    const s = i;
    let w = '';
    while (i < value.length && !/\s/.test(value[i] ?? '')) {
      const c = value[i] ?? '';
      if (c === '"' || c === "'") {
        const close = value.indexOf(c, i + 1);
        const stop = close === -1 ? value.length : close;
        w += value.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '\\' && i + 1 < value.length) {
        w += value[i + 1];
        i += 2;
      } else {
        w += c;
        i++;
      }
    }
    words.push({ value: w, start: at(s), end: at(Math.min(i, value.length) - 1) + 1 });
  }
  return words;
}
