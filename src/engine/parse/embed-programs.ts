/**
 * OpenClaw configs written by programs a script runs: `jq` (`jq '.gateway.bind = "lan"' in > ~/.openclaw/openclaw.json`,
 * `jq -n '{gateway: {…}}' | tee …`, through a temporary file and `mv`) and Python (`python3 - <<'EOF'` or
 * `python3 -c "…"` that `json.dump`s a dict into the config path). Only the literal subset is read
 * (parse/literal.ts): an assignment of a literal value is a setting at its path; a program step that is not one may
 * change anything, so what was known before it is forgotten, and a value that is not a literal stays unknown.
 *
 * What a program yields: a whole config (`base`: it starts from a literal object) and/or settings (`sets`, each
 * with its range in the script) applied after it. Settings without a base are a patch of whatever config is there,
 * judged as `openclaw config set` commands are (parse/embedded.ts `configSets`).
 */
import type { PathSegment } from '../../model/location.js';
import type { ShellCommand, ShellHeredoc, ShellPipeline, ShellWord } from '../../model/target.js';
import { LiteralReader, type Rewritten, type Source } from './literal.js';
import { heredocSource, unquoted } from './shell-nested.js';

export interface ProgramSet {
  path: PathSegment[];
  /** The value as JSON5, with the file offset of each character. */
  value: Rewritten;
  /** The assignment's range in the file. */
  start: number;
  end: number;
}

export interface ProgramConfig {
  program: 'jq' | 'python';
  written: string;
  /** The literal object the program starts from, when it writes a whole config. */
  base?: Rewritten;
  sets: ProgramSet[];
  command: { start: number; end: number };
}

/** Most steps read from one program (a jq filter's segments, a Python script's statements): past it, unknown. */
const MAX_STEPS = 1000;

const WRAPPERS = new Set(['sudo', 'doas', 'env', 'command', 'exec', 'nohup', 'runuser']);
const SUDO_ARGS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group']);
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** The program word of a command past wrappers and assignments, and its index. */
function program(cmd: ShellCommand, names: RegExp): number {
  const w = cmd.words;
  let k = 0;
  while (k < w.length) {
    const v = w[k]?.value ?? '';
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) k++;
    else if (WRAPPERS.has(base(v))) {
      k++;
      while (k < w.length && (w[k]?.value ?? '').startsWith('-')) k += SUDO_ARGS.has(w[k]?.value ?? '') ? 2 : 1;
    } else break;
  }
  return k < w.length && names.test(base(w[k]?.value ?? '')) ? k : -1;
}

/** A word's value as a source: each character at its file offset when the word is written as it stands in the file. */
function wordSource(w: ShellWord, fileText: string): Source {
  if (fileText.slice(w.start, w.end) === w.raw) {
    const src = unquoted({ text: w.raw, at: (k) => w.start + k }, 0, w.raw.length);
    // (A value constant propagation rewrote is read as it runs, without positions.)
    if (src.text === w.value) return src;
  }
  return { text: w.value, at: (k) => (k >= w.value.length ? w.end : w.start) };
}

/**
 * Where a command's output goes when that is a config path (`isConfig`): `> X`, `| tee X`, `| sponge X`, or a
 * temporary file a later `mv TMP X` puts there.
 */
function outputPath(cmd: ShellCommand, next: ShellCommand | undefined, all: readonly ShellPipeline[], isConfig: (p: string) => boolean): string | undefined {
  let out = cmd.redirects.find((r) => r.op === '>' || r.op === '>|')?.target?.value;
  if (out === undefined && next) {
    const k = program(next, /^(tee|sponge)$/);
    if (k !== -1) out = next.words.slice(k + 1).find((w) => !w.value.startsWith('-'))?.value;
  }
  if (out === undefined) return undefined;
  if (isConfig(out)) return out;
  for (const p of all) {
    for (const c of p.commands) {
      if (c.start <= cmd.start) continue;
      const k = program(c, /^mv$/);
      if (k === -1) continue;
      const ops = c.words.slice(k + 1).map((w) => w.value).filter((v) => !v.startsWith('-'));
      if (ops.length === 2 && ops[0] === out && isConfig(ops[1] as string)) return ops[1];
    }
  }
  return undefined;
}

