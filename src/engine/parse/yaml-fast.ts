/**
 * A fast first parse of the plain YAML that compose files are mostly written in: block mappings and sequences,
 * single-line plain and quoted scalars, flow collections, literal and folded block scalars, comments.
 * It returns the value `yaml`'s parseDocument + toJS would give and the source ranges of every key and value,
 * without building the library's Document (its lexer, CST, composer and node objects cost ~3-5x this pass;
 * docs/performance.md#a-fast-first-parse-of-yaml).
 *
 * Contract: `fastYaml` returns undefined for anything outside that subset or anything it is not sure the library
 * reads without an error (anchors, aliases, tags, merge keys, directives, document markers, tabs, CR, multi-line
 * plain or quoted scalars, explicit keys, keys that are not strings, `+` chomping, indentation indicators, …):
 * the caller then parses with the library, so messages and limits stay the library's. Where it returns a result,
 * the value is equal to toJS's and every range the path resolver gives is the library's (test/yaml-fast.test.ts
 * compares both on every YAML fixture and mutations of them). One thing is left to the library on purpose: how far
 * a collection's range reaches when comment lines follow its last entry (the library attributes such comments by
 * indentation); such a range is marked `loose` and answered from a Document parsed on first need.
 */
import type { PathSegment } from '../../model/location.js';

/** A scalar, mapping or sequence with the library's range: [start, value end, node end (comment and newline included)]. */
export type FastNode = FastScalar | FastMap | FastSeq;
interface Base {
  r0: number;
  r1: number;
  r2: number;
  /** r1/r2 may differ from the library's: comment lines follow the node's last line (see above). */
  loose: boolean;
}
export interface FastScalar extends Base {
  t: 0;
  v: unknown;
}
export interface FastMap extends Base {
  t: 1;
  keys: FastScalar[];
  /** The keys as toJS names them (String of the scalar's value), for path lookups. */
  names: string[];
  vals: FastNode[];
}
export interface FastSeq extends Base {
  t: 2;
  items: FastNode[];
}

export interface FastYaml {
  value: unknown;
  /** Undefined for an empty document. */
  root: FastNode | undefined;
}

const MAX_DEPTH = 200;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const REFUSED_CHARS = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]/;
/** The library's limit on an implicit key's length (KEY_OVER_1024_CHARS). */
const MAX_KEY = 1024;

class Unsupported {}
const UNSUPPORTED = new Unsupported();

/** The fast parse, or undefined when the text must go to the library. Never throws. */
export function fastYaml(text: string): FastYaml | undefined {
  // Tabs (indentation or separation rules), CR, other control and line-break characters, a BOM: the library's.
  if (REFUSED_CHARS.test(text)) return undefined;
  try {
    return new FastParser(text).document();
  } catch (e) {
    if (e === UNSUPPORTED || e instanceof RangeError) return undefined;
    throw e;
  }
}

function unsupported(): never {
  throw UNSUPPORTED;
}

const SP = 0x20;
const NL = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/** Characters a plain scalar cannot start with here (YAML indicators, and ones the library reserves). */
const PLAIN_START_REFUSED = new Set([...'&*!|>\'"%@`?:,[]{}#-'].map((c) => c.charCodeAt(0)));
const FLOW_END = new Set([...',[]{}'].map((c) => c.charCodeAt(0)));

