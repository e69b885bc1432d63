/**
 * The peer rule sets of ../shared/reference/peer-rules (gitleaks and betterleaks default configurations), applied as
 * their engines apply them, for `eval:secrets --differential`. The rule files are data: nothing of them is copied
 * into this repository's rules.
 *
 * What is emulated (from gitleaks' detect/detect.go and detect/codec, v8.30 line; betterleaks is its fork):
 * - keyword prefilter on the lower-cased file; rules without keywords always run;
 * - `path` rules (path only: a finding for the file; path and regex: the regex only in matching files);
 * - the secret is `secretGroup` or the first non-empty group of the match re-matched alone; `entropy` drops a
 *   secret whose Shannon entropy is ≤ the rule's;
 * - gitleaks allowlists (global and per rule: `paths`, `regexes` with `regexTarget` secret/match/line, `stopwords`
 *   as lower-case substrings, `condition` OR/AND); betterleaks `prefilter`/`filter` CEL expressions (cel.ts) and
 *   composite rules (`[[rules.required]]`, `withinLines`, `skipReport`);
 * - decoding: up to 5 passes (gitleaks' default `--max-decode-depth`) of percent, hex (32+) and base64 (16+)
 *   segments that decode to printable ASCII, the rules rerun on the decoded text, a match kept only where it
 *   overlaps a segment decoded in that pass, and reported at the encoded text's lines.
 * Not emulated: betterleaks' `failsTokenEfficiency` (unknown to cel.ts: counted, treated as false), unicode-escape
 * decoding, binary-file skipping by MIME sniffing (the corpus' PKCS#12/JKS files have no signature its library
 * knows, so they are read as text there too).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileCel, shannon, type Compiled, type Env } from './cel.js';
import type { Hit } from './corpus.js';
import { re2ToJs } from './re2.js';
import { parseToml, type TomlTable, type TomlValue } from './toml.js';

/** ../shared/reference/peer-rules from the repository root, or `$GATEWARDEN_PEER_RULES` (a worktree elsewhere). */
export const PEER_RULES_DIR = (root: string) => path.resolve(process.env.GATEWARDEN_PEER_RULES ?? path.join(root, '../shared/reference/peer-rules'));

interface Allowlist {
  condition: 'OR' | 'AND';
  target: 'secret' | 'match' | 'line';
  regexes: RegExp[];
  paths: RegExp[];
  stopwords: string[];
}

interface PeerRule {
  id: string;
  regex?: RegExp;
  secretGroup: number;
  keywords: string[];
  entropy: number;
  path?: RegExp;
  allowlists: Allowlist[];
  filter?: Compiled;
  skipReport: boolean;
  required: { id: string; withinLines?: number }[];
}

export interface PeerEngine {
  name: string;
  rules: PeerRule[];
  /** Rules (or parts of them) that could not be translated to JavaScript, with the reason. */
  untranslated: { id: string; reason: string }[];
  /** Functions in filters the CEL subset does not implement, and the rules using them. */
  partialFilters: () => { fn: string; rules: string[] }[];
  scanFile: (rel: string, raw: string) => Hit[];
}

const MAX_DECODE_DEPTH = 5;

const strs = (v: TomlValue | undefined): string[] => (Array.isArray(v) ? v.map(String) : []);

function compileList(list: string[], id: string, untranslated: PeerEngine['untranslated']): RegExp[] {
  return list.flatMap((src) => {
    try {
      return [re2ToJs(src)];
    } catch (e) {
      untranslated.push({ id, reason: `allowlist regex: ${(e as Error).message}` });
      return [];
    }
  });
}

function allowlist(t: TomlTable, id: string, untranslated: PeerEngine['untranslated']): Allowlist {
  return {
    condition: t.condition === 'AND' ? 'AND' : 'OR',
    target: t.regexTarget === 'match' ? 'match' : t.regexTarget === 'line' ? 'line' : 'secret',
    regexes: compileList(strs(t.regexes), id, untranslated),
    paths: compileList(strs(t.paths), id, untranslated),
    stopwords: strs(t.stopwords).map((w) => w.toLowerCase()),
  };
}

