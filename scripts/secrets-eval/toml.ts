/**
 * The part of TOML the peer rule files use (../shared/reference/peer-rules/*.toml): `[table]` and `[[array.of.tables]]`
 * headers (dotted, the last element of an array being the parent of a nested array), `key = value` with basic,
 * literal and multi-line strings, arrays over several lines, numbers and booleans, `#` comments. Enough to read
 * gitleaks' and betterleaks' default configurations as data; not a general TOML parser.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export function parseToml(text: string): TomlTable {
  const root: TomlTable = {};
  let current: TomlTable = root;
  let i = 0;
  const err = (msg: string): never => {
    throw new Error(`toml: ${msg} at line ${text.slice(0, i).split('\n').length}`);
  };
  const skipSpace = (newlines: boolean) => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) i++;
      else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
      else return;
    }
  };
  const readKey = (): string => {
    if (text[i] === '"' || text[i] === "'") return readString();
    const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 200));
    if (!m) err('key expected');
    i += (m as RegExpExecArray)[0].length;
    return (m as RegExpExecArray)[0];
  };
  const readDotted = (): string[] => {
    const parts = [readKey()];
    for (skipSpace(false); text[i] === '.'; skipSpace(false)) {
      i++;
      skipSpace(false);
      parts.push(readKey());
    }
    return parts;
  };
  function readString(): string {
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      if (end < 0) err('unterminated literal string');
      let s = text.slice(i + 3, end);
      if (s.startsWith('\n')) s = s.slice(1);
      i = end + 3;
      return s;
    }
    if (text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      if (end < 0) err('unterminated string');
      let s = text.slice(i + 3, end);
      if (s.startsWith('\n')) s = s.slice(1);
      i = end + 3;
      return unescape(s.replace(/\\\r?\n\s*/g, ''));
    }
    if (text[i] === "'") {
      const end = text.indexOf("'", i + 1);
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    // basic string
    let s = '';
    i++;
    while (text[i] !== '"') {
      if (i >= text.length || text[i] === '\n') err('unterminated string');
      if (text[i] === '\\') {
        s += text.slice(i, i + 2);
        if (text[i + 1] === 'u') s += text.slice(i + 2, i + 6);
        if (text[i + 1] === 'U') s += text.slice(i + 2, i + 10);
        i += text[i + 1] === 'u' ? 6 : text[i + 1] === 'U' ? 10 : 2;
      } else s += text[i++];
    }
    i++;
    return unescape(s);
  }
  const readValue = (): TomlValue => {
    skipSpace(false);
    const c = text[i];
    if (c === '"' || c === "'") return readString();
    if (c === '[') {
      i++;
      const arr: TomlValue[] = [];
      for (;;) {
        skipSpace(true);
        if (text[i] === ']') {
          i++;
          return arr;
        }
        arr.push(readValue());
        skipSpace(true);
        if (text[i] === ',') i++;
        else if (text[i] !== ']') err('"," or "]" expected');
      }
    }
    if (c === '{') {
      i++;
      const t: TomlTable = {};
      for (;;) {
        skipSpace(false);
        if (text[i] === '}') {
          i++;
          return t;
        }
        const k = readKey();
        skipSpace(false);
        if (text[i++] !== '=') err('"=" expected');
        t[k] = readValue();
        skipSpace(false);
        if (text[i] === ',') i++;
      }
    }
    const m = /^(true|false|[+-]?[0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][+-]?[0-9]+)?)/.exec(text.slice(i, i + 64));
    if (!m) return err('value expected');
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : Number(m[0].replaceAll('_', ''));
  };
  /** The table a header names, creating tables on the way; `[[x.y]]` appends to x's last element's y. */
  const open = (path: string[], array: boolean): TomlTable => {
    let t: TomlTable = root;
    path.forEach((k, n) => {
      const last = n === path.length - 1;
      let v = t[k];
      if (last && array) {
        if (v === undefined) v = t[k] = [];
        if (!Array.isArray(v)) err(`${k} is not an array of tables`);
        const fresh: TomlTable = {};
        (v as TomlValue[]).push(fresh);
        t = fresh;
        return;
      }
      if (v === undefined) v = t[k] = {};
      if (Array.isArray(v)) v = v[v.length - 1] as TomlValue;
      if (typeof v !== 'object' || v === null) err(`${k} is not a table`);
      t = v as TomlTable;
    });
    return t;
  };
  for (;;) {
    skipSpace(true);
    if (i >= text.length) return root;
    if (text[i] === '[') {
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      skipSpace(false);
      const path = readDotted();
      if (!text.startsWith(array ? ']]' : ']', i)) err('"]" expected');
      i += array ? 2 : 1;
      current = open(path, array);
      continue;
    }
    const keys = readDotted();
    skipSpace(false);
    if (text[i++] !== '=') err('"=" expected');
    const value = readValue();
    let t = current;
    for (const k of keys.slice(0, -1)) t = (t[k] ??= {}) as TomlTable;
    t[keys[keys.length - 1] as string] = value;
  }
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, e: string) => {
    if (e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? e;
  });
}
