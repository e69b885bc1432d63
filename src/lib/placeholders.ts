/**
 * What counts as an example or a placeholder rather than a real secret. Every filter is taken from an incumbent
 * scanner or from OpenClaw itself, with its source named:
 *   - trufflehog's known false positives: https://github.com/trufflesecurity/trufflehog/blob/main/pkg/detectors/falsepositives.go
 *   - gitleaks' stopwords and global allowlist: https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml
 *   - detect-secrets' heuristics: https://github.com/Yelp/detect-secrets/blob/master/detect_secrets/filters/heuristic.py
 * Pure: no IO, no state.
 */
import { isReference } from './variables.js';

/**
 * The published OpenClaw example credentials the gateway itself refuses to start with, and the blank strings it
 * treats as "no credential" (its startup guard rejects `change-me-to-a-long-random-token`, `change-me-now`,
 * `change-me-to-a-strong-password`, and blank, `undefined` or `null` credentials).
 */
export const OPENCLAW_PLACEHOLDERS: ReadonlySet<string> = new Set(['change-me-to-a-long-random-token', 'change-me-now', 'change-me-to-a-strong-password', 'undefined', 'null', '']);

/**
 * Substrings that mark a value as an example (case-insensitive), each from a named source:
 * trufflehog's known-false-positive list (`example`, `xxxxxx`, `aaaaaa`, `abcde`, `00000`, `sample`, `*****`),
 * gitleaks' generic stopwords (`here`; `REDACTED`, gitleaks#1188), secretlint's basic-auth ignore list
 * (`YOUR_PASSWORD`, `REPLACE_WITH_…`: `your`, `replace`), and `changeme` / OpenClaw's `change-me`.
 * gitleaks' hex-word stopwords (`dead`, `feed`) are deliberately left out: a random 64-hex gateway token can contain
 * them, and would then be missed.
 */
export const PLACEHOLDER_WORDS: readonly string[] = ['example', 'sample', 'xxxxxx', 'aaaaaa', 'abcde', '00000', '*****', 'redacted', 'here', 'your', 'replace', 'changeme', 'change-me'];

/**
 * gitleaks' generic-rule stopwords that PLACEHOLDER_WORDS does not already hold: a value containing them was
 * written by a person (`token-123`, `my-gateway-secret`), not generated. Not `dead`/`feed`.
 */
export const GITLEAKS_STOPWORDS = /token|admin|action|about|gateway/i;

const PLACEHOLDER_RE = new RegExp(PLACEHOLDER_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');

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
 * The whole value is a run of a sequence (detect-secrets), it holds a sequential stretch of 8 or more, or it is mostly
 * made of ascending runs of 3+ (`abc123xyz456`, `qwe123abc789`): a hand-typed example, never a random secret.
 */
export function isSequential(value: string, minRun = 8): boolean {
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
  let n = 1;
  for (let i = 1; i < value.length; i++) {
    n = value[i] === value[i - 1] ? n + 1 : 1;
    if (n >= run) return true;
  }
  return false;
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
  if (PLACEHOLDER_RE.test(v) || v.toLowerCase().replace(/[-_\s]/g, '').includes('changeme')) return true;
  if ([...v].every((c) => c === v[0])) return true; // one character, repeated (gitleaks' global allowlist)
  return hasRepeatedRun(v) || isSequential(v);
}

/** Neither a reference nor a placeholder: a value that may be a real secret. */
export function isLiteralSecretCandidate(value: string): boolean {
  return value.trim() !== '' && !isReference(value) && !isPlaceholder(value);
}
