/**
 * The literal subset of a program's value syntax (a Python dict/list literal, a jq object construction), rewritten
 * as JSON5 text with the file offset of each character, so the OpenClaw config parser and its locator read it as
 * they read a heredoc config (parse/embedded.ts). Strings, numbers, booleans/null, lists and objects with literal
 * keys are read as written; anything else a value can be (a call, a variable the script does not set to a literal,
 * string interpolation) becomes the reference `"${UNKNOWN}"`: provided at run time, never guessed. A key that is
 * not a literal makes its whole object unknown (a key the config may or may not have).
 *
 * Hand-written: no maintained parser reads Python or jq literals with positions, and only this small subset is read.
 */

export type Dialect = 'python' | 'jq';

/** A text and the file offset of each of its characters (parse/shell.ts `ShellSource`). */
export interface Source {
  text: string;
  at(i: number): number;
}

/** JSON5 text, and for each of its characters (and one past the end) the file offset it came from. */
export interface Rewritten {
  text: string;
  map: number[];
}

/** The value of an expression nothing in the file states. */
export const UNKNOWN = '"${UNKNOWN}"';

/**
 * What a name stands for: its JSON5 text (`"lan"`, `${TOKEN}` as a reference), or undefined when unknown.
 * Python: a module-level constant; jq: an `--arg`/`--argjson` value (`$name`).
 */
export type Names = (name: string) => string | undefined;

const MAX_DEPTH = 64;
const isIdentStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isIdent = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const CLOSERS = new Set([',', '}', ']', ')', ':']);

export class LiteralReader {
  private out: string[] = [];
  private offs: number[] = [];
  constructor(
    private readonly src: Source,
    private readonly dialect: Dialect,
    private readonly names: Names = () => undefined,
  ) {}

  /**
   * The expression in `[start, end)` as JSON5, or undefined when it is not one value (then nothing is known:
   * the caller decides what an unknown value means there). Inner values that are not literals are `UNKNOWN`.
   */
  read(start: number, end: number): Rewritten | undefined {
    this.out = [];
    this.offs = [];
    const i = this.skipSpace(start, end);
    if (i >= end) return undefined;
    const next = this.value(i, end, 0);
    if (next === undefined || this.skipSpace(next, end) < end) return undefined;
    const map = [...this.offs, this.src.at(Math.max(start, end - 1)) + 1];
    return { text: this.out.join(''), map };
  }

  /** Index after the end of an expression that starts at `i`: the next `,` `}` `]` `)` (or `end`) at its own depth. */
  skipExpression(i: number, end: number): number {
    const t = this.src.text;
    let depth = 0;
    while (i < end) {
      const c = t[i];
      if (c === '"' || c === "'") i = this.skipString(i, end);
      else if (c === '#') i = this.lineEnd(i, end);
      else if (c === '(' || c === '[' || c === '{') {
        depth++;
        i++;
      } else if (c === ')' || c === ']' || c === '}' || (c === ',' && depth === 0) || (c === ':' && depth === 0 && this.dialect === 'python')) {
        if (depth === 0) return i;
        depth--;
        i++;
      } else i++;
    }
    return end;
  }

  skipSpace(i: number, end: number): number {
    const t = this.src.text;
    while (i < end) {
      if (isSpace(t[i]) || (t[i] === '\\' && t[i + 1] === '\n')) i++;
      else if (t[i] === '#') i = this.lineEnd(i, end);
      else break;
    }
    return i;
  }

  private lineEnd(i: number, end: number): number {
    const nl = this.src.text.indexOf('\n', i);
    return nl === -1 || nl > end ? end : nl;
  }

  private emit(s: string, from: number, to: number): void {
    // The first character at `from`, the last at `to - 1`, those between at `from` (exact when lengths agree).
    const exact = s.length === to - from;
    for (let k = 0; k < s.length; k++) {
      this.out.push(s[k] as string);
      this.offs.push(this.src.at(exact ? from + k : k === s.length - 1 ? Math.max(from, to - 1) : from));
    }
  }

  private checkpoint(): number {
    return this.out.length;
  }
  private rollback(n: number): void {
    this.out.length = n;
    this.offs.length = n;
  }