/** `jq [options] FILTER [files]` writing a config. */
export function jqConfig(cmd: ShellCommand, next: ShellCommand | undefined, all: readonly ShellPipeline[], fileText: string, isConfig: (p: string) => boolean): ProgramConfig | undefined {
  const k = program(cmd, /^jq$/);
  if (k === -1) return undefined;
  const written = outputPath(cmd, next, all, isConfig);
  if (!written) return undefined;
  const w = cmd.words;
  let nullInput = false;
  const args = new Map<string, string>();
  let filter: ShellWord | undefined;
  for (let j = k + 1; j < w.length; j++) {
    const v = w[j]?.value ?? '';
    if (v === '--arg' || v === '--argjson') {
      const name = w[j + 1]?.value;
      const value = w[j + 2]?.value;
      if (name !== undefined && value !== undefined) args.set(`$${name}`, v === '--arg' ? shellString(value) : shellJson(value));
      j += 2;
    } else if (v === '--slurpfile' || v === '--rawfile') j += 2;
    else if (v === '--indent' || v === '-L') j++;
    else if (v === '-f' || v === '--from-file') return undefined; // the filter is in another file
    else if (v === '--null-input' || (/^-[a-zA-Z]+$/.test(v) && v.includes('n'))) nullInput = true;
    else if (v.startsWith('-') && v.length > 1) continue;
    else {
      filter = w[j];
      break;
    }
  }
  if (!filter) return undefined;
  const src = wordSource(filter, fileText);
  const reader = new LiteralReader(src, 'jq', (name) => args.get(name));
  const result: ProgramConfig = { program: 'jq', written, sets: [], command: { start: cmd.start, end: cmd.end } };
  const segments = jqSegments(src.text);
  if (segments.length > MAX_STEPS) return undefined;
  segments.forEach(([s, e], index) => {
    s = reader.skipSpace(s, e);
    while (e > s && /\s/.test(src.text[e - 1] ?? '')) e--;
    if (s >= e || src.text.slice(s, e) === '.') return;
    if (index === 0 && nullInput && src.text[s] === '{') {
      const literal = reader.read(s, e);
      if (literal) result.base = literal;
      else forget(result);
      return;
    }
    const del = /^del\(/.exec(src.text.slice(s, e));
    if (del && src.text[e - 1] === ')') {
      for (const [ps, pe] of splitTopLevel(src.text, s + 4, e - 1, ',')) {
        const p = jqPath(src.text, reader.skipSpace(ps, pe), pe);
        if (!p || reader.skipSpace(p.next, pe) < pe) return forget(result);
        unset(result, p.path);
      }
      return;
    }
    const p = jqPath(src.text, s, e);
    if (!p) return forget(result);
    const op = reader.skipSpace(p.next, e);
    const assign = src.text[op] === '=' && src.text[op + 1] !== '=' ? 1 : src.text.startsWith('|=', op) ? 2 : 0;
    if (!assign) return forget(result);
    const value = reader.read(op + assign, e);
    if (!value) return unset(result, p.path);
    result.sets = result.sets.filter((x) => !related(x.path, p.path) || x.path.length < p.path.length);
    result.sets.push({ path: p.path, value, start: src.at(s), end: src.at(e - 1) + 1 });
  });
  return result.base || result.sets.length ? result : undefined;
}

/** What was known is forgotten (a step that may change anything). */
function forget(r: ProgramConfig): void {
  delete r.base;
  r.sets = [];
}

/** A path whose value is no longer known: settings at, under or above it are dropped; a whole base is too. */
function unset(r: ProgramConfig, path: readonly PathSegment[]): void {
  r.sets = r.sets.filter((x) => !related(x.path, path));
  if (r.base) delete r.base;
}

/** One path is a prefix of the other. */
function related(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) if (String(a[k]) !== String(b[k])) return false;
  return true;
}