// The core schema's plain-scalar tags, as the library tests them (yaml/dist/schema/core).
const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT_RE = /^0o[0-7]+$/;
const INT_RE = /^[-+]?[0-9]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema, as the library resolves it. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these can start a non-string: digits, sign, dot, `~`, n/N, t/T, f/F.
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e || c === 0x7e || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46)) return s;
  if (NULL_RE.test(s)) return null;
  if (BOOL_RE.test(s)) return c === 0x74 || c === 0x54;
  if (OCT_RE.test(s)) return parseInt(s.substring(2), 8);
  if (INT_RE.test(s)) return parseInt(s, 10);
  if (HEX_RE.test(s)) return parseInt(s.substring(2), 16);
  if (NAN_RE.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (EXP_RE.test(s) || FLOAT_RE.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\' };

class FastParser {
  private readonly len: number;
  private depth = 0;
  constructor(private readonly text: string) {
    this.len = text.length;
  }

  document(): FastYaml {
    const first = this.nextContent(0);
    if (first.pos >= this.len) return { value: null, root: undefined };
    const root = this.blockNode(first.pos, first.col, -1);
    const after = this.nextContent(root.next);
    if (after.pos < this.len) unsupported();
    return { value: root.value, root: root.node };
  }

  /**
   * From `p` (a line start), past blank and comment-only lines: the first content character and its column.
   * `comments`: whether a comment-only line was passed. Document markers and directives are refused.
   */
  private nextContent(p: number): { pos: number; col: number; comments: boolean } {
    const t = this.text;
    let comments = false;
    for (;;) {
      if (p >= this.len) return { pos: this.len, col: 0, comments };
      let q = p;
      while (t.charCodeAt(q) === SP) q++;
      const c = t.charCodeAt(q);
      if (q >= this.len) return { pos: this.len, col: 0, comments };
      if (c === NL) {
        p = q + 1;
        continue;
      }
      if (c === HASH) {
        comments = true;
        const nl = t.indexOf('\n', q);
        p = nl === -1 ? this.len : nl + 1;
        continue;
      }
      if (q === p && (c === 0x25 || ((c === DASH || c === 0x2e) && (t.startsWith('---', q) || t.startsWith('...', q))))) unsupported();
      return { pos: q, col: q - p, comments };
    }
  }

  /** After a node that ends at `p` on its line: trailing spaces, a comment (after a space), the newline. */
  private lineEnd(p: number): number {
    const t = this.text;
    let q = p;
    while (t.charCodeAt(q) === SP) q++;
    if (q >= this.len) return this.len;
    const c = t.charCodeAt(q);
    if (c === NL) return q + 1;
    if (c === HASH && q > p) {
      const nl = t.indexOf('\n', q);
      return nl === -1 ? this.len : nl + 1;
    }
    return unsupported();
  }

  /**
   * The block node whose first character is at `p` (column `col`), inside a parent at column `parent`.
   * `next`: the start of the line after the node. `value`: toJS's.
   */
  private blockNode(p: number, col: number, parent: number): { node: FastNode; value: unknown; next: number } {
    if (++this.depth > MAX_DEPTH) unsupported();
    try {
      const t = this.text;
      const c = t.charCodeAt(p);
      if (c === DASH && this.isSeqIndicator(p)) return this.blockSeq(p, col);
      if (c === 0x5b || c === 0x7b) {
        const f = this.flow(p, parent);
        const q = this.skipSpaces(f.end);
        if (t.charCodeAt(q) === COLON) unsupported(); // a flow collection as a key
        const next = this.lineEnd(f.end);
        return { node: this.close(f.node, next), value: f.value, next };
      }
      if (c === 0x22 || c === 0x27) {
        const s = this.quoted(p);
        const q = this.skipSpaces(s.end);
        if (t.charCodeAt(q) === COLON && this.isValueIndicator(q)) return this.blockMap(p, col);
        const next = this.lineEnd(s.end);
        return { node: this.scalarNode(p, s.end, next, s.value), value: s.value, next };
      }
      if (c === 0x7c || c === 0x3e) return this.blockScalar(p, parent);
      if (PLAIN_START_REFUSED.has(c) && !(c === DASH && this.plainDash(p))) unsupported();
      const s = this.plainLine(p);
      if (s.colon >= 0) return this.blockMap(p, col);
      const value = resolvePlain(t.slice(p, s.end));
      const next = this.lineEnd(s.end);
      return { node: this.scalarNode(p, s.end, next, value), value, next };
    } finally {
      this.depth--;
    }
  }

  private scalarNode(r0: number, r1: number, next: number, v: unknown): FastScalar {
    return { t: 0, r0, r1, r2: next, loose: this.nextContent(next).comments, v };
  }

  /** A flow collection's node once its line is ended. */
  private close(node: FastNode, next: number): FastNode {
    node.r2 = next;
    node.loose = this.nextContent(next).comments;
    return node;
  }

  private skipSpaces(p: number): number {
    while (this.text.charCodeAt(p) === SP) p++;
    return p;
  }

  /** `-` followed by a space, a newline or the end: a sequence entry. */
  private isSeqIndicator(p: number): boolean {
    const n = this.text.charCodeAt(p + 1);
    return p + 1 >= this.len || n === SP || n === NL;
  }

  /** `:` followed by a space, a newline or the end: a mapping value. */
  private isValueIndicator(p: number): boolean {
    const n = this.text.charCodeAt(p + 1);
    return p + 1 >= this.len || n === SP || n === NL;
  }

  /** A plain scalar may start with `-` when a non-space follows (`-1`, `--flag`). */
  private plainDash(p: number): boolean {
    const n = this.text.charCodeAt(p + 1);
    return p + 1 < this.len && n !== SP && n !== NL;
  }

  /**
   * A plain scalar on one line in block context from `p`: its end (trailing spaces dropped) and, when it is a
   * mapping key, the position of its `:` (else -1). A comment ends it.
   */
  private plainLine(p: number): { end: number; colon: number } {
    const t = this.text;
    let q = p;
    let end = p;
    for (; q < this.len; q++) {
      const c = t.charCodeAt(q);
      if (c === NL) break;
      if (c === HASH && t.charCodeAt(q - 1) === SP) break;
      if (c === COLON && this.isValueIndicator(q)) return { end, colon: q };
      if (c !== SP) end = q + 1;
    }
    return { end, colon: -1 };
  }

  /** A quoted scalar on one line: its value and the position after the closing quote. */
  private quoted(p: number): { value: string; end: number } {
    const t = this.text;
    const quote = t.charCodeAt(p);
    let out = '';
    let from = p + 1;
    for (let q = p + 1; q < this.len; q++) {
      const c = t.charCodeAt(q);
      if (c === NL) unsupported(); // multi-line: folding is the library's
      if (quote === 0x27) {
        if (c === 0x27) {
          if (t.charCodeAt(q + 1) === 0x27) {
            out += t.slice(from, q + 1);
            from = q + 2;
            q++;
            continue;
          }
          return { value: out + t.slice(from, q), end: q + 1 };
        }
      } else if (c === 0x22) {
        return { value: out + t.slice(from, q), end: q + 1 };
      } else if (c === 0x5c) {
        out += t.slice(from, q);
        const e = t[q + 1] ?? '';
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          q++;
        } else {
          const n = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
          const hex = t.slice(q + 2, q + 2 + n);
          if (n === 0 || hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) unsupported();
          const code = parseInt(hex, 16);
          if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) unsupported();
          out += String.fromCodePoint(code);
          q += 1 + n;
        }
        from = q + 1;
      }
    }
    return unsupported();
  }

  /** A block mapping whose first key starts at `p`, column `col`. */
  private blockMap(p: number, col: number): { node: FastMap; value: Record<string, unknown>; next: number } {
    const t = this.text;
    const keys: FastScalar[] = [];
    const names: string[] = [];
    const vals: FastNode[] = [];
    const value: Record<string, unknown> = {};
    let next = p;
    let last: FastNode | undefined;
    for (;;) {
      // The key.
      let keyEnd: number;
      let keyValue: unknown;
      let colon: number;
      const c = t.charCodeAt(p);
      if (c === 0x22 || c === 0x27) {
        const s = this.quoted(p);
        keyEnd = s.end;
        keyValue = s.value;
        colon = this.skipSpaces(s.end);
        if (t.charCodeAt(colon) !== COLON || !this.isValueIndicator(colon)) unsupported();
      } else {
        if (PLAIN_START_REFUSED.has(c) && !(c === DASH && this.plainDash(p))) unsupported();
        const s = this.plainLine(p);
        if (s.colon < 0) unsupported(); // a scalar where a key should be
        keyEnd = s.end;
        colon = s.colon;
        keyValue = resolvePlain(t.slice(p, s.end));
      }
      if (colon - p > MAX_KEY) unsupported();
      // Keys the library names otherwise (null → '') or sets specially are its own.
      if (keyValue === null || keyValue === '__proto__' || keyValue === '<<' || (typeof keyValue === 'number' && !Number.isFinite(keyValue))) unsupported();
      const name = String(keyValue);
      const key: FastScalar = { t: 0, r0: p, r1: keyEnd, r2: keyEnd, loose: false, v: keyValue };

      // The value.
      let val: FastNode;
      let v: unknown;
      const q = this.skipSpaces(colon + 1);
      const vc = t.charCodeAt(q);
      if (q >= this.len || vc === NL || vc === HASH) {
        if (vc === HASH && q === colon + 1) unsupported();
        const lineNext = this.lineEnd(q);
        const nc = this.nextContent(lineNext);
        if (nc.pos < this.len && (nc.col > col || (nc.col === col && t.charCodeAt(nc.pos) === DASH && this.isSeqIndicator(nc.pos)))) {
          const b = this.blockNode(nc.pos, nc.col, col);
          if (b.node.t === 0) unsupported(); // a scalar on the next line: multi-line forms are the library's
          val = b.node;
          v = b.value;
          next = b.next;
        } else {
          // An empty value: null, placed after the `:` and its spaces.
          val = { t: 0, r0: q, r1: q, r2: q, loose: true, v: null };
          v = null;
          next = lineNext;
        }
      } else {
        const inline = this.inlineValue(q, col);
        val = inline.node;
        v = inline.value;
        next = inline.next;
      }
      keys.push(key);
      names.push(name);
      vals.push(val);
      if (name in value) Object.defineProperty(value, name, { value: v, writable: true, enumerable: true, configurable: true });
      else value[name] = v;
      last = val;

      const nc = this.nextContent(next);
      if (nc.pos >= this.len || nc.col < col) break;
      if (nc.col > col) unsupported();
      if (t.charCodeAt(nc.pos) === DASH && this.isSeqIndicator(nc.pos)) unsupported();
      p = nc.pos;
    }
    const node: FastMap = { t: 1, r0: keys[0]!.r0, r1: last.r2, r2: last.r2, loose: last.loose, keys, names, vals };
    return { node, value, next };
  }

  /** A value on the line of its key (or of its `- `): flow, quoted, block scalar or plain; nothing nested. */
  private inlineValue(p: number, col: number): { node: FastNode; value: unknown; next: number } {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 0x5b || c === 0x7b) {
      const f = this.flow(p, col);
      const next = this.lineEnd(f.end);
      this.noContinuation(next, col);
      return { node: this.close(f.node, next), value: f.value, next };
    }
    if (c === 0x22 || c === 0x27) {
      const s = this.quoted(p);
      const next = this.lineEnd(s.end);
      this.noContinuation(next, col);
      return { node: this.scalarNode(p, s.end, next, s.value), value: s.value, next };
    }
    if (c === 0x7c || c === 0x3e) return this.blockScalar(p, col);
    if (PLAIN_START_REFUSED.has(c) && !(c === DASH && this.plainDash(p))) unsupported();
    const s = this.plainLine(p);
    if (s.colon >= 0) unsupported(); // `a: b: c`, or a compact mapping in a sequence entry: nested forms are the library's
    const value = resolvePlain(t.slice(p, s.end));
    const next = this.lineEnd(s.end);
    this.noContinuation(next, col);
    return { node: this.scalarNode(p, s.end, next, value), value, next };
  }

  /** A more-indented line after a one-line value would continue it (multi-line scalar) or be an error. */
  private noContinuation(next: number, col: number): void {
    const nc = this.nextContent(next);
    if (nc.pos < this.len && nc.col > col) unsupported();
  }

  /** A block sequence whose first `-` is at `p`, column `col`. */
  private blockSeq(p: number, col: number): { node: FastSeq; value: unknown[]; next: number } {
    const t = this.text;
    const items: FastNode[] = [];
    const value: unknown[] = [];
    const start = p;
    let next = p;
    for (;;) {
      const q = this.skipSpaces(p + 1);
      const c = t.charCodeAt(q);
      let item: { node: FastNode; value: unknown; next: number };
      if (q >= this.len || c === NL || c === HASH) unsupported(); // an empty entry, or the entry on the next line
      else if (c === DASH && this.isSeqIndicator(q)) unsupported(); // `- - a`
      else {
        const icol = q - (p - col);
        // A mapping may start on the entry's line (`- a: 1` then `  b: 2` at the same column).
        const first = c === 0x22 || c === 0x27 ? this.skipSpaces(this.quoted(q).end) : -1;
        const isMap = first >= 0 ? t.charCodeAt(first) === COLON && this.isValueIndicator(first) : !PLAIN_START_REFUSED.has(c) && this.plainLine(q).colon >= 0;
        item = isMap ? this.blockNode(q, icol, col) : this.inlineValue(q, col);
      }
      items.push(item.node);
      value.push(item.value);
      next = item.next;
      const nc = this.nextContent(next);
      if (nc.pos >= this.len || nc.col < col) break;
      if (nc.col > col) unsupported();
      // A line at the sequence's column that is no entry ends it (a compact sequence under a mapping key).
      if (!(t.charCodeAt(nc.pos) === DASH && this.isSeqIndicator(nc.pos))) break;
      p = nc.pos;
    }
    const last = items[items.length - 1]!;
    return { node: { t: 2, r0: start, r1: last.r2, r2: last.r2, loose: last.loose, items }, value, next };
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar at `p`, its lines more indented than `parent`. Clip and strip
   * chomping, no indentation indicator, no leading blank line, no blank line with spaces beyond the indentation,
   * and the last line ends with a newline.
   */
  private blockScalar(p: number, parent: number): { node: FastScalar; value: string; next: number } {
    const t = this.text;
    const folded = t.charCodeAt(p) === 0x3e;
    let h = p + 1;
    const strip = t.charCodeAt(h) === DASH;
    if (strip) h++;
    const hc = t.charCodeAt(h);
    if (h < this.len && hc !== SP && hc !== NL) unsupported(); // `+`, an indentation indicator, or anything else
    let lineStart = this.lineEnd(h);
    if (lineStart >= this.len || t.charCodeAt(lineStart - 1) !== NL) unsupported();
    let indent = 0;
    while (t.charCodeAt(lineStart + indent) === SP) indent++;
    if (indent <= parent || indent === 0) unsupported();
    const lc = t.charCodeAt(lineStart + indent);
    if (lc === NL || lineStart + indent >= this.len) unsupported(); // a leading blank line
    // [extra indentation, content] per line up to the last content line, blank lines as [0, ''].
    const lines: [number, string][] = [];
    let end = lineStart; // after the last content line's newline
    let blanks = 0;
    for (;;) {
      if (lineStart >= this.len) break;
      const nl = t.indexOf('\n', lineStart);
      if (nl === -1) unsupported(); // the last line without a newline
      let sp = 0;
      while (t.charCodeAt(lineStart + sp) === SP) sp++;
      if (lineStart + sp === nl) {
        if (sp > indent) unsupported(); // spaces beyond the indentation on a blank line
        blanks++;
        lineStart = nl + 1;
        continue;
      }
      if (sp < indent) break;
      for (; blanks > 0; blanks--) lines.push([0, '']);
      lines.push([sp - indent, t.slice(lineStart + sp, nl)]);
      end = nl + 1;
      lineStart = nl + 1;
    }
    // The library's joining (yaml/dist/compose/resolve-block-scalar.js): literal keeps every break; folded turns
    // a break between two lines of text into a space, and keeps those around more-indented lines.
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    for (const [more, content] of lines) {
      if (!folded) {
        value += sep + ' '.repeat(more) + content;
        sep = '\n';
      } else if (more > 0) {
        if (sep === ' ') sep = '\n';
        else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
        value += sep + ' '.repeat(more) + content;
        sep = '\n';
        prevMoreIndented = true;
      } else if (content === '') {
        if (sep === '\n') value += '\n';
        else sep = '\n';
      } else {
        value += sep + content;
        sep = ' ';
        prevMoreIndented = false;
      }
    }
    if (!strip) value += '\n';
    // The node ends after its last content line; blank lines after it are the next node's.
    return { node: { t: 0, r0: p, r1: end, r2: end, loose: this.nextContent(end).comments, v: value }, value, next: end };
  }

  /** A flow collection that closes on its own line: its node (r2 set by the caller), value and end. */
  private flow(p: number, parent: number): { node: FastNode; value: unknown; end: number } {
    if (++this.depth > MAX_DEPTH) unsupported();
    try {
      const t = this.text;
      const isMap = t.charCodeAt(p) === 0x7b;
      const close = isMap ? 0x7d : 0x5d;
      let q = this.flowSpace(p + 1, parent);
      const keys: FastScalar[] = [];
      const names: string[] = [];
      const vals: FastNode[] = [];
      const items: FastNode[] = [];
      const obj: Record<string, unknown> = {};
      const arr: unknown[] = [];
      while (t.charCodeAt(q) !== close) {
        const item = this.flowItem(q, isMap, parent);
        if (isMap) {
          q = this.skipSpaces(item.end);
          if (t.charCodeAt(q) !== COLON) unsupported(); // a key without a value, or its `:` on another line
          const kv = item.node.t === 0 ? item.node.v : undefined;
          if (item.node.t !== 0 || kv === null || kv === '__proto__' || kv === '<<' || (typeof kv === 'number' && !Number.isFinite(kv))) unsupported();
          const vq = this.skipSpaces(q + 1);
          if (vq === q + 1 && item.quoted !== true) unsupported(); // `a:b` is one plain scalar
          const vc = t.charCodeAt(vq);
          if (vq >= this.len || vc === 0x2c || vc === close || vc === NL || vc === HASH) unsupported(); // an empty value, or one on the next line
          const val = this.flowItem(vq, isMap, parent);
          const name = String(kv);
          keys.push(item.node as FastScalar);
          names.push(name);
          vals.push(val.node);
          if (name in obj) Object.defineProperty(obj, name, { value: val.value, writable: true, enumerable: true, configurable: true });
          else obj[name] = val.value;
          q = this.flowSpace(val.end, parent);
        } else {
          q = this.flowSpace(item.end, parent);
          if (t.charCodeAt(q) === COLON) unsupported(); // a single-pair mapping in a sequence
          items.push(item.node);
          arr.push(item.value);
        }
        const c = t.charCodeAt(q);
        if (c === 0x2c) {
          q = this.flowSpace(q + 1, parent);
          if (t.charCodeAt(q) === 0x2c) unsupported();
        } else if (c !== close) unsupported();
      }
      const end = q + 1;
      const node: FastNode = isMap ? { t: 1, r0: p, r1: end, r2: end, loose: false, keys, names, vals } : { t: 2, r0: p, r1: end, r2: end, loose: false, items };
      return { node, value: isMap ? obj : arr, end };
    } finally {
      this.depth--;
    }
  }

  /**
   * Spaces, line breaks and comments inside a flow collection, up to its next token. Its lines must be indented
   * past the block collection holding it (`parent`); its closing bracket may stand at that column.
   */
  private flowSpace(p: number, parent: number): number {
    const t = this.text;
    let q = this.skipSpaces(p);
    for (;;) {
      if (q >= this.len) unsupported();
      const c = t.charCodeAt(q);
      if (c === HASH) {
        if (q === p && t.charCodeAt(q - 1) !== SP && t.charCodeAt(q - 1) !== NL) unsupported();
        const nl = t.indexOf('\n', q);
        if (nl === -1) unsupported();
        q = nl;
        continue;
      }
      if (c !== NL) return q;
      const lineStart = q + 1;
      q = this.skipSpaces(lineStart);
      const n = t.charCodeAt(q);
      if (q >= this.len || n === NL) continue;
      if (q === lineStart && (t.startsWith('---', q) || t.startsWith('...', q))) unsupported();
      const col = q - lineStart;
      if (!(col > parent || ((n === 0x5d || n === 0x7d) && col === parent))) unsupported();
    }
  }

  /** One entry of a flow collection: a nested flow collection, a quoted or a plain scalar. */
  private flowItem(p: number, inMap: boolean, parent: number): { node: FastNode; value: unknown; end: number; quoted?: boolean } {
    const t = this.text;
    const c = t.charCodeAt(p);
    if (c === 0x5b || c === 0x7b) return this.flow(p, parent);
    if (c === 0x22 || c === 0x27) {
      const s = this.quoted(p);
      return { node: { t: 0, r0: p, r1: s.end, r2: s.end, loose: false, v: s.value }, value: s.value, end: s.end, quoted: true };
    }
    if (PLAIN_START_REFUSED.has(c) && !(c === DASH && this.plainDash(p))) unsupported();
    let q = p;
    let end = p;
    for (; q < this.len; q++) {
      const ch = t.charCodeAt(q);
      if (ch === NL || FLOW_END.has(ch)) break;
      if (ch === HASH && t.charCodeAt(q - 1) === SP) break;
      if (ch === COLON) {
        const n = t.charCodeAt(q + 1);
        if (n === SP || n === NL || FLOW_END.has(n) || q + 1 >= this.len) break;
        if (!inMap) unsupported();
      }
      if (ch !== SP) end = q + 1;
    }
    const value = resolvePlain(t.slice(p, end));
    return { node: { t: 0, r0: p, r1: end, r2: end, loose: false, v: value }, value, end };
  }
}

