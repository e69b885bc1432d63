/**
 * The subset of CEL that betterleaks' default `filter` / `prefilter` expressions use, evaluated for the
 * differential evaluation: `let x = …;` bindings, `|| && !`, comparisons, `+`, `??`, indexing and slicing
 * (`s[a:b]`), list literals, strings ("…" and raw `…`), numbers, and the functions entropy, matchesAny (RE2 via
 * re2.ts), containsAny (case-insensitive, like gitleaks' stopwords), get, len, max, min, findMatch. A function it
 * does not know (betterleaks' `failsTokenEfficiency`, a tokenizer-based check) evaluates to false and is counted in
 * `unknown`, so the differential report can say which filters were only partly applied.
 */
import { re2ToJs } from './re2.js';

type Value = string | number | boolean | Value[] | { [k: string]: Value } | null;
export type Env = Record<string, Value>;

interface Token {
  t: 'num' | 'str' | 'id' | 'op';
  v: string;
}

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      out.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let s = '';
      i++;
      while (src[i] !== c) {
        if (src[i] === '\\') {
          const e = src[i + 1] as string;
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" } as Record<string, string>)[e] ?? `\\${e}`;
          i += 2;
        } else s += src[i++];
      }
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    const num = /^[0-9]+(?:\.[0-9]+)?/.exec(src.slice(i, i + 32));
    if (num) {
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 64));
    if (id) {
      out.push({ t: 'id', v: id[0] });
      i += id[0].length;
      continue;
    }
    const op = ['||', '&&', '<=', '>=', '==', '!=', '??', '?.'].find((o) => src.startsWith(o, i)) ?? c;
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

type Node = (env: Env, ctx: EvalContext) => Value;

interface EvalContext {
  unknown: Set<string>;
  regexFailures: Set<string>;
}

export interface Compiled {
  /** Evaluates to the expression's value; a filter drops the finding when it is true. */
  run: (env: Env) => Value;
  /** Functions the evaluator does not implement (evaluated as false), collected across runs. */
  unknown: Set<string>;
  /** Regexes that could not be translated (never match), collected across runs. */
  regexFailures: Set<string>;
}

const regexCache = new Map<string, RegExp | null>();
function regex(src: string, ctx: EvalContext): RegExp | null {
  let r = regexCache.get(src);
  if (r === undefined) {
    try {
      r = re2ToJs(src);
    } catch {
      r = null;
    }
    regexCache.set(src, r);
  }
  if (r === null) ctx.regexFailures.add(src);
  return r;
}