/** A `--arg` value as JSON5: a literal string, or a reference when the shell provides it. */
function shellString(v: string): string {
  if (!/[$`]/.test(v)) return JSON.stringify(v);
  const m = /^\$\{?([A-Z_][A-Z0-9_]*)\}?$/.exec(v);
  return JSON.stringify(m ? `\${${m[1]}}` : '${UNKNOWN}');
}

function shellJson(v: string): string {
  return /[$`]/.test(v) || !/^(true|false|null|-?\d+(\.\d+)?|"[^"\\]*")$/.test(v.trim()) ? '"${UNKNOWN}"' : v.trim();
}

/** The top-level pipe segments of a jq filter (`|`, not `|=` nor `//`), outside strings and brackets. */
function jqSegments(t: string): [number, number][] {
  return splitTopLevel(t, 0, t.length, '|');
}

function splitTopLevel(t: string, from: number, to: number, sep: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = t[i];
    if (c === '"' || c === "'") {
      const q = c;
      i++;
      while (i < to && t[i] !== q) i += t[i] === '\\' ? 2 : 1;
    } else if (c === '#') {
      while (i < to && t[i] !== '\n') i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0 && !(sep === '|' && t[i + 1] === '=')) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  out.push([start, to]);
  return out;
}

/** A jq path expression `.a.b["c"][0]`, `."a-b"`: its segments and the index after it. */
function jqPath(t: string, i: number, end: number): { path: PathSegment[]; next: number } | undefined {
  const path: PathSegment[] = [];
  if (t[i] !== '.') return undefined;
  while (i < end) {
    if (t[i] === '.' && /[A-Za-z_]/.test(t[i + 1] ?? '')) {
      let j = i + 1;
      while (j < end && /[A-Za-z0-9_]/.test(t[j] ?? '')) j++;
      path.push(t.slice(i + 1, j));
      i = j;
    } else if (t[i] === '.' && t[i + 1] === '"') {
      const close = t.indexOf('"', i + 2);
      if (close === -1 || close >= end || t.slice(i + 2, close).includes('\\')) return undefined;
      path.push(t.slice(i + 2, close));
      i = close + 1;
    } else if (t[i] === '[' || (t[i] === '.' && t[i + 1] === '[')) {
      const open = t[i] === '[' ? i : i + 1;
      const close = t.indexOf(']', open);
      if (close === -1 || close >= end) return undefined;
      const inner = t.slice(open + 1, close).trim();
      const m = /^"([^"\\]*)"$/.exec(inner);
      if (m) path.push(m[1] as string);
      else if (/^\d{1,6}$/.test(inner)) path.push(Number(inner));
      else return undefined;
      i = close + 1;
    } else break;
  }
  return path.length && path.length <= 32 ? { path, next: i } : undefined;
}

/** The Python source a command runs: `python3 -c SCRIPT`, `python3 [-] <<EOF`. */
function pythonSource(cmd: ShellCommand, fileText: string, offsets: ReadonlyMap<ShellHeredoc, number[]>): Source | undefined {
  const k = program(cmd, /^python(\d(\.\d{1,2})?)?$/);
  if (k === -1) return undefined;
  const w = cmd.words;
  for (let j = k + 1; j < w.length; j++) {
    const v = w[j]?.value ?? '';
    if (v === '-c') return w[j + 1] ? wordSource(w[j + 1] as ShellWord, fileText) : undefined;
    if (v === '-') break;
    if (!v.startsWith('-')) return undefined; // a script file
  }
  const heredoc = cmd.heredocs[0];
  return heredoc ? heredocSource(heredoc, offsets.get(heredoc) ?? []) : undefined;
}

interface Statement {
  start: number;
  end: number;
  indent: number;
}