  /** One value from `i`; its JSON5 is emitted. Returns the index after it, or undefined (nothing emitted). */
  private value(i: number, end: number, depth: number): number | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const t = this.src.text;
    const c = t[i];
    const mark = this.checkpoint();
    let next: number | undefined;
    if (c === '{') next = this.object(i, end, depth);
    else if (c === '[') next = this.list(i, end, depth);
    else if (c === '"' || c === "'" || (isIdentStart(c) && this.stringPrefix(i) !== undefined)) next = this.string(i, end);
    else if (c === '-' || (c !== undefined && /[0-9]/.test(c))) next = this.number(i, end);
    else if (isIdentStart(c) || c === '$') next = this.name(i, end);
    if (next === undefined) this.rollback(mark);
    return next;
  }

  /**
   * A value inside a list or object: a literal, else the expression up to the next separator as `UNKNOWN`. An
   * object or list that is not all literal keys is not a value of unknown type: it makes its container unreadable.
   */
  private member(i: number, end: number, depth: number): number | undefined {
    const mark = this.checkpoint();
    const next = this.value(i, end, depth + 1);
    if (next !== undefined) {
      const after = this.skipSpace(next, end);
      const c = this.src.text[after];
      if (after >= end || (c !== undefined && CLOSERS.has(c) && c !== ':')) return next;
    }
    this.rollback(mark);
    const first = this.src.text[i];
    if ((first === '{' || first === '[') && next === undefined) return undefined;
    const stop = this.skipExpression(i, end);
    let e = stop;
    while (e > i && isSpace(this.src.text[e - 1])) e--;
    this.emit(UNKNOWN, i, Math.max(e, i + 1));
    return stop;
  }

  private list(i: number, end: number, depth: number): number | undefined {
    const t = this.src.text;
    this.emit('[', i, i + 1);
    i = this.skipSpace(i + 1, end);
    while (i < end && t[i] !== ']') {
      const next = this.member(i, end, depth);
      if (next === undefined) return undefined;
      i = this.skipSpace(next, end);
      if (t[i] === ',') {
        this.emit(',', i, i + 1);
        i = this.skipSpace(i + 1, end);
      } else if (t[i] !== ']') return undefined;
    }
    if (t[i] !== ']') return undefined;
    this.emit(']', i, i + 1);
    return i + 1;
  }

  private object(i: number, end: number, depth: number): number | undefined {
    const t = this.src.text;
    this.emit('{', i, i + 1);
    i = this.skipSpace(i + 1, end);
    while (i < end && t[i] !== '}') {
      const keyEnd = this.key(i, end);
      if (keyEnd === undefined) return undefined;
      i = this.skipSpace(keyEnd, end);
      if (t[i] !== ':') return undefined;
      this.emit(':', i, i + 1);
      const next = this.member(this.skipSpace(i + 1, end), end, depth);
      if (next === undefined) return undefined;
      i = this.skipSpace(next, end);
      if (t[i] === ',') {
        this.emit(',', i, i + 1);
        i = this.skipSpace(i + 1, end);
      } else if (t[i] !== '}') return undefined;
    }
    if (t[i] !== '}') return undefined;
    this.emit('}', i, i + 1);
    return i + 1;
  }

  /** A literal key: a plain string (both dialects) or a bare identifier (jq `{gateway: …}`). */
  private key(i: number, end: number): number | undefined {
    const t = this.src.text;
    if (this.dialect === 'jq' && isIdentStart(t[i])) {
      let j = i;
      while (j < end && isIdent(t[j])) j++;
      this.emit(JSON.stringify(t.slice(i, j)), i, j);
      return j;
    }
    const s = this.stringValue(i, end);
    if (!s || s.value === undefined) return undefined;
    this.emit(JSON.stringify(s.value), i, s.next);
    return s.next;
  }

  /** Python's string prefixes (`r`, `b`, `f`, `rb`…) right before a quote: the prefix, else undefined. */
  private stringPrefix(i: number): string | undefined {
    if (this.dialect !== 'python') return undefined;
    const t = this.src.text;
    let j = i;
    while (j < i + 2 && /[rRbBuUfF]/.test(t[j] ?? '')) j++;
    return j > i && (t[j] === '"' || t[j] === "'") ? t.slice(i, j).toLowerCase() : undefined;
  }

  private string(i: number, end: number): number | undefined {
    const s = this.stringValue(i, end);
    if (!s) return undefined;
    if (s.value === undefined) this.emit(UNKNOWN, i, s.next);
    else this.emit(JSON.stringify(s.value), i, s.next);
    return s.next;
  }

  /** A string literal from `i`: its value (undefined when it is not a constant: f-string, interpolation, bytes). */
  stringValue(i: number, end: number): { value: string | undefined; next: number } | undefined {
    const t = this.src.text;
    const prefix = this.stringPrefix(i) ?? '';
    let j = i + prefix.length;
    const q = t[j];
    if (q !== '"' && (q !== "'" || this.dialect === 'jq')) return undefined;
    const triple = this.dialect === 'python' && t[j + 1] === q && t[j + 2] === q;
    if (triple) {
      const close = t.indexOf(q.repeat(3), j + 3);
      return close === -1 || close + 3 > end ? undefined : { value: undefined, next: close + 3 };
    }
    j++;
    let value = '';
    let constant = !prefix.includes('f') && !prefix.includes('b');
    const raw = prefix.includes('r');
    while (j < end && t[j] !== q) {
      const c = t[j] as string;
      if (c === '\n') return undefined;
      if (c === '\\') {
        const d = t[j + 1] ?? '';
        if (this.dialect === 'jq' && d === '(') {
          // `"\(expr)"`: interpolation, read past its balanced parentheses.
          constant = false;
          j = this.skipExpression(j + 2, end) + 1;
          continue;
        }
        if (raw) value += c + d;
        else if (d === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(j + 2, j + 6))) {
          value += String.fromCharCode(parseInt(t.slice(j + 2, j + 6), 16));
          j += 6;
          continue;
        } else value += ESCAPES[d] ?? (this.dialect === 'python' ? c + d : d);
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    if (t[j] !== q) return undefined;
    return { value: constant ? value : undefined, next: j + 1 };
  }

  private number(i: number, end: number): number | undefined {
    const t = this.src.text;
    let j = i;
    if (t[j] === '-') j++;
    const digits = () => {
      const from = j;
      while (j < end && /[0-9_]/.test(t[j] ?? '')) j++;
      return j > from;
    };
    if (!digits()) return undefined;
    if (t[j] === '.') {
      j++;
      digits();
    }
    if (t[j] === 'e' || t[j] === 'E') {
      j++;
      if (t[j] === '+' || t[j] === '-') j++;
      if (!digits()) return undefined;
    }
    if (isIdent(t[j]) || t[j] === '.') return undefined; // 0o755, 1.2.3, 10j: not a plain number
    const text = t.slice(i, j).replace(/_/g, '');
    if (!/^-?\d/.test(text)) return undefined;
    this.emit(text, i, j);
    return j;
  }

  /** Keywords, environment lookups, names the caller knows; anything else is not a literal. */
  private name(i: number, end: number): number | undefined {
    const t = this.src.text;
    let j = t[i] === '$' ? i + 1 : i;
    while (j < end && isIdent(t[j])) j++;
    const word = t.slice(i, j);
    const keywords: Record<string, string> = this.dialect === 'python' ? { True: 'true', False: 'false', None: 'null' } : { true: 'true', false: 'false', null: 'null' };
    const kw = keywords[word];
    if (kw) {
      this.emit(kw, i, j);
      return j;
    }
    // An environment variable: `os.environ.get('X', …)`, `os.getenv("X")`, `os.environ['X']`; jq `env.X`, `$ENV.X`.
    const env = this.envLookup(i, end);
    if (env) {
      this.emit(JSON.stringify(`\${${env.name}}`), i, env.next);
      return env.next;
    }
    const known = this.names(word);
    if (known !== undefined && !(t[j] === '.' || t[j] === '(' || t[j] === '[')) {
      this.emit(known, i, j);
      return j;
    }
    return undefined;
  }

  private envLookup(i: number, end: number): { name: string; next: number } | undefined {
    const t = this.src.text.slice(i, Math.min(end, i + 300));
    const m = this.dialect === 'python' ? /^os\.(?:environ\.get|getenv)\(\s*["']([A-Z_][A-Z0-9_]*)["']/.exec(t) ?? /^os\.environ\[\s*["']([A-Z_][A-Z0-9_]*)["']\s*\]/.exec(t) : /^(?:env|\$ENV)\.([A-Z_][A-Z0-9_]*)/.exec(t);
    if (!m?.[1]) return undefined;
    // A call: up to its closing parenthesis (a default inside is not the value the deployment provides).
    if (!(m[0].endsWith("'") || m[0].endsWith('"'))) return { name: m[1], next: i + m[0].length };
    const close = this.skipExpression(i + m[0].indexOf(m[0].includes('(') ? '(' : '[') + 1, end);
    const closer = this.src.text[close];
    if (closer === ',') {
      // `os.environ.get("X", default)`: past the default to the closing parenthesis.
      const after = this.skipExpression(close + 1, end);
      return this.src.text[after] === ')' ? { name: m[1], next: after + 1 } : undefined;
    }
    return closer === ')' || closer === ']' ? { name: m[1], next: close + 1 } : undefined;
  }

  /** Index after the string literal at `i` (for skipping); `i + 1` when it is not one. */
  private skipString(i: number, end: number): number {
    const s = this.stringValue(i, end);
    if (s) return s.next;
    const q = this.src.text[i];
    const close = this.src.text.indexOf(q ?? '"', i + 1);
    return close === -1 || close >= end ? end : close + 1;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '/': '/', b: '\b', f: '\f', '0': '\0' };
