/**
 * The shared token scanner. Every token rule (`rules/secrets/<name>.ts`) declares its own pattern with
 * `tokenSpec()`; the scanner runs all of them over a file in ONE keyword pass, memoised per target, and each rule
 * reads its own matches from the result:
 *
 *   1. one combined regex of every spec's literal keywords (`sk-ant-api03-`, `ghp_`, `hooks.slack.com`, …) runs over
 *      the text once (a literal alternation: ~600 MB/s in V8, far cheaper than one regex pass per rule);
 *   2. only the specs whose keyword occurred run their own (linear-time) pattern, starting at the first hit;
 *      specs without a literal keyword (Discord bot tokens) always run, as in gitleaks;
 *   3. specs served by secretlint (see rules/_shared/secretlint.ts) are linted once per file, only when one of their
 *      keywords occurred;
 *   4. placeholder filters and per-provider entropy minimums drop examples; overlapping matches of two specs keep
 *      the longer one, so a token is never reported twice.
 *
 * Patterns must be linear-time: a fixed prefix or a bounded class, bounded quantifiers, no nested repetition.
 */
import { at } from '../../src/model/location.js';
import type { RuleContext } from '../../src/model/rule.js';
import type { TextTarget } from '../../src/model/target.js';
import { shannonEntropy } from '../../src/lib/entropy.js';
import { lintWithSecretlint, type SecretlintRoute } from './secretlint.js';
import { isTypedPlaceholder } from '../../src/lib/placeholders.js';
import { publishedExample } from '../../src/lib/published-examples.js';

export interface TokenSpec {
  ruleId: string;
  /** What was found, for messages: "Anthropic API key". */
  describe: string;
  /** What to do, one short clause for messages: "revoke it in the Anthropic Console". */
  action: string;
  /** Case-sensitive literals; a token of this kind always contains one. Empty: the pattern always runs. */
  keywords: readonly string[];
  /** Global regex; the token is group `secret` or the whole match. Absent for secretlint-served and `find` specs. */
  pattern?: RegExp;
  /**
   * A structural finder instead of a pattern (private keys: src/lib/private-keys.ts). What it returns is material
   * by structure: no placeholder filter runs on it (an OpenSSH key body always holds `AAAAAAAAAAAB`).
   */
  find?: (text: string) => readonly { start: number; end: number }[];
  /** For `find` specs: whether decoded binary content (a base64 value) is the material (PKCS#12, JKS); its secret. */
  findInBinary?: (bytes: Uint8Array) => string | undefined;
  /** How many characters before a keyword hit a token may start (keyword in the middle, e.g. OpenAI `T3BlbkFJ`). */
  lookbehind?: number;
  /** Minimum Shannon entropy of the secret (gitleaks' per-rule `entropy`); below it the token is an example. */
  minEntropy?: number;
  /** Extra shape check on the secret (checksums, decoded structure). */
  accept?: (secret: string) => boolean;
  /** Served by secretlint's rule instead of `pattern` (docs/secrets-engines.md says why). */
  secretlint?: SecretlintRoute;
}

export interface TokenMatch {
  spec: TokenSpec;
  /** The span in the scanned text: for an encoded secret, the whole encoded value. */
  start: number;
  end: number;
  /** Found in the decoded content of a base64 value (`start`/`end` are the encoded value's). */
  encoded?: boolean;
  secret: string;
}

const SPECS: TokenSpec[] = [];
let keywordRe: RegExp | undefined;
let byKeyword = new Map<string, TokenSpec[]>();

/** Declares a token type. Called once at module load by each token rule module; returns the spec. */
export function tokenSpec(spec: TokenSpec): TokenSpec {
  if (SPECS.some((s) => s.ruleId === spec.ruleId)) throw new Error(`token spec ${spec.ruleId} declared twice`);
  if (spec.pattern && !spec.pattern.global) throw new Error(`token spec ${spec.ruleId}: pattern must be global`);
  SPECS.push(spec);
  keywordRe = undefined;
  return spec;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function keywordPass(text: string): Map<TokenSpec, number> {
  if (!keywordRe) {
    byKeyword = new Map();
    for (const s of SPECS) for (const k of s.keywords) byKeyword.set(k, [...(byKeyword.get(k) ?? []), s]);
    // Longest keyword first, so a keyword that is a prefix of another does not hide it.
    const all = [...byKeyword.keys()].sort((a, b) => b.length - a.length);
    keywordRe = all.length ? new RegExp(all.map(escape).join('|'), 'g') : /(?!)/g;
  }
  const first = new Map<TokenSpec, number>();
  for (const s of SPECS) if (s.keywords.length === 0) first.set(s, 0);
  keywordRe.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = keywordRe.exec(text))) {
    for (const s of byKeyword.get(m[0]) ?? []) if (!first.has(s)) first.set(s, m.index);
  }
  return first;
}