/** Python's logical lines (brackets, strings, comments, `\` continuations, `;`), with their indentation. */
function statements(t: string): Statement[] {
  const out: Statement[] = [];
  let depth = 0;
  let start = -1;
  let indent = 0;
  let lineStart = 0;
  const close = (i: number) => {
    if (start !== -1) out.push({ start, end: i, indent });
    start = -1;
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    if (c === '\n') {
      if (depth === 0 && t[i - 1] !== '\\') close(i);
      lineStart = i + 1;
      continue;
    }
    if (start === -1 && (c === ' ' || c === '\t' || c === '\r')) continue;
    if (c === '#') {
      while (i + 1 < t.length && t[i + 1] !== '\n') i++;
      continue;
    }
    if (start === -1) {
      start = i;
      indent = i - lineStart;
    }
    if (c === '"' || c === "'") {
      const triple = t[i + 1] === c && t[i + 2] === c;
      if (triple) {
        const e = t.indexOf(c.repeat(3), i + 3);
        i = e === -1 ? t.length : e + 2;
      } else {
        i++;
        while (i < t.length && t[i] !== c && t[i] !== '\n') i += t[i] === '\\' ? 2 : 1;
      }
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ';' && depth === 0) close(i);
  }
  close(t.length);
  return out;
}

const STRING_LITERALS = /'([^'\\\n]{0,500})'|"([^"\\\n]{0,500})"/g;
const literalsIn = (s: string) => [...s.matchAll(STRING_LITERALS)].map((m) => m[1] ?? m[2] ?? '');

