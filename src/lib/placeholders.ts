/**
 * What counts as an example or a placeholder rather than a real secret. Every filter is taken from an incumbent
 * scanner or from OpenClaw itself, with its source named:
 *   - trufflehog's known false positives: https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/falsepositives.go
 *   - gitleaks' stopwords and global allowlist: https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml
 *   - detect-secrets' heuristics: https://github.com/Yelp/detect-secrets/blob/master/detect_secrets/filters/heuristic.py
 * Pure: no IO, no state.
 */
import { publishedExample } from './published-examples.js';
import { isReference } from './variables.js';

/**
 * The published OpenClaw example credentials the gateway itself refuses to start with, and the blank strings it
 * treats as "no credential" (its startup guard rejects `change-me-to-a-long-random-token`, `change-me-now`,
 * `change-me-to-a-strong-password`, and blank, `undefined` or `null` credentials).
 */
export const OPENCLAW_PLACEHOLDERS: ReadonlySet<string> = new Set(['change-me-to-a-long-random-token', 'change-me-now', 'change-me-to-a-strong-password', 'undefined', 'null', '']);

/**
 * Words that mark a value as an example when a person typed them as a WORD of the value (`your_token_here`,
 * `sk-ant-REPLACE-ME`, `yourApiKeyHere`), each from a named source: trufflehog's known-false-positive list
 * (`example`, `sample`), gitleaks' generic stopwords (`here`; `REDACTED`, gitleaks#1188), secretlint's basic-auth
 * ignore list (`YOUR_PASSWORD`, `REPLACE_WITH_…`: `your`, `replace`), and `changeme` / OpenClaw's `change-me`.
 * Matched on word boundaries and in one case only (`typedWords`), never as a substring: a random body holds `here`
 * or `Your` by chance (0.2-0.6% of RSA keys, up to 0.06% of provider tokens did, issue 21).
 * trufflehog's `xxxxxx`, `aaaaaa`, `00000`, `*****` and `abcde` are runs and sequences, tested as such
 * (`dominantRun`, `isSequential`) so that the run of six `A` in every OpenSSH key body does not count.
 */
export const PLACEHOLDER_WORDS: readonly string[] = ['example', 'sample', 'redacted', 'here', 'your', 'replace', 'changeme', 'placeholder', 'insert'];

/**
 * gitleaks' generic-rule stopwords that PLACEHOLDER_WORDS does not already hold: a value containing them was
 * written by a person (`token-123`, `my-gateway-secret`), not generated. Not `dead`/`feed`.
 */
export const GITLEAKS_STOPWORDS = /token|admin|action|about|gateway/i;

/** Words that say what a value is (`another-secret-value-XYZ789`, `FAKE_A7f9…`, `my-gateway-token`). */
const SELF_WORDS = new Set(['token', 'admin', 'action', 'about', 'gateway', 'secret', 'fake', 'dummy', 'stub', 'placeholder']);
const SELF_HINT = /token|admin|action|about|gateway|secret|passw|fake|dummy|stub|placeholder/i;
const ONE_CASE_WORDS = /^(?:[a-z]+|[A-Z]+)[0-9]*$/;

/**
 * A value that names itself, as a person types it: gitleaks' generic stopwords (`token`, `admin`, `action`, `about`,
 * `gateway`) and the words of a test or doc value (`secret`, `password`/`passwd`, `fake`, `dummy`, `stub`,
 * `placeholder`), each a typed word (`typedWords`: set off by separators or the value's ends, one case; a number may
 * follow it, `admin123`), or two of them inside camel case (`myGatewayToken`). Never a substring of a random body: as substrings anywhere and in any
 * case (`GITLEAKS_STOPWORDS`, the generic rule's self-describing test) they dropped 0.006% of random Nostr keys and
 * LINE tokens in the 100,000-per-type property run (`…xStUbq…`, `…aBoUt…`).
 */
export function namesItself(value: string): boolean {
  if (!SELF_HINT.test(value)) return false;
  // Words run together in one case, a counter at most after them (`mypersonalaccesstoken123`): typed, not drawn; a
  // random body has its digits and cases mixed through it.
  if (ONE_CASE_WORDS.test(value)) return true;
  const words = wordsWithEdges(value);
  let inside = 0;
  for (const { word: typed, edge } of words) {
    let end = typed.length; // `admin123`, `token2`: a word and its counter (a loop: `/[0-9]+$/` is quadratic)
    while (end > 0 && typed.charCodeAt(end - 1) >= 48 && typed.charCodeAt(end - 1) <= 57) end--;
    const word = typed.slice(0, end);
    if (!SELF_WORDS.has(word) && !word.startsWith('passw')) continue;
    if (edge) return true;
    if (++inside >= 2) return true;
  }
  return false;
}

const WORDS = new Set(PLACEHOLDER_WORDS);

interface TypedWord {
  word: string;
  /** Starts the value or follows a separator, and ends it or precedes one (no camel-case split on either side). */
  edge: boolean;
}

function wordsWithEdges(value: string): TypedWord[] {
  const out: TypedWord[] = [];
  let start = -1;
  let edge = true;
  const push = (end: number, rightEdge = true) => {
    if (start >= 0) {
      const w = value.slice(start, end);
      const rest = w.slice(1);
      if (w === w.toLowerCase() || w === w.toUpperCase() || (rest === rest.toLowerCase() && w[0] === w[0]?.toUpperCase())) out.push({ word: w.toLowerCase(), edge: edge && rightEdge });
    }
    start = -1;
  };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const alnum = upper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!alnum) {
      push(i);
      edge = true;
    } else {
      const prev = value.charCodeAt(i - 1);
      if (upper && start >= 0 && prev >= 97 && prev <= 122) {
        push(i, false);
        edge = false;
      }
      if (start < 0) start = i;
    }
  }
  push(value.length);
  return out;
}

