/**
 * The token detector: one per scan, built from the `token` specs of the scan's rule registry (src/model/token.ts).
 * The rule runner asks it for a file's tokens once, before the file's rules run, and hands each rule the result
 * (`ctx.tokens`); a token rule reports its own matches. Per file:
 *
 *   1. one combined regex of every spec's literal keywords (`sk-ant-api03-`, `ghp_`, `hooks.slack.com`, …) runs over
 *      the text once (a literal alternation: ~600 MB/s in V8, far cheaper than one regex pass per rule);
 *   2. only the specs whose keyword occurred run their own (linear-time) pattern, starting at the first hit;
 *      specs without a literal keyword (Discord bot tokens) always run, as in gitleaks;
 *   3. encoded values are decoded and scanned in turn (`findEncoded`);
 *   4. specs served by secretlint (secretlint.ts) are linted once per file, only when one of their keywords occurred;
 *   5. placeholder filters and per-provider entropy minimums drop examples; overlapping matches of two specs keep
 *      the longer one, so a token is never reported twice.
 *
 * Nothing here is module state: the keyword regex, the keyword index and the compiled patterns belong to the
 * detector, and a file's tokens to the target they were found for.
 */
import type { AnyRule } from '../../model/rule.js';
import type { FileTokens, SecretlintRoute, TokenMatch, TokenSpec } from '../../model/token.js';
import { shannonEntropy } from '../../lib/entropy.js';
import { isTypedPlaceholder } from '../../lib/placeholders.js';
import { publishedExample } from '../../lib/published-examples.js';
import { isPublishedTestKey } from '../../lib/published-keys.js';
import { lintWithSecretlint } from './secretlint.js';

/** A spec as the detector runs it: its rule's id, and its own copy of the pattern (a global regex keeps a position). */
interface Entry {
  rule: string;
  spec: TokenSpec;
  pattern?: RegExp;
}

/** A file's tokens: what the rules see, and the secretlint-served secrets among them for `holds` (see there). */
export interface TokenScan {
  all: TokenMatch[];
  routed: readonly string[];
}

const NONE: readonly TokenMatch[] = [];
const NO_ROUTES: readonly string[] = [];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Trie {
  end: boolean;
  next: Map<string, Trie>;
}

/**
 * One regex for a set of literal keywords that finds, at the leftmost position where any occurs, the longest one
 * there: the keywords as a trie (`sk-(?:ant-(?:api03-|admin01-)|or-v1-)|…`), a longer continuation tried before the
 * keyword it extends. The same matches as the alternation of the keywords longest first, but a position is tried
 * against one branch per first character instead of every keyword (every text file pays this pass).
 */