/**
 * A token-shaped string that is an example: a placeholder word typed as a word, a filler run, a sequence
 * (src/lib/placeholders.ts `isTypedPlaceholder`: never a substring of a random body), too little entropy.
 */
export function isExampleToken(secret: string, spec: TokenSpec): boolean {
  if (spec.find) return false;
  if (isTypedPlaceholder(secret) || publishedExample(secret) !== undefined) return true;
  if (spec.minEntropy !== undefined && shannonEntropy(secret) < spec.minEntropy) return true;
  return spec.accept ? !spec.accept(secret) : false;
}

function runPattern(spec: TokenSpec, pattern: RegExp, text: string, from: number, out: TokenMatch[]): void {
  pattern.lastIndex = Math.max(0, from - (spec.lookbehind ?? 0));
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text))) {
    if (m[0].length === 0) pattern.lastIndex++;
    const secret = m.groups?.secret ?? m[0];
    const start = m.index + m[0].indexOf(secret);
    out.push({ spec, start, end: start + secret.length, secret });
  }
}

/**
 * Longest match wins where two specs overlap; an exact tie goes to the lower rule id, so the outcome never depends
 * on the order the rule modules were loaded in (an Anthropic key whose body holds OpenAI's `T3BlbkFJ` marker is
 * reported as Anthropic's: test/rules/secrets/openai_api_key.test.ts).
 */
function resolveOverlaps(matches: TokenMatch[]): TokenMatch[] {
  const byId = (a: TokenMatch, b: TokenMatch) => (a.spec.ruleId < b.spec.ruleId ? -1 : a.spec.ruleId > b.spec.ruleId ? 1 : 0);
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || byId(a, b));
  const kept: TokenMatch[] = [];
  for (const m of sorted) if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * The tokens of a text: a list at once when only our own patterns had a keyword in it (nearly every file), a
 * promise when a secretlint route did. Every file goes through every token rule, so the common case allocates no
 * promise: across the 100,000 files of a plain tree, promises and async frames were most of what the scan
 * allocated (docs/performance.md, "Allocation").
 */
type Tokens = TokenMatch[] | Promise<TokenMatch[]>;

function scanTokens(text: string, filePath: string): Tokens {
  const hits = keywordPass(text);
  const found: TokenMatch[] = [];
  const routes: TokenSpec[] = [];
  for (const [spec, at] of hits) {
    if (spec.find || spec.pattern) runSpec(spec, text, at, found);
    else if (spec.secretlint) routes.push(spec);
  }
  findEncoded(text, 1, found);
  const settle = () => resolveOverlaps(found.filter((m) => !isExampleToken(m.secret, m.spec)));
  if (!routes.length) return settle();
  return lintWithSecretlint(text, filePath, routes.map((s) => s.secretlint as SecretlintRoute)).then((results) => {
    for (const r of results) {
      const spec = routes.find((s) => s.secretlint === r.route);
      if (spec) found.push({ spec, start: r.start, end: r.end, secret: text.slice(r.start, r.end) });
    }
    return settle();
  });
}

function runSpec(spec: TokenSpec, text: string, at: number, out: TokenMatch[]): void {
  if (spec.find) for (const b of spec.find(text)) out.push({ spec, start: b.start, end: b.end, secret: text.slice(b.start, b.end) });
  else if (spec.pattern) runPattern(spec, spec.pattern, text, at, out);
}

/**
 * Encoded secrets (issue 21): a base64 or base64url run of 24+ characters (an AWS key id, encoded, is 28) that decodes to text (a Kubernetes Secret's
 * `data:`, a kubeconfig `client-key-data`, a `*_BASE64` variable, a Docker `auth`, a base64 service-account JSON) is
 * decoded and the token and key specs run on the decoded text, and on what it encodes in turn, 5 levels deep at most
 * (gitleaks' limit). A match in decoded text is reported on the whole encoded run, marked `encoded`; its `secret`
 * is the decoded token, so redaction and fingerprints treat it as the token itself. Bounded: runs of at most
 * 200,000 characters, 2,000 runs per text. secretlint-served specs run on the file's own text only.
 */
