/**
 * Azure Bicep (`*.bicep`) and its parameter files (`*.bicepparam`), read into a plain value with the range of each
 * path, for the PaaS rules (docs/infra.md#bicep-why-a-hand-written-reader):
 *
 * ```
 * { params:    { <name>: { type, secure, default? } },        // `param x string = '…'` (decorators: `@secure()`)
 *   vars:      { <name>: <value> },                            // `var x = …`
 *   resources: { <symbol>: { type, existing, body } },         // `resource s 'Microsoft.App/containerApps@…' = { … }`
 *   modules:   { <symbol>: { path, body } } }                  // `module m './x.bicep' = { … }`
 * ```
 *
 * Values: strings (as written: an interpolation `'${name}-id'` stays `${name}` text, an unknown to every reader),
 * numbers, booleans, null, objects and arrays; anything else (a reference, a call, a ternary, a `for`) is kept as
 * `{ $expr: '<its text>' }`, which a rule may resolve against a parameter's literal default and never guesses. One
 * linear pass; nesting bounded by MAX_BICEP_DEPTH; an unreadable construct is a parse error with its offset.
 */
import type { PathSegment } from '../../model/location.js';

export const MAX_BICEP_DEPTH = 100;

export class BicepSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** An expression the reader does not evaluate, kept as written. */
export interface BicepExpr {
  $expr: string;
}

export interface BicepDocument {
  params: Record<string, { type: string; secure: boolean; default?: unknown }>;
  vars: Record<string, unknown>;
  resources: Record<string, { type: string; existing: boolean; body: unknown }>;
  modules: Record<string, { path: string; body: unknown }>;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_]/;

/**
 * The range of each path, as a tree (one node per value: a flat map keyed by whole paths would cost the depth in
 * every key, quadratic on a hostile, deeply nested file).
 */
class RangeNode {
  range?: [number, number];
  private children?: Map<PathSegment, RangeNode>;
  child(seg: PathSegment): RangeNode {
    this.children ??= new Map();
    let c = this.children.get(seg);
    if (!c) this.children.set(seg, (c = new RangeNode()));
    return c;
  }
  find(path: readonly PathSegment[], from = 0): [number, number] | undefined {
    if (from === path.length) return this.range;
    return this.children?.get(path[from] as PathSegment)?.find(path, from + 1);
  }
}

