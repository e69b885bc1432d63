/**
 * A reader for HCL 2 (Terraform `*.tf`, `*.tfvars`) with a character range on everything it returns. It reads the
 * structure (blocks with labels, attributes) and the literal part of expressions (strings, numbers, booleans,
 * tuples, objects, heredocs, references such as `var.x`); any other expression (a function call, a conditional, a
 * `for`) is kept as one opaque `expr` with its text, so rules see it as unknown, never guess it. Why hand-written:
 * docs/infra.md#terraform.
 *
 * It is linear in the input and bounded in depth (MAX_HCL_DEPTH): deeper input throws HclSyntaxError, which the
 * parse stage reports as a parse error of that file.
 */
import type { HclAttribute, HclBlock, HclBody, HclExpr, HclObjectItem } from '../../model/target.js';

export const MAX_HCL_DEPTH = 100;

export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_-]/;

export function parseHcl(text: string): HclBody {
  return new Reader(text).file();
}

class Reader {
  private i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  file(): HclBody {
    const body = this.body(undefined);
    if (this.i < this.s.length) throw new HclSyntaxError(`unexpected "${this.s[this.i]}"`, this.i);
    return body;
  }

  private fail(message: string): never {
    throw new HclSyntaxError(message, Math.min(this.i, this.s.length));
  }

  private enter(): void {
    if (++this.depth > MAX_HCL_DEPTH) this.fail(`nested deeper than ${MAX_HCL_DEPTH} levels`);
  }

