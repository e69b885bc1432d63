/**
 * A small Caddyfile reader with positions (no maintained JavaScript parser exists; Caddy's own is Go,
 * caddyconfig/caddyfile/lexer.go): tokens separated by blanks, `"…"` and backquoted strings, `#` comments at a
 * token start, `\` line continuations; a newline ends a directive; a `{` ending a line opens a block and a `}`
 * alone closes it. `{$ENV}` / `{http.request.host}` placeholders are parts of tokens. Each line's first token is
 * the directive's name (a site block's first address, `""` for the global options block).
 */
import type { NginxDirective, Span } from '../../model/target.js';

export type CaddyParse = { ok: true; directives: NginxDirective[] } | { ok: false; message: string; offset: number };

/** Block nesting a Caddyfile may use; deeper is refused (hostile input), as a parse error. */
const MAX_DEPTH = 64;

export function parseCaddyfile(text: string): CaddyParse {
  const root: NginxDirective[] = [];
  const stack: { list: NginxDirective[]; open: number; owner?: NginxDirective }[] = [{ list: root, open: 0 }];
  let words: Span[] = [];
  const n = text.length;
  let i = 0;
  const endLine = () => {
    const [name, ...args] = words;
    if (name) (stack[stack.length - 1]?.list ?? root).push({ name: name.value, args, start: name.start, end: (words[words.length - 1] ?? name).end });
    words = [];
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      endLine();
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) i += text[i + 1] === '\n' ? 2 : 3;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '{' && isAlone(text, i)) {
      // Opens a block: the words before it on this line name it.
      const [name, ...args] = words;
      const block: NginxDirective[] = [];
      const d: NginxDirective = { name: name?.value ?? '', args, start: name?.start ?? i, end: i + 1, block };
      (stack[stack.length - 1]?.list ?? root).push(d);
      if (stack.length > MAX_DEPTH) return { ok: false, message: 'blocks nested too deeply', offset: i };
      stack.push({ list: block, open: i, owner: d });
      words = [];
      i++;
    } else if (c === '}' && isAlone(text, i)) {
      endLine();
      if (stack.length === 1) return { ok: false, message: 'unexpected "}"', offset: i };
      const frame = stack.pop();
      if (frame?.owner) frame.owner.end = i + 1;
      i++;
    } else {
      const start = i;
      let value = '';
      while (i < n) {
        const d = text[i] as string;
        if (d === ' ' || d === '\t' || d === '\r' || d === '\n') break;
        if (d === '"' || d === '`') {
          let j = i + 1;
          while (j < n && text[j] !== d) {
            if (d === '"' && text[j] === '\\' && j + 1 < n) j++;
            value += text[j];
            j++;
          }
          if (j >= n) return { ok: false, message: 'unterminated quoted string', offset: i };
          i = j + 1;
        } else if (d === '{') {
          // A placeholder (`{$DOMAIN}`, `{remote_host}`) is part of the token.
          const close = text.indexOf('}', i);
          const eol = text.indexOf('\n', i);
          if (close === -1 || (eol !== -1 && eol < close)) break;
          value += text.slice(i, close + 1);
          i = close + 1;
        } else {
          value += d;
          i++;
        }
      }
      if (i === start) {
        // A lone `{`/`}` glued to a token (`example.com{`): read as the block opener/closer next.
        const d = text[i] as string;
        if (d === '{' || d === '}') {
          if (d === '{') {
            const [name, ...args] = words;
            const block: NginxDirective[] = [];
            const dir: NginxDirective = { name: name?.value ?? '', args, start: name?.start ?? i, end: i + 1, block };
            (stack[stack.length - 1]?.list ?? root).push(dir);
            if (stack.length > MAX_DEPTH) return { ok: false, message: 'blocks nested too deeply', offset: i };
            stack.push({ list: block, open: i, owner: dir });
            words = [];
          } else {
            endLine();
            if (stack.length === 1) return { ok: false, message: 'unexpected "}"', offset: i };
            const frame = stack.pop();
            if (frame?.owner) frame.owner.end = i + 1;
          }
          i++;
          continue;
        }
        i++;
        continue;
      }
      words.push({ value, start, end: i });
    }
  }
  endLine();
  if (stack.length > 1) return { ok: false, message: 'unexpected end of file, expecting "}"', offset: stack[stack.length - 1]?.open ?? n };
  return { ok: true, directives: root };
}

/** A `{` or `}` that is a token of its own (blanks or a line end around it), not part of a placeholder. */
function isAlone(text: string, i: number): boolean {
  const before = i === 0 ? '\n' : (text[i - 1] as string);
  const after = i + 1 >= text.length ? '\n' : (text[i + 1] as string);
  return /\s/.test(before) && /\s/.test(after);
}
