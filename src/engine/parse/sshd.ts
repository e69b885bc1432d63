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
    const m = /^(\s*)([A-Za-z][A-Za-z0-9]*)(\s*=\s*|\s+)(.*?)\s*$/.exec(line);
    if (m && !line.trimStart().startsWith('#')) {
      const name = m[2] ?? '';
      const keyword = name.toLowerCase();
      const valueStart = pos + (m[1]?.length ?? 0) + name.length + (m[3]?.length ?? 0);
      const rest = m[4] ?? '';
      const args = splitArgs(rest);
      const start = pos + (m[1]?.length ?? 0);
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