/**
 * The words of a value as a person types them: split at every character that is not a letter or digit, and before
 * a capital that follows a lower-case letter (`yourApiKeyHere` → your, api, key, here). A word counts only in one
 * case: all lower, all upper or capitalised (`here`, `HERE`, `Here`; not `hErE`).
 */
export function typedWords(value: string): string[] {
  return wordsWithEdges(value).map((w) => w.word);
}

const MAYBE_WORD = /example|sample|redacted|here|your|replace|change|placeholder|insert|xxxx|0000/i;

/**
 * A placeholder word typed as a word of `value`: one set off by separators or the value's ends on both sides
 * (`your_token`, `sk-ant-REPLACE-ME`, `HERE`), or two of them anywhere (`YourKeyHere`, `myKeyGoesHereReplaceIt`). A
 * lone word touching a camel-case run (`…aHereX…`, `-YourQ…`) is what a random body spells about once in 100,000
 * values (eval:secrets --filters 100000), so it needs the second word. Also `change`+`me`, and a word of only `x`
 * (4+) or `0` (6+: a UUID's 4-hex group is `0000` once in 22,000).
 */
export function hasPlaceholderWord(value: string): boolean {
  if (!MAYBE_WORD.test(value)) return false;
  const words = wordsWithEdges(value);
  let inside = 0;
  for (let i = 0; i < words.length; i++) {
    const { word, edge } = words[i] as TypedWord;
    const hit = WORDS.has(word) || (word === 'change' && words[i + 1]?.word === 'me') || (edge && /^(x{4,}|0{6,})$/.test(word));
    if (!hit) continue;
    if (edge) return true;
    if (++inside >= 2) return true;
  }
  return false;
}

/** detect-secrets' `is_sequential_string` sequences (heuristic.py). */
const SEQUENCES = [
  'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ+/',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  '01234567890123456789',
  '0123456789ABCDEF0123456789ABCDEF',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ=/',
];

/**
 * The whole value is a run of a sequence (detect-secrets), a sequential stretch covers a third of it (8 at least:
 * `ghp_ABCDEFGHIJKLMNOP…`; a Telegram bot id `7012345678` in a 46-character token is not one), or it is mostly
 * made of ascending runs of 3+ (`abc123xyz456`, `qwe123abc789`): a hand-typed example, never a random secret.
 */
export function isSequential(value: string, minRun = Math.max(8, Math.ceil(value.length / 3))): boolean {
  const up = value.toUpperCase();
  if (up.length >= 3 && SEQUENCES.some((s) => s.includes(up))) return true;
  for (let i = 0; i + minRun <= up.length; i++) {
    const piece = up.slice(i, i + minRun);
    if (SEQUENCES.some((s) => s.includes(piece))) return true;
  }
  let inRuns = 0;
  let run = 1;
  for (let i = 1; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) === value.charCodeAt(i - 1) + 1) run++;
    else {
      if (run >= 3) inRuns += run;
      run = 1;
    }
  }
  return value.length >= 8 && inRuns / value.length >= 0.6;
}

/** Six or more of one character in a row (`xxxxxx`, `000000`, `******`): gitleaks' and trufflehog's repeated-character filters. */
export function hasRepeatedRun(value: string, run = 6): boolean {
  return longestRun(value) >= run;
}

function longestRun(value: string): number {
  let n = 1;
  let best = value.length ? 1 : 0;
  for (let i = 1; i < value.length; i++) {
    n = value[i] === value[i - 1] ? n + 1 : 1;
    if (n > best) best = n;
  }
  return best;
}

/**
 * A run of one character that is a typed filler, not chance: six or more, and a quarter of the value or more
 * (`sk-ant-api03-xxxx…`, `ghp_000000…`). A random 64-hex body holds six equal digits one time in 18,000; a filler
 * of a quarter of it, never.
 */
export function dominantRun(value: string): boolean {
  const n = longestRun(value);
  return n >= 6 && n * 4 >= value.length;
}

/**
 * A value that is an example or a template rather than a credential: a published OpenClaw placeholder, a
 * `<your token>` / `[TOKEN]` / `{token}` template (detect-secrets `is_templated_secret`), an elided `sk-ant-...`,
 * a stopword, a repeated or sequential run, or `true`/`false`/`null` (gitleaks' global allowlist).
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (OPENCLAW_PLACEHOLDERS.has(v.toLowerCase())) return true;
  if (/^(true|false|null|none|nil|undefined|todo|tbd|secret|password|token)$/i.test(v)) return true;
  if (/^<|^\[[^\]]*\]$|^\{[^}]*\}$/.test(v)) return true; // `<token>` (also cut short by a space: `<paste the token>`)
  if (v.includes('...') || v.includes('…')) return true;
  if (v.includes('eyJzdWIiOiIxMjM0NTY3ODkw')) return true; // jwt.io's example token ({"sub":"1234567890",…})
  if (hasPlaceholderWord(v) || publishedExample(v) !== undefined) return true;
  if ([...v].every((c) => c === v[0])) return true; // one character, repeated (gitleaks' global allowlist)
  return dominantRun(v) || isSequential(v);
}

/**
 * A provider token (or any value with a random body) that is an example: a placeholder typed as a word, a filler run,
 * a sequence. Only what a person types is tested: words on their boundaries, runs that fill a quarter of the value.
 */
export function isTypedPlaceholder(value: string): boolean {
  return hasPlaceholderWord(value) || dominantRun(value) || isSequential(value);
}

/** Neither a reference nor a placeholder: a value that may be a real secret. */
export function isLiteralSecretCandidate(value: string): boolean {
  return value.trim() !== '' && !isReference(value) && !isPlaceholder(value);
}