export function keywordSource(keywords: readonly string[]): string {
  const root: Trie = { end: false, next: new Map() };
  for (const k of keywords) {
    let node = root;
    for (const c of k) {
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const source = (node: Trie): string => {
    const branches = [...node.next].map(([c, child]) => {
      // A chain of single children is one literal.
      let lit = escape(c);
      let n = child;
      while (!n.end && n.next.size === 1) {
        const [[c2, child2]] = [...n.next] as [[string, Trie]];
        lit += escape(c2);
        n = child2;
      }
      if (n.next.size === 0) return lit;
      const rest = source(n);
      return n.end ? `${lit}(?:${rest})?` : `${lit}(?:${rest})`;
    });
    return branches.join('|');
  };
  return source(root);
}

/**
 * Encoded secrets (issue 21): a base64 or base64url run of 24+ characters (an AWS key id, encoded, is 28) that
 * decodes to text (a Kubernetes Secret's `data:`, a kubeconfig `client-key-data`, a `*_BASE64` variable, a Docker
 * `auth`, a base64 service-account JSON) is decoded and the specs run on the decoded text, and on what it encodes in
 * turn, 5 levels deep at most (gitleaks' limit). A run of an even number (40+) of hex digits of one case, `0x` or
 * not, is also read as hex (`*_HEX` values, `xxd -p` output, `bytes.fromhex(…)`): an AWS key id is 40 in hex.
 * A match in decoded text is reported on the whole encoded run, marked `encoded` with the encoding; its `secret` is
 * the decoded token, so redaction and fingerprints treat it as the token itself. Bounded: runs of at most 200,000
 * characters, 2,000 runs per text, and only decoded content that is text (95% printable) is scanned again.
 * secretlint-served specs run on the file's own text only.
 */
/** The characters of base64 and base64url (`[A-Za-z0-9+/_-]`), by char code. */
const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') B64[c.charCodeAt(0)] = 1;
const isB64 = (code: number) => code < 128 && B64[code] === 1;
const MIN_RUN = 24;

/**
 * The next encoded run at or after `from`: a whole run of 24+ base64/base64url characters (never a part of a longer
 * run) and up to two `=` after it, as `/(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g` would match it. A loop over
 * char codes instead of that regex: every text file pays this pass, and the regex was the costliest part of a scan
 * (docs/performance.md, "The encoded-run scan").
 */
export function nextRun(text: string, from: number): { start: number; end: number } | undefined {
  const n = text.length;
  let i = from;
  if (i > 0 && isB64(text.charCodeAt(i - 1))) while (i < n && isB64(text.charCodeAt(i))) i++; // inside a run
  while (i < n) {
    while (i < n && !isB64(text.charCodeAt(i))) i++;
    const start = i;
    while (i < n && isB64(text.charCodeAt(i))) i++;
    if (i - start >= MIN_RUN) {
      let end = i;
      if (text.charCodeAt(end) === 61) end++;
      if (end > i && text.charCodeAt(end) === 61) end++;
      return { start, end };
    }
  }
  return undefined;
}
const HEX = /^(?:[0-9a-f]{2}){20,}$|^(?:[0-9A-F]{2}){20,}$/;
const MAX_DEPTH = 5;
const MAX_RUN = 200_000;
const MAX_RUNS = 2_000;

/** The decoded text, when the bytes are text. */
function asText(buf: Buffer): string | undefined {
  let printable = 0;
  for (const b of buf) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  return printable >= buf.length * 0.95 ? buf.toString('latin1') : undefined;
}

/** What a base64/base64url run encodes: text, or bytes when it decodes to binary (hashes, images, key containers). */
function decodeRun(run: string): { text?: string; bytes: Buffer } | undefined {
  const buf = Buffer.from(run, 'base64');
  if (buf.length < 18) return undefined;
  const text = asText(buf);
  return text === undefined ? { bytes: buf } : { text, bytes: buf };
}

/** Where the keywords of `near` specs occur in a text (`TokenSpec.near`); made on the first such hit only. */
type NearHits = Map<Entry, number[]> | undefined;

const TF_VARIABLE_LINE = /^[ \t]*variable[ \t]+"[A-Za-z0-9_-]*$/;

/**
 * Whether a token starting at `start` in `text` belongs to one of the names at `hits` (`TokenSpec.near`): at most
 * `near` characters after it, and on its line (`NAME=…`, `name: "…"`, `os.getenv("NAME", "…")`), or in the Terraform
 * block it names (`variable "name" { … default = "…" }`). A value on a later line is another name's.
 */
function isNear(text: string, hits: readonly number[] | undefined, start: number, near: number): boolean {
  if (!hits) return false;
  for (const h of hits) {
    if (h > start || start - h > near) continue;
    const gap = text.slice(h, start);
    if (!gap.includes('\n')) return true;
    // `variable "line_channel_access_token" {`: the name may hold the keyword anywhere.
    if (!gap.includes('}') && TF_VARIABLE_LINE.test(text.slice(text.lastIndexOf('\n', h) + 1, h))) return true;
  }
  return false;
}

/**
 * A token-shaped string that is an example: a placeholder word typed as a word, a filler run, a sequence
 * (src/lib/placeholders.ts `isTypedPlaceholder`: never a substring of a random body), too little entropy. What a
 * structural finder returns (a private key) is an example only when it is a well-known published test key
 * (src/lib/published-keys.ts); the placeholder filters never run on key material.
 */
export function isExampleToken(secret: string, spec: TokenSpec): boolean {
  if (spec.find) return isPublishedTestKey(secret);
  if (isTypedPlaceholder(secret) || publishedExample(secret) !== undefined) return true;
  if (spec.minEntropy !== undefined && shannonEntropy(secret) < spec.minEntropy) return true;
  return spec.accept ? !spec.accept(secret) : false;
}

/**
 * Longest match wins where two specs overlap; an exact tie goes to the lower rule id, so the outcome never depends
 * on the order of the registry (an Anthropic key whose body holds OpenAI's `T3BlbkFJ` marker is reported as
 * Anthropic's: test/rules/secrets/openai_api_key.test.ts).
 */
function resolveOverlaps(matches: TokenMatch[]): TokenMatch[] {
  if (matches.length < 2) return matches;
  const byId = (a: TokenMatch, b: TokenMatch) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || byId(a, b));
  const kept: TokenMatch[] = [];
  for (const m of sorted) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

export class TokenDetector {
  private readonly entries: Entry[] = [];
  /** Specs without a literal keyword: they run on every text. */
  private readonly always: Entry[] = [];
  private readonly byKeyword = new Map<string, Entry[]>();
  private readonly keywordRe: RegExp;
  /** The ids of the token rules this detector runs (for a worker thread to build the same detector). */
  readonly ruleIds: readonly string[];

  constructor(rules: readonly AnyRule[]) {
    for (const r of rules) {
      const spec = r.token;
      if (!spec) continue;
      if (this.entries.some((e) => e.rule === r.id)) throw new Error(`token rule ${r.id} given twice`);
      if (spec.pattern && !spec.pattern.global) throw new Error(`token rule ${r.id}: pattern must be global`);
      const entry: Entry = { rule: r.id, spec, ...(spec.pattern ? { pattern: new RegExp(spec.pattern.source, spec.pattern.flags) } : {}) };
      this.entries.push(entry);
      if (spec.keywords.length === 0) this.always.push(entry);
      for (const k of spec.keywords) this.byKeyword.set(k, [...(this.byKeyword.get(k) ?? []), entry]);
    }
    this.ruleIds = this.entries.map((e) => e.rule);
    // Longest keyword first, so a keyword that is a prefix of another does not hide it.
    const all = [...this.byKeyword.keys()];
    this.keywordRe = all.length ? new RegExp(keywordSource(all), 'g') : /(?!)/g;
  }

  /**
   * The specs whose keyword occurs in `text` (or that have none), each with its first hit; and every hit of the
   * keywords of `near` specs, which they need to place their tokens.
   */
  private keywordPass(text: string): { first: Map<Entry, number>; near: NearHits } {
    const first = new Map<Entry, number>();
    let near: NearHits;
    for (const e of this.always) first.set(e, 0);
    const re = this.keywordRe;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      for (const e of this.byKeyword.get(m[0]) ?? []) {
        if (!first.has(e)) first.set(e, m.index);
        if (e.spec.near !== undefined) {
          near ??= new Map();
          const hits = near.get(e);
          if (hits) hits.push(m.index);
          else near.set(e, [m.index]);
        }
      }
    }
    return { first, near };
  }

  /** `near`: the keyword hits a `near` spec's tokens must follow; undefined: its tokens are placed already (decoded). */
  private runEntry(e: Entry, text: string, from: number, out: TokenMatch[], near?: readonly number[]): void {
    const { spec, rule, pattern } = e;
    if (spec.find) {
      for (const b of spec.find(text)) out.push({ rule, spec, start: b.start, end: b.end, secret: text.slice(b.start, b.end) });
      return;
    }
    if (!pattern) return;
    pattern.lastIndex = Math.max(0, from - (spec.lookbehind ?? 0));
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text))) {
      if (m[0].length === 0) pattern.lastIndex++;
      const secret = m.groups?.secret ?? m[0];
      const start = m.index + m[0].indexOf(secret);
      if (near && spec.near !== undefined && !isNear(text, near, start, spec.near)) continue;
      out.push({ rule, spec, start, end: start + secret.length, secret });
    }
  }

  /** The specs over a text: each whose keyword occurred, from its first hit (`near` specs: after one of their hits). */
  private runAll(text: string, out: TokenMatch[], routes?: Entry[]): NearHits {
    const { first, near } = this.keywordPass(text);
    for (const [e, at] of first) {
      if (e.spec.find || e.pattern) this.runEntry(e, text, at, out, e.spec.near === undefined ? undefined : (near?.get(e) ?? []));
      else if (e.spec.secretlint) routes?.push(e);
    }
    return near;
  }

  /** `outer`: where the `near` specs' keywords are in `text`, so that a value encoded right after one counts. */
  private findEncoded(text: string, depth: number, out: TokenMatch[], outer: NearHits): void {
    if (depth > MAX_DEPTH) return;
    let from = 0;
    for (let n = 0; n < MAX_RUNS; n++) {
      const span = nextRun(text, from);
      if (!span) break;
      from = span.end;
      if (span.end - span.start > MAX_RUN) continue;
      const value = text.slice(span.start, span.end);
      const hex = value.startsWith('0x') ? value.slice(2) : value;
      if (HEX.test(hex)) {
        const decoded = asText(Buffer.from(hex, 'hex'));
        if (decoded !== undefined) this.scanDecoded(text, decoded, depth, span, 'hex', outer, out);
      }
      const run = decodeRun(value);
      if (!run) continue;
      if (run.text === undefined) {
        for (const e of this.entries) {
          const secret = e.spec.findInBinary?.(run.bytes);
          if (secret !== undefined) out.push({ rule: e.rule, spec: e.spec, ...span, secret, encoded: 'base64' });
        }
        continue;
      }
      this.scanDecoded(text, run.text, depth, span, 'base64', outer, out);
    }
  }

  /** The decoded content of an encoded value at `span` of `text`: its tokens are reported on the whole value. */
  private scanDecoded(text: string, decoded: string, depth: number, span: { start: number; end: number }, encoding: 'base64' | 'hex', outer: NearHits, out: TokenMatch[]): void {
    const inner: TokenMatch[] = [];
    const near = this.runAll(decoded, inner);
    // A `near` spec's token alone in the value (`LINE_CHANNEL_ACCESS_TOKEN: <base64 of it>`): its name is outside.
    if (outer)
      for (const [e, hits] of outer)
        if (!near?.has(e) && e.spec.near !== undefined && isNear(text, hits, span.start, e.spec.near)) this.runEntry(e, decoded, 0, inner);
    this.findEncoded(decoded, depth + 1, inner, near);
    for (const t of inner) if (!isExampleToken(t.secret, t.spec)) out.push({ rule: t.rule, spec: t.spec, ...span, secret: t.secret, encoded: encoding });
  }

  /** Our own specs (not secretlint's) over `text`, examples dropped; and the secretlint routes that had a keyword. */
  private own(text: string): { found: TokenMatch[]; routes: Entry[] } {
    const found: TokenMatch[] = [];
    const routes: Entry[] = [];
    const near = this.runAll(text, found, routes);
    this.findEncoded(text, 1, found, near);
    return { found: found.filter((m) => !isExampleToken(m.secret, m.spec)), routes };
  }

  /**
   * The tokens of a file's text: at once when only our own patterns had a keyword in it (nearly every file), a
   * promise when a secretlint route did. Every file goes through this, so the common case allocates no promise:
   * across the 100,000 files of a plain tree, promises and async frames were most of what a scan allocated
   * (docs/performance.md, "Allocation").
   */
  scan(text: string, file: string): TokenScan | Promise<TokenScan> {
    const { found, routes } = this.own(text);
    if (!routes.length) return { all: resolveOverlaps(found), routed: NO_ROUTES };
    return lintWithSecretlint(text, file, routes.map((e) => e.spec.secretlint as SecretlintRoute)).then((hits) => {
      const routed: string[] = [];
      for (const h of hits) {
        const e = routes.find((r) => r.spec.secretlint === h.route);
        if (!e) continue;
        const m: TokenMatch = { rule: e.rule, spec: e.spec, start: h.start, end: h.end, secret: text.slice(h.start, h.end) };
        if (isExampleToken(m.secret, m.spec)) continue;
        found.push(m);
        routed.push(m.secret);
      }
      return { all: resolveOverlaps(found), routed };
    });
  }

  /** Every token in `text`, filtered and de-overlapped (tests, evaluation scripts). */
  async find(text: string, file = 'value.txt'): Promise<TokenMatch[]> {
    return (await this.scan(text, file)).all;
  }

  /** Whether `value` contains a keyword of a spec that has one. */
  mentionsKeyword(value: string): boolean {
    for (const e of this.keywordPass(value).first.keys()) if (e.spec.keywords.length > 0) return true;
    return false;
  }

  /**
   * Whether a token lies inside `value`, a value written in a file whose secretlint-served tokens are `routed`.
   * Synchronous: our own specs run on the value; a secretlint-served token is one the file's lint found inside it
   * (secretlint ran on the whole text before the rules, and a value of the file is part of that text).
   */
  holds(value: string, routed: readonly string[]): boolean {
    if (this.own(value).found.length > 0) return true;
    for (const s of routed) if (value.includes(s)) return true;
    return false;
  }

  /** The view of a target's tokens for its rules (`ctx.tokens`); `scan` undefined: not found for this target. */
  view(scan: TokenScan | undefined, kind: string): TargetTokens {
    return new TargetTokens(this, scan, kind);
  }
}

/** `ctx.tokens` of one target; `rule` is set by the runner to the rule being run. */
export class TargetTokens implements FileTokens {
  rule = '';
  constructor(
    private readonly detector: TokenDetector,
    private readonly scan: TokenScan | undefined,
    private readonly kind: string,
  ) {}

  private found(): TokenScan {
    if (!this.scan) throw new Error(`rule ${this.rule} reads ctx.tokens on a ${this.kind} target: declare \`usesTokens: true\``);
    return this.scan;
  }

  get all(): readonly TokenMatch[] {
    return this.found().all;
  }

  get own(): readonly TokenMatch[] {
    const all = this.found().all;
    if (all.length === 0) return NONE;
    return all.filter((m) => m.rule === this.rule);
  }

  mentionsKeyword(value: string): boolean {
    return this.detector.mentionsKeyword(value);
  }

  /**
   * A token of `near` spec (its name outside the value: `channelAccessToken: "…"`) is one the file's scan found
   * inside the value; any other, one the value holds by itself.
   */
  holds(value: string): boolean {
    const { all, routed } = this.found();
    for (const t of all) if (t.spec.near !== undefined && value.includes(t.secret)) return true;
    return this.detector.holds(value, routed);
  }
}
