/**
 * sshd_config(5): `Keyword arguments` or `Keyword=arguments`, `#` comments, double-quoted arguments. A `Match`
 * line starts a conditional block that runs to the next `Match` (or the end of the file); `Match all` goes back
 * to unconditional settings. A directive written after a Match block therefore belongs to it, which is the
 * classic way a hardening line ends up applying to nobody, so the parser records it.
 */
import type { SshdDirective, SshdMatch } from '../../model/target.js';

export function parseSshd(text: string): SshdDirective[] {
  const out: SshdDirective[] = [];
  let match: SshdMatch | undefined;
  let pos = 0;
  while (pos <= text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(pos, lineEnd).replace(/\r$/, '');
    const m = splitLine(line);
    if (m && !line.trimStart().startsWith('#')) {
      const { lead, name, sep, rest } = m;
      const keyword = name.toLowerCase();
      const valueStart = pos + lead + name.length + sep;
      const args = splitArgs(rest);
      const start = pos + lead;
      const end = valueStart + rest.length;
      if (keyword === 'match') {
        match = args.length === 1 && args[0]?.toLowerCase() === 'all' ? undefined : { criteria: rest, start, end };
      }
      out.push({ name, keyword, args, start, end, valueStart, valueEnd: end, ...(match && keyword !== 'match' ? { match } : {}) });
    }
    if (lineEnd === text.length) break;
    pos = lineEnd + 1;
  }
  return out;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** `Keyword value`, `Keyword=value`, `Keyword = value`: lengths of the parts (procedural, linear). */
function splitLine(line: string): { lead: number; name: string; sep: number; rest: string } | undefined {
  let i = 0;
  while (isBlank(line[i])) i++;
  const lead = i;
  if (!/[A-Za-z]/.test(line[i] ?? '')) return undefined;
  while (/[A-Za-z0-9]/.test(line[i] ?? '')) i++;
  const name = line.slice(lead, i);
  const sepStart = i;
  while (isBlank(line[i])) i++;
  if (line[i] === '=') {
    i++;
    while (isBlank(line[i])) i++;
  }
  if (i === sepStart) return undefined; // no blank or `=` after the keyword: not a directive
  return { lead, name, sep: i - sepStart, rest: line.slice(i).trimEnd() };
}

/** Arguments split on blanks; double quotes group; a `#` starting an argument ends the line. */
function splitArgs(s: string): string[] {
  const args: string[] = [];
  let cur = '';
  let inWord = false;
  let quoted = false;
  for (const ch of s) {
    if (quoted) {
      if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') {
      quoted = true;
      inWord = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) args.push(cur);
      cur = '';
      inWord = false;
    } else if (ch === '#' && !inWord) {
      break;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) args.push(cur);
  return args;
}