/** Bicep text into a `BicepDocument` and `rangeOf(path)`: the range (`[start, end]`) of a path, if it is there. */
export function readBicep(s: string): { value: BicepDocument; rangeOf: (path: readonly PathSegment[]) => [number, number] | undefined } {
  const doc: BicepDocument = { params: {}, vars: {}, resources: {}, modules: {} };
  const root = new RangeNode();
  const n = s.length;
  let i = 0;

  /** Spaces and comments; line breaks too when `lines`. */
  const skip = (lines: boolean) => {
    for (;;) {
      const c = s[i];
      if (c === ' ' || c === '\t' || c === '\r' || (lines && c === '\n')) i++;
      else if (c === '/' && s[i + 1] === '/') {
        const nl = s.indexOf('\n', i);
        i = nl === -1 ? n : nl;
      } else if (c === '/' && s[i + 1] === '*') {
        const end = s.indexOf('*/', i + 2);
        if (end === -1) throw new BicepSyntaxError('comment not closed', i);
        i = end + 2;
      } else return;
    }
  };
  const ident = (): string => {
    if (!IDENT_START.test(s[i] ?? '')) throw new BicepSyntaxError('name expected', i);
    const start = i;
    while (i < n && IDENT.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  /** A string at `i` (`'…'` with `\` escapes and `${…}` kept as written, or `'''…'''` verbatim). */
  const string = (depth: number): string => {
    const start = i;
    if (s.startsWith("'''", i)) {
      const end = s.indexOf("'''", i + 3);
      if (end === -1) throw new BicepSyntaxError('string not closed', start);
      i = end + 3;
      return s.slice(start + 3, end).replace(/^\r?\n/, '');
    }
    i++;
    let out = '';
    for (;;) {
      const c = s[i];
      if (c === undefined || c === '\n') throw new BicepSyntaxError('string not closed', start);
      if (c === "'") {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = s[i + 1] ?? '';
        out += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
        i += 2;
      } else if (c === '$' && s[i + 1] === '{') {
        const from = i;
        i += 2;
        balanced(depth + 1, '}');
        out += s.slice(from, i);
      } else {
        out += c;
        i++;
      }
    }
  };
  /** Past a balanced run up to (and over) `close`: brackets, strings and comments honoured. */
  const balanced = (depth: number, close: string) => {
    if (depth > MAX_BICEP_DEPTH) throw new BicepSyntaxError(`nested deeper than ${MAX_BICEP_DEPTH} levels`, i);
    for (;;) {
      const c = s[i];
      if (c === undefined) throw new BicepSyntaxError(`"${close}" expected`, i);
      if (c === close) {
        i++;
        return;
      }
      if (c === "'") string(depth);
      else if (c === '(' || c === '[' || c === '{') {
        i++;
        balanced(depth + 1, c === '(' ? ')' : c === '[' ? ']' : '}');
      } else if (c === ')' || c === ']' || c === '}') throw new BicepSyntaxError(`unexpected "${c}"`, i);
      else if (c === '/' && (s[i + 1] === '/' || s[i + 1] === '*')) skip(false);
      else i++;
    }
  };
  /** An expression from `start` (read up to `i` already), to its end: a line break, `,`, or a closing bracket at its own level. */
  const expression = (depth: number, start = i): BicepExpr => {
    for (;;) {
      const c = s[i];
      if (c === undefined || c === '\n' || c === ',' || c === ')' || c === ']' || c === '}') break;
      if (c === '/' && s[i + 1] === '/') break;
      if (c === "'") string(depth);
      else if (c === '(' || c === '[' || c === '{') {
        i++;
        balanced(depth + 1, c === '(' ? ')' : c === '[' ? ']' : '}');
      } else if (c === '/' && s[i + 1] === '*') skip(false);
      else i++;
    }
    const text = s.slice(start, i).trim();
    if (!text) throw new BicepSyntaxError('value expected', start);
    return { $expr: text };
  };
  /** Whether the value just read ends here (else it was the start of a longer expression: `[] : x`, `'a'[0]`). */
  const ends = (): boolean => {
    let j = i;
    while (s[j] === ' ' || s[j] === '\t' || s[j] === '\r') j++;
    const c = s[j];
    return c === undefined || c === '\n' || c === ',' || c === ')' || c === ']' || c === '}' || (c === '/' && (s[j + 1] === '/' || s[j + 1] === '*'));
  };
  const value = (node: RangeNode, depth: number): unknown => {
    if (depth > MAX_BICEP_DEPTH) throw new BicepSyntaxError(`nested deeper than ${MAX_BICEP_DEPTH} levels`, i);
    const start = i;
    let v: unknown;
    const c = s[i];
    if (c === '{') v = object(node, depth);
    else if (c === '[' && !/^\[\s*for\b/.test(s.slice(i, i + 16))) v = array(node, depth);
    else if (c === "'") v = string(depth);
    else {
      const m = /^(?:true|false|null|-?\d+(?:\.\d+)?)/.exec(s.slice(i, i + 32));
      if (m && !IDENT.test(s[i + m[0].length] ?? '')) {
        i += m[0].length;
        v = m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
      } else v = expression(depth);
    }
    // Read on from here (not again from `start`: nested values that each continue would cost depth × length).
    if (!ends()) v = expression(depth, start);
    node.range = [node.range?.[0] ?? start, i];
    return v;
  };
  const object = (node: RangeNode, depth: number): Record<string, unknown> => {
    const start = i;
    i++;
    const out: Record<string, unknown> = {};
    for (;;) {
      skip(true);
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === '}') {
        i++;
        return out;
      }
      if (i >= n) throw new BicepSyntaxError('object not closed', start);
      const keyStart = i;
      const k = s[i] === "'" ? string(depth) : ident();
      skip(false);
      if (s[i] !== ':') throw new BicepSyntaxError('":" expected', i);
      i++;
      skip(false);
      const child = node.child(k);
      child.range = [keyStart, keyStart];
      out[k] = value(child, depth + 1);
    }
  };
  const array = (node: RangeNode, depth: number): unknown[] => {
    const start = i;
    i++;
    const out: unknown[] = [];
    for (;;) {
      skip(true);
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ']') {
        i++;
        return out;
      }
      if (i >= n) throw new BicepSyntaxError('array not closed', start);
      out.push(value(node.child(out.length), depth + 1));
    }
  };
  /** `= [if (…)] <value>` after a resource or module header. */
  const body = (node: RangeNode): unknown => {
    skip(false);
    if (s[i] !== '=') throw new BicepSyntaxError('"=" expected', i);
    i++;
    skip(false);
    if (/^if\s*\(/.test(s.slice(i, i + 8))) {
      i = s.indexOf('(', i) + 1;
      balanced(1, ')');
      skip(false);
    }
    return value(node, 1);
  };

  let decorators: string[] = [];
  for (;;) {
    skip(true);
    if (i >= n) break;
    const start = i;
    if (s[i] === '@') {
      i++;
      let name = ident();
      while (s[i] === '.') {
        i++;
        name = ident();
      }
      skip(false);
      if (s[i] === '(') {
        i++;
        balanced(1, ')');
      }
      decorators.push(name);
      continue;
    }
    const word = IDENT_START.test(s[i] as string) ? ident() : '';
    skip(false);
    if (word === 'param') {
      const name = ident();
      skip(false);
      // `param x string = …` (a template) or `param x = …` (a .bicepparam file): the type runs to `=` or the line's end.
      const typeStart = i;
      while (i < n && s[i] !== '\n' && s[i] !== '=') {
        const c = s[i];
        if (c === "'") string(1);
        else if (c === '(' || c === '[' || c === '{') {
          i++;
          balanced(1, c === '(' ? ')' : c === '[' ? ']' : '}');
        } else if (c === '/' && s[i + 1] === '/') break;
        else if (c === '/' && s[i + 1] === '*') skip(false);
        else i++;
      }
      const p: BicepDocument['params'][string] = { type: s.slice(typeStart, i).trim(), secure: decorators.includes('secure') };
      if (s[i] === '=') {
        i++;
        skip(false);
        p.default = value(root.child('params').child(name).child('default'), 1);
      }
      doc.params[name] = p;
      root.child('params').child(name).range = [start, i];
    } else if (word === 'var') {
      const name = ident();
      skip(false);
      if (s[i] !== '=') throw new BicepSyntaxError('"=" expected', i);
      i++;
      skip(false);
      doc.vars[name] = value(root.child('vars').child(name), 1);
    } else if (word === 'resource' || word === 'module') {
      const symbol = ident();
      skip(false);
      if (s[i] !== "'") throw new BicepSyntaxError('type expected', i);
      const type = string(1);
      skip(false);
      let existing = false;
      if (s.startsWith('existing', i) && !IDENT.test(s[i + 8] ?? '')) {
        existing = true;
        i += 8;
      }
      const decl = root.child(word === 'resource' ? 'resources' : 'modules').child(symbol);
      decl.range = [start, i];
      const b = body(decl.child('body'));
      if (word === 'resource') doc.resources[symbol] = { type, existing, body: b };
      else doc.modules[symbol] = { path: type, body: b };
    } else {
      // `output`, `targetScope`, `metadata`, `type`, `func`, `import`, `using`, `extension`: read past, not kept.
      if (!word) throw new BicepSyntaxError('declaration expected', i);
      while (i < n && s[i] !== '\n') {
        const c = s[i];
        if (c === "'") string(1);
        else if (c === '(' || c === '[' || c === '{') {
          i++;
          balanced(1, c === '(' ? ')' : c === '[' ? ']' : '}');
        } else if (c === '/' && s[i + 1] === '/') break;
        else if (c === '/' && s[i + 1] === '*') skip(false);
        else i++;
      }
    }
    decorators = [];
  }
  return { value: doc, rangeOf: (path) => root.find(path) };
}

/** Whether a value is an expression the reader kept unevaluated. */
export function isBicepExpr(v: unknown): v is BicepExpr {
  return typeof v === 'object' && v !== null && typeof (v as BicepExpr).$expr === 'string';
}