export function shannon(s: string): number {
  if (!s) return 0;
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

const str = (v: Value) => (typeof v === 'string' ? v : v === null ? '' : String(v));
const list = (v: Value) => (Array.isArray(v) ? v : []);

const FUNCTIONS: Record<string, (args: Value[], ctx: EvalContext) => Value> = {
  entropy: ([s]) => shannon(str(s ?? '')),
  matchesAny: ([s, l], ctx) =>
    list(l ?? []).some((p) => {
      const r = regex(str(p), ctx);
      if (!r) return false;
      r.lastIndex = 0;
      return r.test(str(s ?? ''));
    }),
  containsAny: ([s, l]) => {
    const low = str(s ?? '').toLowerCase();
    return list(l ?? []).some((w) => low.includes(str(w).toLowerCase()));
  },
  get: ([m, k, d]) => {
    const o = m as Record<string, Value> | null;
    return o && typeof o === 'object' && str(k ?? '') in o ? (o[str(k ?? '')] as Value) : (d ?? null);
  },
  len: ([s]) => (Array.isArray(s) ? s.length : str(s ?? '').length),
  max: (a) => Math.max(...a.map(Number)),
  min: (a) => Math.min(...a.map(Number)),
  findMatch: ([s, p], ctx) => {
    const r = regex(str(p ?? ''), ctx);
    if (!r) return '';
    r.lastIndex = 0;
    return r.exec(str(s ?? ''))?.[0] ?? '';
  },
};

export function compileCel(src: string): Compiled {
  const toks = lex(src);
  let p = 0;
  const peek = (v?: string) => (v === undefined ? toks[p] : toks[p]?.v === v ? toks[p] : undefined);
  const take = (v: string) => {
    if (toks[p]?.v !== v) throw new Error(`cel: expected ${v} at ${toks[p]?.v ?? 'end'}`);
    p++;
  };

  const program = (): Node => {
    const lets: [string, Node][] = [];
    while (peek('let') && toks[p + 1]?.t === 'id') {
      p++;
      const name = (toks[p++] as Token).v;
      take('=');
      lets.push([name, expr()]);
      take(';');
    }
    const body = expr();
    return (env, ctx) => {
      const scope: Env = { ...env };
      for (const [n, e] of lets) scope[n] = e(scope, ctx);
      return body(scope, ctx);
    };
  };
  const expr = (): Node => coalesce();
  const coalesce = (): Node => {
    const a = or();
    if (!peek('??')) return a;
    p++;
    const b = coalesce();
    return (e, c) => {
      const v = a(e, c);
      return v === null || v === undefined ? b(e, c) : v;
    };
  };
  const or = (): Node => {
    let a = and();
    while (peek('||')) {
      p++;
      const l = a;
      const r = and();
      a = (e, c) => Boolean(l(e, c)) || Boolean(r(e, c));
    }
    return a;
  };
  const and = (): Node => {
    let a = unary();
    while (peek('&&')) {
      p++;
      const l = a;
      const r = unary();
      a = (e, c) => Boolean(l(e, c)) && Boolean(r(e, c));
    }
    return a;
  };
  const unary = (): Node => {
    if (peek('!')) {
      p++;
      const a = unary();
      return (e, c) => !a(e, c);
    }
    return cmp();
  };
  const cmp = (): Node => {
    const a = add();
    const op = toks[p]?.v;
    if (op && ['<', '<=', '>', '>=', '==', '!=', 'in'].includes(op)) {
      p++;
      const b = add();
      return (e, c) => {
        const x = a(e, c);
        const y = b(e, c);
        switch (op) {
          case '<': return Number(x) < Number(y);
          case '<=': return Number(x) <= Number(y);
          case '>': return Number(x) > Number(y);
          case '>=': return Number(x) >= Number(y);
          case '==': return x === y;
          case '!=': return x !== y;
          default: return list(y).includes(x as never);
        }
      };
    }
    return a;
  };
  const add = (): Node => {
    let a = postfix();
    while (peek('+') || peek('-')) {
      const op = (toks[p++] as Token).v;
      const l = a;
      const r = postfix();
      a = (e, c) => {
        const x = l(e, c);
        const y = r(e, c);
        if (op === '-') return Number(x) - Number(y);
        return typeof x === 'number' && typeof y === 'number' ? x + y : str(x) + str(y);
      };
    }
    return a;
  };
  const args = (): Node[] => {
    take('(');
    const out: Node[] = [];
    while (!peek(')')) {
      out.push(expr());
      if (peek(',')) p++;
    }
    take(')');
    return out;
  };
  const call = (name: string, a: Node[]): Node => (e, c) => {
    const f = FUNCTIONS[name];
    if (!f) {
      c.unknown.add(name);
      return false;
    }
    return f(a.map((x) => x(e, c)), c);
  };
  const postfix = (): Node => {
    let a = primary();
    for (;;) {
      if (peek('[')) {
        p++;
        const from = peek(':') ? undefined : expr();
        if (peek(':')) {
          p++;
          const to = peek(']') ? undefined : expr();
          take(']');
          const base = a;
          a = (e, c) => {
            const s = str(base(e, c));
            return s.slice(from ? Number(from(e, c)) : 0, to ? Number(to(e, c)) : s.length);
          };
          continue;
        }
        take(']');
        const base = a;
        const key = from as Node;
        a = (e, c) => {
          const o = base(e, c);
          const k = key(e, c);
          if (Array.isArray(o)) return (o[Number(k)] ?? null) as Value;
          return o && typeof o === 'object' ? ((o as Record<string, Value>)[str(k)] ?? null) : null;
        };
        continue;
      }
      if (peek('.') || peek('?.')) {
        p++;
        const name = (toks[p++] as Token).v;
        if (peek('(')) {
          a = call(name, args()); // `filter.entropy(…)`: the receiver is a namespace
          continue;
        }
        const base = a;
        a = (e, c) => {
          const o = base(e, c);
          return o && typeof o === 'object' && !Array.isArray(o) ? ((o as Record<string, Value>)[name] ?? null) : null;
        };
        continue;
      }
      return a;
    }
  };
  const primary = (): Node => {
    const t = toks[p++];
    if (!t) throw new Error('cel: unexpected end');
    if (t.t === 'num') return () => Number(t.v);
    if (t.t === 'str') return () => t.v;
    if (t.v === '(') {
      const e = expr();
      take(')');
      return e;
    }
    if (t.v === '[') {
      const items: Node[] = [];
      while (!peek(']')) {
        items.push(expr());
        if (peek(',')) p++;
      }
      take(']');
      return (e, c) => items.map((x) => x(e, c));
    }
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return () => t.v === 'true';
      if (t.v === 'null') return () => null;
      if (peek('(')) return call(t.v, args());
      return (e) => (t.v in e ? (e[t.v] as Value) : null);
    }
    throw new Error(`cel: unexpected ${t.v}`);
  };

  const root = program();
  if (p < toks.length) throw new Error(`cel: trailing ${toks[p]?.v}`);
  const unknown = new Set<string>();
  const regexFailures = new Set<string>();
  return { run: (env) => root(env, { unknown, regexFailures }), unknown, regexFailures };
}
