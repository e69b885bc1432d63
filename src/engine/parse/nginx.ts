/**
 * nginx configuration, parsed like nginx's own reader (ngx_conf_read_token): words separated by blanks,
 * `"…"`/`'…'` quoting with backslash escapes, `#` comments, `;` ends a directive, `{ … }` opens a block.
 * The result is a tree of directives with ranges; `include` is not followed (each file is its own target and
 * rules look across files through the project view).
 */
import type { NginxDirective, Span } from '../../model/target.js';

export class NginxSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Token extends Span {
  /** `{`, `}`, `;` or a word. */
  type: 'word' | '{' | '}' | ';';
}

/**
 * OpenResty's `*_by_lua_block { … }`: the block holds Lua, not directives (its own quotes, comments and braces).
 * Its body is skipped whole, as the lua-nginx-module's reader does, and the directive is kept with an empty block.
 */
const LUA_BLOCK = /_by_lua_block$/;

/** The index of the `}` closing a Lua block whose `{` is at `open` (strings, comments and long brackets skipped). */
function luaBlockEnd(text: string, open: number): number {
  let depth = 0;
  let i = open;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      const long = /^--\[(=*)\[/.exec(text.slice(i, i + 12));
      const close = long ? text.indexOf(`]${long[1]}]`, i) : text.indexOf('\n', i);
      i = close === -1 ? n : close + 1;
    } else if (c === '[' && /^\[=*\[/.test(text.slice(i, i + 12))) {
      const eq = /^\[(=*)\[/.exec(text.slice(i, i + 12))?.[1] ?? '';
      const close = text.indexOf(`]${eq}]`, i);
      i = close === -1 ? n : close + eq.length + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else {
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return i;
      i++;
    }
  }
  throw new NginxSyntaxError('unterminated Lua block', open);
}

function* tokens(text: string): Generator<Token> {
  let i = 0;
  const n = text.length;
  let lua = false;
  while (i < n) {
    const ch = text[i] ?? '';
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      i++;
    } else if (ch === '#') {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '{' && lua) {
      lua = false;
      const close = luaBlockEnd(text, i);
      yield { type: '{', value: '{', start: i, end: i + 1 };
      yield { type: '}', value: '}', start: close, end: close + 1 };
      i = close + 1;
    } else if (ch === '{' || ch === '}' || ch === ';') {
      lua = false;
      yield { type: ch, value: ch, start: i, end: i + 1 };
      i++;
    } else if (ch === '"' || ch === "'") {
      const start = i;
      let value = '';
      i++;
      while (i < n && text[i] !== ch) {
        if (text[i] === '\\' && i + 1 < n) {
          const next = text[i + 1] ?? '';
          value += next === ch || next === '\\' ? next : `\\${next}`;
          i += 2;
        } else {
          value += text[i];
          i++;
        }
      }
      if (i >= n) throw new NginxSyntaxError('unterminated quoted string', start);
      i++;
      yield { type: 'word', value, start, end: i };
    } else {
      const start = i;
      while (i < n) {
        const c = text[i] ?? '';
        if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '}') break;
        if (c === '{') {
          // `${var}` is part of the word; any other `{` opens a block.
          if (text[i - 1] !== '$') break;
          const close = text.indexOf('}', i);
          if (close === -1) throw new NginxSyntaxError('unterminated variable', i);
          i = close + 1;
          continue;
        }
        if (c === '\\' && i + 1 < n) i++;
        i++;
      }
      const value = text.slice(start, i);
      if (LUA_BLOCK.test(value)) lua = true;
      yield { type: 'word', value, start, end: i };
    }
  }
}

export function parseNginx(text: string): NginxDirective[] {
  const root: NginxDirective[] = [];
  const stack: { list: NginxDirective[]; open?: Token }[] = [{ list: root }];
  let words: Span[] = [];
  for (const t of tokens(text)) {
    const frame = stack[stack.length - 1] ?? { list: root };
    if (t.type === 'word') {
      words.push({ value: t.value, start: t.start, end: t.end });
    } else if (t.type === ';') {
      const [name, ...args] = words;
      if (!name) throw new NginxSyntaxError('unexpected ";"', t.start);
      frame.list.push({ name: name.value, args, start: name.start, end: t.end });
      words = [];
    } else if (t.type === '{') {
      const [name, ...args] = words;
      if (!name) throw new NginxSyntaxError('unexpected "{"', t.start);
      const block: NginxDirective[] = [];
      frame.list.push({ name: name.value, args, start: name.start, end: t.end, block });
      stack.push({ list: block, open: t });
      words = [];
    } else {
      if (words.length) throw new NginxSyntaxError(`directive "${words[0]?.value}" is not terminated by ";"`, words[0]?.start ?? t.start);
      if (stack.length === 1) throw new NginxSyntaxError('unexpected "}"', t.start);
      stack.pop();
      const parent = stack[stack.length - 1]?.list;
      const owner = parent?.[parent.length - 1];
      if (owner) owner.end = t.end;
    }
  }
  if (words.length) throw new NginxSyntaxError(`directive "${words[0]?.value}" is not terminated by ";"`, words[0]?.start ?? text.length);
  if (stack.length > 1) throw new NginxSyntaxError('unexpected end of file, expecting "}"', stack[stack.length - 1]?.open?.start ?? text.length);
  return root;
}