// Tried only where a run starts (the lookbehind): the same matches, but a run shorter than 24 is read once, not
// again from each of its later positions (every text file pays this pass; docs/performance.md).
const ENCODED = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g;
const MAX_DEPTH = 5;
const MAX_RUN = 200_000;
const MAX_RUNS = 2_000;

/** What a base64/base64url run encodes: text, or bytes when it decodes to binary (hashes, images, key containers). */
function decodeRun(run: string): { text?: string; bytes: Buffer } | undefined {
  const buf = Buffer.from(run, 'base64');
  if (buf.length < 18) return undefined;
  let printable = 0;
  for (const b of buf) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable++;
  return printable >= buf.length * 0.95 ? { text: buf.toString('latin1'), bytes: buf } : { bytes: buf };
}

function findEncoded(text: string, depth: number, out: TokenMatch[]): void {
  if (depth > MAX_DEPTH) return;
  const re = new RegExp(ENCODED.source, 'g'); // one per level: the levels nest
  let m: RegExpExecArray | null;
  for (let n = 0; n < MAX_RUNS && (m = re.exec(text)); n++) {
    if (m[0].length > MAX_RUN) continue;
    const run = decodeRun(m[0]);
    if (!run) continue;
    const decoded = run.text;
    if (decoded === undefined) {
      for (const spec of SPECS) {
        const secret = spec.findInBinary?.(run.bytes);
        if (secret !== undefined) out.push({ spec, start: m.index, end: m.index + m[0].length, secret, encoded: true });
      }
      continue;
    }
    const inner: TokenMatch[] = [];
    for (const [spec, at] of keywordPass(decoded)) runSpec(spec, decoded, at, inner);
    findEncoded(decoded, depth + 1, inner);
    for (const t of inner) if (!isExampleToken(t.secret, t.spec)) out.push({ spec: t.spec, start: m.index, end: m.index + m[0].length, secret: t.secret, encoded: true });
  }
}

/** Every token in `text`, filtered and de-overlapped. Not memoised: use `tokensIn(target)` for files. */
export async function findTokens(text: string, filePath = 'value.txt'): Promise<TokenMatch[]> {
  return scanTokens(text, filePath);
}

/**
 * The last file's tokens. The token rules of a file run one after another (engine/runner.ts), so one entry is
 * enough. A WeakMap keyed by the file's target was measured to cost far more than it looked: the young-generation
 * collector keeps the keys of a WeakMap alive, so every text read was copied into the old generation (205 MB
 * promoted in a scan of 100,000 plain files, and an old generation let grow to 150 MB between full collections).
 */
let last: { target: TextTarget; tokens: Tokens } | undefined;

/** The tokens of a text file, computed once however many rules ask (a list, or a promise of one: `scanTokens`). */
function tokensIn(target: TextTarget): Tokens {
  if (last?.target !== target) last = { target, tokens: scanTokens(target.text, target.file) };
  return last.tokens;
}

/**
 * Whether `value` carries a provider's marker (`sk-ant-api03-`, `ghp_`, `xoxb-`, …) without being a valid token of
 * that provider: a truncated or wrong-suffix example. The generic and OpenClaw rules leave such values alone.
 */
export function mentionsTokenKeyword(value: string): boolean {
  for (const spec of keywordPass(value).keys()) if (spec.keywords.length > 0) return true;
  return false;
}

/** Whether any token of any spec lies inside `value` (a provider key at an OpenClaw path belongs to its provider rule). */
export async function holdsKnownToken(value: string): Promise<boolean> {
  return (await findTokens(value)).length > 0;
}

/**
 * The check of a token rule: report this spec's matches in the file, the value passed as `secret`. Synchronous
 * unless the file's tokens wait on secretlint (`tokensIn`).
 */
export function reportTokens(spec: TokenSpec, target: TextTarget, ctx: RuleContext): void | Promise<void> {
  return withTokens(target, (list) => {
    for (const m of list) {
      if (m.spec !== spec) continue;
      ctx.report({
        at: at.range(m.start, m.end),
        message: `${spec.describe}${m.encoded ? ' (base64-encoded)' : ''} in ${target.file}: ${spec.action}.`,
        secret: m.secret,
      });
    }
  });
}

/**
 * Runs `use` on a text file's tokens: at once when they are known without secretlint (nearly every file), once
 * secretlint has answered otherwise. What a text rule that needs the tokens returns from its check.
 */
export function withTokens(target: TextTarget, use: (tokens: readonly TokenMatch[]) => void): void | Promise<void> {
  const tokens = tokensIn(target);
  return Array.isArray(tokens) ? use(tokens) : tokens.then(use);
}