/**
 * The path resolver over a fast parse, with the library's answers (yaml.ts `yamlResolver`); undefined when the
 * answer needs a `loose` range, for the caller to ask the library.
 */
export function fastRange(root: FastNode | undefined, path: readonly PathSegment[], part: 'key' | 'value' | 'pair'): [number, number] | undefined | 'ask' {
  let node: FastNode | undefined = root;
  let key: FastScalar | undefined;
  for (const seg of path) {
    if (!node) return undefined;
    if (node.t === 2 && typeof seg === 'number') {
      node = node.items[seg];
      key = undefined;
      if (node === undefined) return undefined;
    } else if (node.t === 1) {
      const i = node.names.indexOf(String(seg));
      if (i < 0) return undefined;
      key = node.keys[i];
      node = node.vals[i];
    } else return undefined;
  }
  const rangeOf = (n: FastNode | undefined): [number, number] | undefined | 'ask' => (n ? (n.t !== 0 && n.loose ? 'ask' : [n.r0, n.r1]) : undefined);
  if (!key) return rangeOf(node);
  const keyR: [number, number] = [key.r0, key.r1];
  if (part === 'key') return keyR;
  const valR = rangeOf(node);
  if (valR === 'ask') return part === 'value' ? 'ask' : keyR;
  if (part === 'value') return valR && valR[1] > valR[0] ? valR : keyR;
  return valR && node?.t === 0 && valR[1] > valR[0] ? [keyR[0], valR[1]] : keyR;
}