const test = (r: RegExp, s: string) => {
  r.lastIndex = 0;
  return r.test(s);
};

/** gitleaks' checkFindingAllowed. */
function allowed(lists: Allowlist[], f: { secret: string; match: string; line: string; file: string }): boolean {
  return lists.some((a) => {
    const target = a.target === 'match' ? f.match : a.target === 'line' ? f.line : f.secret;
    const regexAllowed = a.regexes.some((r) => test(r, target));
    const stop = a.stopwords.some((w) => f.secret.toLowerCase().includes(w));
    if (a.condition === 'AND') {
      const checks: boolean[] = [];
      if (a.paths.length) checks.push(a.paths.some((r) => test(r, f.file)));
      if (a.regexes.length) checks.push(regexAllowed);
      if (a.stopwords.length) checks.push(stop);
      return checks.length > 0 && checks.every(Boolean);
    }
    return regexAllowed || stop;
  });
}

/** gitleaks' checkCommitOrPathAllowed: a file skipped for these allowlists. */
function pathAllowed(lists: Allowlist[], file: string): boolean {
  return lists.some((a) => {
    if (!a.paths.length) return false;
    if (a.condition === 'AND' && (a.regexes.length || a.stopwords.length)) return false;
    return a.paths.some((r) => test(r, file));
  });
}

// ---------- decoding (gitleaks detect/codec) ----------

const printable = (b: Buffer) => b.every((x) => x > 8 && x < 127);
function decodeBase64(v: string): string {
  if (!/[0-9+/_-]/.test(v)) return '';
  if (/^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0) {
    const b = Buffer.from(v, 'base64');
    if (printable(b)) return b.toString('latin1');
  }
  if (/^[A-Za-z0-9_-]*$/.test(v) && v.length % 4 !== 1) {
    const b = Buffer.from(v, 'base64url');
    if (printable(b)) return b.toString('latin1');
  }
  return '';
}
function decodeHex(v: string): string {
  if (v.length % 2 || !/[0-9]/.test(v)) return '';
  const b = Buffer.from(v, 'hex');
  return printable(b) ? b.toString('latin1') : '';
}
function decodePercent(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; ) {
    if (v[i] === '%' && i + 2 < v.length + 0 && /^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) {
      const b = parseInt(v.slice(i + 1, i + 3), 16);
      if (!(b > 8 && b < 127)) return '';
      out += String.fromCharCode(b);
      i += 3;
    } else out += v[i++];
  }
  return out;
}
const ENCODINGS: { re: string; decode: (v: string) => string }[] = [
  { re: '%[0-9A-Fa-f]{2}(?:.*%[0-9A-Fa-f]{2})?', decode: decodePercent },
  { re: '[0-9A-Fa-f]{32,}', decode: decodeHex },
  { re: '[\\w\\/+-]{16,}={0,2}', decode: decodeBase64 },
];
const ENCODED = new RegExp(ENCODINGS.map((e) => `(${e.re})`).join('|'), 'g');

interface Text {
  text: string;
  /** Original range of each character of `text`. */
  from: Int32Array;
  to: Int32Array;
  /** Ranges (in `text`) decoded in the pass that made it. */
  segments: [number, number][];
}

function decodePass(t: Text): Text {
  const matches = [...t.text.matchAll(ENCODED)].map((m) => ({ start: m.index, end: m.index + m[0].length, kind: m.slice(1).findIndex((g) => g !== undefined) }));
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  const segments: [number, number][] = [];
  let at = 0;
  const copy = (a: number, b: number) => {
    for (let i = a; i < b; i++) {
      text += t.text[i];
      from.push(t.from[i] as number);
      to.push(t.to[i] as number);
    }
  };
  matches.forEach((m, n) => {
    // a match that touches a neighbour of higher precedence (earlier in ENCODINGS) waits for the next pass
    const prev = matches[n - 1];
    const next = matches[n + 1];
    if ((prev && prev.end === m.start && prev.kind < m.kind) || (next && next.start === m.end && next.kind < m.kind)) return;
    const decoded = (ENCODINGS[m.kind] as (typeof ENCODINGS)[number]).decode(t.text.slice(m.start, m.end));
    if (!decoded) return;
    copy(at, m.start);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = m.start; i < m.end; i++) {
      lo = Math.min(lo, t.from[i] as number);
      hi = Math.max(hi, t.to[i] as number);
    }
    segments.push([text.length, text.length + decoded.length]);
    text += decoded;
    for (let i = 0; i < decoded.length; i++) {
      from.push(lo);
      to.push(hi);
    }
    at = m.end;
  });
  copy(at, t.text.length);
  return { text, from: Int32Array.from(from), to: Int32Array.from(to), segments };
}