/** `python3 …` that `json.dump`s a dict into a config path. */
export function pythonConfig(cmd: ShellCommand, fileText: string, offsets: ReadonlyMap<ShellHeredoc, number[]>, isConfig: (p: string) => boolean): ProgramConfig | undefined {
  const src = pythonSource(cmd, fileText, offsets);
  if (!src || !src.text.includes('json.dump')) return undefined;
  const t = src.text;
  const stmts = statements(t);
  if (stmts.length > MAX_STEPS) return undefined;
  const text = (s: Statement) => t.slice(s.start, s.end);
  /** The last `NAME = RHS` before statement `before`: the statement and where its right-hand side starts. */
  const assignment = (name: string, before: number): { index: number; rhs: number } | undefined => {
    const lhs = new RegExp(`^${name}[ \\t]*=(?!=)[ \\t]*`);
    for (let k = before - 1; k >= 0; k--) {
      const s = stmts[k] as Statement;
      const m = lhs.exec(text(s));
      if (m) return { index: k, rhs: s.start + m[0].length };
    }
    return undefined;
  };
  const isConfigExpr = (expr: string, before: number): boolean => {
    if (literalsIn(expr).some((l) => isConfig(l))) return true;
    const ident = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(expr)?.[1];
    const a = ident ? assignment(ident, before) : undefined;
    return a !== undefined && literalsIn(t.slice(a.rhs, (stmts[a.index] as Statement).end)).some((l) => isConfig(l));
  };
  // The dump into a config path: `with open(P, 'w') as f:` … `json.dump(NAME, f)` (or `f.write(json.dumps(NAME…))`).
  let dumped: { name: string; at: number; written: string } | undefined;
  stmts.forEach((s, k) => {
    if (dumped) return;
    const st = text(s);
    const m = /^with\s+open\(/.exec(st);
    if (!m) return;
    const argsEnd = closingParen(st, m[0].length);
    if (argsEnd === -1) return;
    const args = splitTopLevel(st, m[0].length, argsEnd, ',').map(([a, b]) => st.slice(a, b).trim());
    const mode = args.find((a, i) => i === 1 || a.startsWith('mode='))?.replace(/^mode=/, '');
    const handle = /^\s*as\s+([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(st.slice(argsEnd + 1))?.[1];
    if (!handle || !mode || !/^['"]w/.test(mode) || !isConfigExpr(args[0] ?? '', k)) return;
    const body = [st.slice(argsEnd + 1)];
    for (let j = k + 1; j < stmts.length && (stmts[j] as Statement).indent > s.indent; j++) body.push(text(stmts[j] as Statement));
    for (const [j, b] of body.entries()) {
      const d = new RegExp(`json\\.dump\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*,\\s*${handle}\\b`).exec(b) ?? new RegExp(`${handle}\\.write\\(\\s*json\\.dumps\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\b`).exec(b);
      if (d?.[1]) {
        dumped = { name: d[1], at: k + j, written: literalsIn(args[0] ?? '').find((l) => isConfig(l)) ?? args[0] ?? '' };
        return;
      }
    }
  });
  if (!dumped) return undefined;
  const { name, at } = dumped;
  // Module-level constants the dict may name (`KEY = '$API_KEY'`): a literal, assigned once.
  const reader = new LiteralReader(src, 'python', (n) => constants.get(n));
  const constants = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const s of stmts.slice(0, at)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)[ \t]*/.exec(text(s));
    if (m?.[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  for (const s of stmts.slice(0, at)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)[ \t]*/.exec(text(s));
    if (!m?.[1] || m[1] === name || counts.get(m[1]) !== 1 || s.indent !== 0) continue;
    const r = reader.read(s.start + m[0].length, s.end);
    if (r && !r.text.includes('${UNKNOWN}') && !r.text.startsWith('{') && !r.text.startsWith('[')) constants.set(m[1], r.text);
  }
  const result: ProgramConfig = { program: 'python', written: dumped.written, sets: [], command: { start: cmd.start, end: cmd.end } };
  const origin = assignment(name, at + 1);
  let from = 0;
  if (origin) {
    from = origin.index + 1;
    const s = stmts[origin.index] as Statement;
    if (t[origin.rhs] === '{') {
      const literal = reader.read(origin.rhs, s.end);
      if (literal) result.base = literal;
    }
  }
  const mentions = new RegExp(`(^|[^A-Za-z0-9_.])${name}([^A-Za-z0-9_]|$)`);
  /** Inside an `if`/`for`/`try`/function block (not a `with`), a statement may not run, or run more than once. */
  const conditional = (k: number): boolean => {
    let indent = (stmts[k] as Statement).indent;
    for (let j = k - 1; j >= 0 && indent > 0; j--) {
      const h = stmts[j] as Statement;
      if (h.indent >= indent) continue;
      if (!/^with\b/.test(text(h))) return true;
      indent = h.indent;
    }
    return false;
  };
  for (let k = from; k < at; k++) {
    const s = stmts[k] as Statement;
    const st = text(s);
    if (!mentions.test(st) || /^with\s+open\(/.test(st)) continue;
    const set = pySubscriptAssignment(st, name);
    if (!set) {
      forget(result);
      continue;
    }
    // An assignment that may not run leaves its path unknown.
    const value = conditional(k) ? undefined : reader.read(s.start + set.rhs, s.end);
    if (!value) {
      unset(result, set.path);
      continue;
    }
    result.sets = result.sets.filter((x) => !related(x.path, set.path) || x.path.length < set.path.length);
    result.sets.push({ path: set.path, value, start: src.at(s.start), end: src.at(s.end - 1) + 1 });
  }
  return result.base || result.sets.length ? result : undefined;
}

/** `NAME['a']["b"][0] = …`: the path and where the right-hand side starts; undefined for any other statement. */
function pySubscriptAssignment(st: string, name: string): { path: PathSegment[]; rhs: number } | undefined {
  if (!st.startsWith(name)) return undefined;
  let i = name.length;
  const path: PathSegment[] = [];
  for (;;) {
    const m = /^\s*\[\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)"|(\d{1,6}))\s*\]/.exec(st.slice(i, i + 600));
    if (!m) break;
    path.push(m[3] !== undefined ? Number(m[3]) : (m[1] ?? m[2] ?? ''));
    i += m[0].length;
  }
  const eq = /^\s*=(?!=)\s*/.exec(st.slice(i));
  return path.length && path.length <= 32 && eq ? { path, rhs: i + eq[0].length } : undefined;
}

/** The index of the `)` closing the parenthesis opened just before `from`, or -1. */
function closingParen(t: string, from: number): number {
  let depth = 1;
  for (let i = from; i < t.length; i++) {
    const c = t[i];
    if (c === '"' || c === "'") {
      const q = c;
      i++;
      while (i < t.length && t[i] !== q) i += t[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

