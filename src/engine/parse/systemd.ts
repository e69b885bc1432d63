/**
 * systemd unit files (systemd.syntax(7)): `[Section]` headers, `Key=Value` lines, `#`/`;` comment lines, a
 * trailing backslash continues a value on the next line (joined with a space). Never fails: systemd itself
 * ignores lines it cannot read, with a warning.
 */
import type { Span, UnitDirective } from '../../model/target.js';

export function parseSystemd(text: string): { sections: Span[]; directives: UnitDirective[] } {
  const sections: Span[] = [];
  const directives: UnitDirective[] = [];
  let section = '';
  let pos = 0;
  while (pos < text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    const trimmed = line.trim();
    const lead = line.length - line.trimStart().length;
    if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
      section = trimmed.slice(1, -1).trim();
      sections.push({ value: section, start: pos + lead, end: pos + lead + trimmed.length });
    } else if (trimmed && !trimmed.startsWith('#') && !trimmed.startsWith(';') && trimmed.includes('=')) {
      const eq = line.indexOf('=');
      const key = line.slice(0, eq).trim();
      let valueStart = eq + 1;
      while (line[valueStart] === ' ' || line[valueStart] === '\t') valueStart++;
      let value = line.slice(valueStart).trimEnd();
      let end = lineEnd;
      // Continuations: a value ending in a backslash goes on; comment lines inside a continuation are skipped.
      while (value.endsWith('\\') && end < text.length) {
        value = value.slice(0, -1).trimEnd();
        const nextStart = end + 1;
        let nextEnd = text.indexOf('\n', nextStart);
        if (nextEnd === -1) nextEnd = text.length;
        const next = text.slice(nextStart, nextEnd).replace(/\r$/, '');
        end = nextEnd;
        if (/^\s*[#;]/.test(next)) {
          value += ' \\';
          continue;
        }
        value = `${value} ${next.trim()}`;
      }
      const last = end === lineEnd ? pos + line.trimEnd().length : end;
      if (key) directives.push({ section, key, value, start: pos + lead, end: last, valueStart: pos + valueStart, valueEnd: Math.max(pos + valueStart, last) });
      lineEnd = end;
    }
    pos = lineEnd + 1;
  }
  return { sections, directives };
}