// ---------- loading ----------

function load(name: string, file: string): { toml: TomlTable; rules: PeerRule[]; untranslated: PeerEngine['untranslated'] } {
  const toml = parseToml(readFileSync(file, 'utf8'));
  const untranslated: PeerEngine['untranslated'] = [];
  const rules: PeerRule[] = [];
  for (const r of (toml.rules ?? []) as TomlTable[]) {
    const id = String(r.id);
    let regex: RegExp | undefined;
    if (typeof r.regex === 'string') {
      try {
        regex = re2ToJs(r.regex);
      } catch (e) {
        untranslated.push({ id, reason: (e as Error).message });
        continue;
      }
    }
    let pathRe: RegExp | undefined;
    if (typeof r.path === 'string') {
      try {
        pathRe = re2ToJs(r.path);
      } catch (e) {
        untranslated.push({ id, reason: `path: ${(e as Error).message}` });
        continue;
      }
    }
    let filter: Compiled | undefined;
    if (typeof r.filter === 'string') {
      try {
        filter = compileCel(r.filter);
      } catch (e) {
        untranslated.push({ id, reason: `filter: ${(e as Error).message}` });
      }
    }
    rules.push({
      id,
      ...(regex ? { regex } : {}),
      ...(pathRe ? { path: pathRe } : {}),
      ...(filter ? { filter } : {}),
      secretGroup: typeof r.secretGroup === 'number' ? r.secretGroup : 0,
      keywords: strs(r.keywords).map((k) => k.toLowerCase()),
      entropy: typeof r.entropy === 'number' ? r.entropy : 0,
      allowlists: ((r.allowlists ?? []) as TomlTable[]).map((a) => allowlist(a, id, untranslated)),
      skipReport: r.skipReport === true,
      required: ((r.required ?? []) as TomlTable[]).map((q) => ({ id: String(q.id), ...(typeof q.withinLines === 'number' ? { withinLines: q.withinLines } : {}) })),
    });
  }
  void name;
  return { toml, rules, untranslated };
}

interface Raw {
  rule: PeerRule;
  secret: string;
  /** Original character range. */
  from: number;
  to: number;
}