  /** Skips spaces and comments; newlines too when `newlines`. */
  private space(newlines: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        const nl = s.indexOf('\n', this.i);
        this.i = nl === -1 ? s.length : nl;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        this.i = end === -1 ? s.length : end + 2;
      } else if (c === '\\' && s[this.i + 1] === '\n') this.i += 2;
      else break;
    }
  }

  private ident(): string | undefined {
    const s = this.s;
    if (!IDENT_START.test(s[this.i] ?? '')) return undefined;
    const start = this.i;
    while (this.i < s.length && IDENT.test(s[this.i] as string)) this.i++;
    return s.slice(start, this.i);
  }

  /** Attributes and blocks until `}` (inside a block) or the end of the file. */
  private body(closing: '}' | undefined): HclBody {
    const attributes: HclAttribute[] = [];
    const blocks: HclBlock[] = [];
    for (;;) {
      this.space(true);
      if (this.i >= this.s.length) {
        if (closing) this.fail('block not closed');
        break;
      }
      if (this.s[this.i] === '}' && closing) break;
      const start = this.i;
      const name = this.ident();
      if (name === undefined) this.fail(`expected an attribute or block, found "${this.s[this.i]}"`);
      this.space(false);
      if (this.s[this.i] === '=' && this.s[this.i + 1] !== '=') {
        this.i++;
        this.space(false);
        const expr = this.expression();
        attributes.push({ name, nameStart: start, expr, start, end: expr.end });
        this.endOfItem();
        continue;
      }
      const labels: HclBlock['labels'][number][] = [];
      while (this.s[this.i] !== '{') {
        const ls = this.i;
        if (this.s[this.i] === '"') {
          const lit = this.quoted();
          labels.push({ value: lit.value, start: ls, end: this.i });
        } else {
          const l = this.ident();
          if (l === undefined) this.fail(`expected a block label or "{" after ${name}`);
          labels.push({ value: l, start: ls, end: this.i });
        }
        this.space(false);
      }
      this.i++; // {
      this.enter();
      const inner = this.body('}');
      this.depth--;
      this.i++; // }
      blocks.push({ type: name, labels, body: inner, start, end: this.i });
      this.endOfItem();
    }
    return { attributes, blocks };
  }

  /** After an attribute or a block: the end of the line, or `}` of a one-line block. */
  private endOfItem(): void {
    this.space(false);
    const c = this.s[this.i];
    if (c === undefined || c === '\n' || c === '}') return;
    this.fail(`expected a line break, found "${c}"`);
  }

  /**
   * One expression. A literal or a reference alone is returned as such; anything followed by an operator (or a
   * call, a conditional, a `for`) is one opaque `expr` spanning to the end of the expression.
   */
  private expression(): HclExpr {
    const start = this.i;
    const first = this.primary();
    this.space(false);
    if (this.atEnd()) return first;
    this.skipRest();
    return { kind: 'expr', text: this.s.slice(start, this.i), start, end: this.i };
  }

  /** Where an expression ends: a line break, a comment, a separator or a closing bracket at depth 0. */
  private atEnd(): boolean {
    const c = this.s[this.i];
    return c === undefined || c === '\n' || c === ',' || c === ']' || c === '}' || c === ')' || c === '#' || (c === '/' && (this.s[this.i + 1] === '/' || this.s[this.i + 1] === '*'));
  }

  /** Skips what remains of an expression (operators and operands, brackets balanced). */
  private skipRest(): void {
    for (;;) {
      this.space(false);
      if (this.atEnd()) return;
      const c = this.s[this.i] as string;
      if (c === '"' || c === '[' || c === '{' || c === '(' || (c === '<' && this.s[this.i + 1] === '<' && /[-A-Za-z_]/.test(this.s[this.i + 2] ?? ''))) this.primary();
      else this.i++;
    }
  }

  private primary(): HclExpr {
    const s = this.s;
    const start = this.i;
    const c = s[this.i];
    if (c === '"') {
      const { value, template } = this.quoted();
      return { kind: 'string', value, template, start, end: this.i, quoted: true };
    }
    if (c === '<' && s[this.i + 1] === '<') return this.heredoc();
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    if (c === '(') {
      this.balanced('(', ')');
      return { kind: 'expr', text: s.slice(start, this.i), start, end: this.i };
    }
    if (c !== undefined && /[0-9]/.test(c)) {
      while (/[0-9]/.test(s[this.i] ?? '')) this.i++;
      if (s[this.i] === '.' && /[0-9]/.test(s[this.i + 1] ?? '')) for (this.i++; /[0-9]/.test(s[this.i] ?? ''); ) this.i++;
      if (/[eE]/.test(s[this.i] ?? '') && /[-+0-9]/.test(s[this.i + 1] ?? '')) for (this.i += 2; /[0-9]/.test(s[this.i] ?? ''); ) this.i++;
      return { kind: 'number', value: Number(s.slice(start, this.i)), start, end: this.i };
    }
    if (c === '-' || c === '!') {
      this.i++;
      this.space(false);
      this.primary();
      return { kind: 'expr', text: s.slice(start, this.i), start, end: this.i };
    }
    const name = this.ident();
    if (name === undefined) this.fail(c === undefined ? 'expression expected' : `unexpected "${c}"`);
    if (name === 'true' || name === 'false') return { kind: 'bool', value: name === 'true', start, end: this.i };
    if (name === 'null') return { kind: 'null', start, end: this.i };
    if (s[this.i] === '(') {
      this.balanced('(', ')');
      return { kind: 'expr', text: s.slice(start, this.i), start, end: this.i };
    }
    // A traversal: `var.x`, `aws_instance.a[0].id`, `local.m["k"]`, splats.
    for (;;) {
      if (s[this.i] === '.' && /[A-Za-z_*0-9]/.test(s[this.i + 1] ?? '')) {
        this.i++;
        if (s[this.i] === '*') this.i++;
        else if (/[0-9]/.test(s[this.i] as string)) while (/[0-9]/.test(s[this.i] ?? '')) this.i++;
        else this.ident();
      } else if (s[this.i] === '[') this.balanced('[', ']');
      else break;
    }
    return { kind: 'ref', text: s.slice(start, this.i), start, end: this.i };
  }

  /** A bracketed span skipped whole (strings and heredocs inside read properly). */
  private balanced(open: string, close: string): void {
    this.enter();
    this.i++;
    for (;;) {
      this.space(true);
      const c = this.s[this.i];
      if (c === undefined) this.fail(`"${open}" not closed`);
      if (c === close) {
        this.i++;
        break;
      }
      if (c === '"' || c === '[' || c === '{' || c === '(' || (c === '<' && this.s[this.i + 1] === '<' && /[-A-Za-z_]/.test(this.s[this.i + 2] ?? ''))) this.primary();
      else if (c === ']' || c === '}' || c === ')') this.fail(`unexpected "${c}"`);
      else this.i++;
    }
    this.depth--;
  }

  private tuple(): HclExpr {
    const start = this.i;
    const save = this.i;
    this.i++;
    this.space(true);
    if (/^for\s/.test(this.s.slice(this.i, this.i + 4))) {
      this.i = save;
      this.balanced('[', ']');
      return { kind: 'expr', text: this.s.slice(start, this.i), start, end: this.i };
    }
    this.enter();
    const items: HclExpr[] = [];
    for (;;) {
      this.space(true);
      if (this.s[this.i] === ']') break;
      if (this.i >= this.s.length) this.fail('"[" not closed');
      items.push(this.expression());
      this.space(true);
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail(`expected "," or "]", found "${this.s[this.i] ?? 'end of file'}"`);
    }
    this.i++;
    this.depth--;
    return { kind: 'tuple', items, start, end: this.i };
  }

  private object(): HclExpr {
    const start = this.i;
    this.i++;
    this.space(true);
    if (/^for\s/.test(this.s.slice(this.i, this.i + 4))) {
      this.i = start;
      this.balanced('{', '}');
      return { kind: 'expr', text: this.s.slice(start, this.i), start, end: this.i };
    }
    this.enter();
    const items: HclObjectItem[] = [];
    for (;;) {
      this.space(true);
      if (this.s[this.i] === '}') break;
      if (this.i >= this.s.length) this.fail('"{" not closed');
      const keyStart = this.i;
      let key: string;
      if (this.s[this.i] === '"') key = this.quoted().value;
      else if (this.s[this.i] === '(') {
        this.balanced('(', ')');
        key = this.s.slice(keyStart, this.i);
      } else {
        const k = this.primary();
        key = this.s.slice(keyStart, k.end);
      }
      const keyEnd = this.i;
      this.space(false);
      if (this.s[this.i] !== '=' && this.s[this.i] !== ':') this.fail(`expected "=" or ":" after an object key`);
      this.i++;
      this.space(false);
      const value = this.expression();
      items.push({ key, keyStart, keyEnd, value });
      this.space(false);
      if (this.s[this.i] === ',') this.i++;
    }
    this.i++;
    this.depth--;
    return { kind: 'object', items, start, end: this.i };
  }

  /**
   * A quoted string: escapes decoded, `${…}` and `%{…}` kept as written (nested quotes inside them read). Its value
   * is the template text; `template` says whether it interpolates.
   */
  private quoted(): { value: string; template: boolean } {
    const s = this.s;
    this.i++;
    let out = '';
    let template = false;
    for (;;) {
      const c = s[this.i];
      if (c === undefined || c === '\n') this.fail('string not closed');
      if (c === '"') {
        this.i++;
        return { value: out, template };
      }
      if (c === '\\') {
        const n = s[this.i + 1] ?? '';
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
        this.i += 2;
        continue;
      }
      if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') {
        // `$${` is a literal `${` (and `%%{` a literal `%{`).
        out += `${c}{`;
        this.i += 3;
        continue;
      }
      if ((c === '$' || c === '%') && s[this.i + 1] === '{') {
        template = true;
        const from = this.i;
        this.i++;
        this.balanced('{', '}');
        out += s.slice(from, this.i);
        continue;
      }
      out += c;
      this.i++;
    }
  }

  /** `<<EOF … EOF` and `<<-EOF` (indentation stripped): the body verbatim, with a map back to the file. */
  private heredoc(): HclExpr {
    const s = this.s;
    const start = this.i;
    this.i += 2;
    const strip = s[this.i] === '-';
    if (strip) this.i++;
    const delimiter = this.ident();
    if (!delimiter) this.fail('heredoc delimiter expected');
    const nl = s.indexOf('\n', this.i);
    if (nl === -1) this.fail('heredoc not closed');
    const lines: { text: string; off: number }[] = [];
    let p = nl + 1;
    for (;;) {
      if (p >= s.length) {
        this.i = s.length;
        this.fail(`heredoc ${delimiter} not closed`);
      }
      let e = s.indexOf('\n', p);
      if (e === -1) e = s.length;
      const line = s.slice(p, e).replace(/\r$/, '');
      if (line.trim() === delimiter) {
        this.i = p + line.length;
        break;
      }
      lines.push({ text: line, off: p });
      p = e + 1;
    }
    const indent = strip ? Math.min(...lines.filter((l) => l.text.trim()).map((l) => l.text.length - l.text.trimStart().length)) : 0;
    const cut = Number.isFinite(indent) ? indent : 0;
    let value = '';
    const map: number[] = [];
    for (const l of lines) {
      const body = l.text.slice(Math.min(cut, l.text.length - l.text.trimStart().length));
      const from = l.off + (l.text.length - body.length);
      for (let k = 0; k < body.length; k++) map.push(from + k);
      map.push(l.off + l.text.length);
      value += `${body}\n`;
    }
    return { kind: 'heredoc', value, start, end: this.i, template: value.includes('${') || value.includes('%{'), map };
  }
}