function engine(name: string, file: string): PeerEngine {
  const { toml, rules, untranslated } = load(name, file);
  const global = toml.allowlist ? allowlist(toml.allowlist as TomlTable, '(global allowlist)', untranslated) : undefined;
  const globalFilter = typeof toml.filter === 'string' ? compileCel(toml.filter) : undefined;
  const prefilter = typeof toml.prefilter === 'string' ? compileCel(toml.prefilter) : undefined;
  const byId = new Map(rules.map((r) => [r.id, r]));

  function detect(rule: PeerRule, t: Text, depth: number, rel: string, raw: string, inherited: boolean): Raw[] {
    const out: Raw[] = [];
    if (rule.skipReport && !inherited) return out;
    if (pathAllowed(rule.allowlists, rel)) return out;
    if (rule.path) {
      if (!rule.regex) {
        if (depth === 0 && test(rule.path, rel)) out.push({ rule, secret: '', from: 0, to: raw.length });
        return out;
      }
      if (!test(rule.path, rel)) return out;
    }
    if (!rule.regex) return out;
    const single = new RegExp(rule.regex.source, rule.regex.flags.replace('g', ''));
    for (const m of t.text.matchAll(rule.regex)) {
      let start = m.index;
      let match = m[0];
      const lead = match.length - match.replace(/^\n+/, '').length;
      start += lead;
      match = match.replace(/^\n+/, '').replace(/\n+$/, '');
      const end = start + match.length;
      if (match.length === 0) continue;
      if (depth > 0 && !t.segments.some(([a, b]) => start < b && a < end)) continue;
      const groups = single.exec(match);
      let secret = match;
      if (groups && groups.length >= 2) {
        if (rule.secretGroup > 0) secret = groups[rule.secretGroup] ?? '';
        else secret = groups.slice(1).find((g) => g) ?? match;
      }
      if (rule.entropy && shannon(secret) <= rule.entropy) continue;
      const ls = t.text.lastIndexOf('\n', start - 1) + 1;
      const le0 = t.text.indexOf('\n', end);
      const le = le0 < 0 ? t.text.length : le0;
      const line = t.text.slice(ls, le);
      const f = { secret, match, line, file: rel };
      if (global && allowed([global], f)) continue;
      if (allowed(rule.allowlists, f)) continue;
      if (rule.filter || globalFilter) {
        const env: Env = {
          finding: { secret, match, line, fragment_raw: t.text, match_start_idx: start, match_end_idx: end, match_line_start_idx: ls, match_line_end_idx: le },
          attributes: { path: rel },
        };
        if (globalFilter && globalFilter.run(env)) continue;
        if (rule.filter && rule.filter.run(env)) continue;
      }
      out.push({ rule, secret, from: t.from[start] as number, to: t.to[end - 1] as number });
    }
    return out;
  }

  function scanFile(rel: string, raw: string): Hit[] {
    if (global && pathAllowed([global], rel)) return [];
    if (prefilter && prefilter.run({ attributes: { path: rel } })) return [];
    const found: Raw[] = [];
    let t: Text = { text: raw, from: Int32Array.from({ length: raw.length }, (_, i) => i), to: Int32Array.from({ length: raw.length }, (_, i) => i + 1), segments: [] };
    for (let depth = 0; ; depth++) {
      const lower = t.text.toLowerCase();
      for (const rule of rules) {
        if (rule.keywords.length && !rule.keywords.some((k) => lower.includes(k))) continue;
        let hits = detect(rule, t, depth, rel, raw, false);
        if (hits.length && rule.required.length) {
          // composite rule: every required rule must match (within `withinLines` lines when given)
          const lineAt = (o: number) => raw.slice(0, o).split('\n').length;
          const reqHits = rule.required.map((q) => ({ q, hits: byId.get(q.id) ? detect(byId.get(q.id) as PeerRule, t, depth, rel, raw, true) : [] }));
          hits = hits.filter((h) => reqHits.every(({ q, hits: rh }) => rh.some((x) => q.withinLines === undefined || Math.abs(lineAt(x.from) - lineAt(h.from)) <= (q.withinLines as number))));
        }
        found.push(...hits);
      }
      if (depth >= MAX_DECODE_DEPTH) break;
      t = decodePass(t);
      if (!t.segments.length) break;
    }
    const lineAt = (o: number) => {
      let n = 1;
      for (let i = 0; i < o && i < raw.length; i++) if (raw.charCodeAt(i) === 10) n++;
      return n;
    };
    return found.map((f) => ({ file: rel, startLine: lineAt(f.from), endLine: lineAt(Math.max(f.from, f.to - 1)), rule: f.rule.id }));
  }

  const partialFilters = () => {
    const byFn = new Map<string, string[]>();
    for (const r of rules) for (const fn of r.filter?.unknown ?? []) byFn.set(fn, [...(byFn.get(fn) ?? []), r.id]);
    for (const fn of globalFilter?.unknown ?? []) byFn.set(fn, [...(byFn.get(fn) ?? []), '(global filter)']);
    return [...byFn].map(([fn, ids]) => ({ fn, rules: ids }));
  };
  return { name, rules, untranslated, partialFilters, scanFile };
}

/** The peer engines whose rule files are present (none when ../shared/reference/peer-rules is absent). */
export function loadPeers(root: string): PeerEngine[] {
  const dir = PEER_RULES_DIR(root);
  const out: PeerEngine[] = [];
  for (const name of ['gitleaks', 'betterleaks']) {
    const file = path.join(dir, `${name}.toml`);
    try {
      readFileSync(file);
    } catch {
      continue;
    }
    out.push(engine(name, file));
  }
  return out;
}
