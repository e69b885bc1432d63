/**
 * Redaction: a secret is shown as its first 4 characters and its length (`sk-a…(108 chars)`), and only when it
 * is long enough that 4 characters reveal little; short secrets (passwords) show only their length.
 */
import type { Finding, Note } from '../../model/finding.js';
import { shannonEntropy } from '../../lib/entropy.js';

export function redact(secret: string): string {
  const n = [...secret].length;
  const head = n >= 12 ? [...secret].slice(0, 4).join('') : '';
  return `${head}…(${n} chars)`;
}

/** Replaces every occurrence of the secret in a string with its redacted form. */
export function scrub(text: string, secret: string, redacted: string): string {
  if (!secret || secret.length < 4 || !text.includes(secret)) return text;
  return text.split(secret).join(redacted);
}

/** A word that may hold a key: letters, digits, `_` and `-`, long enough for one. */
const WORD = /[A-Za-z0-9_-]{16,}/g;

/**
 * Whether a word of a message holds something that looks like a key: one of its `_`/`-`-separated parts is 16
 * characters or more of letters and digits mixed, with the character spread of random text. Variable and service
 * names are words (`OPENCLAW_GATEWAY_TOKEN_2024`: no such part); a key pasted into one is not.
 */
function holdsKey(word: string): boolean {
  for (const part of word.split(/[_-]/)) {
    if (part.length < 16 || !/[0-9]/.test(part) || !/[A-Za-z]/.test(part)) continue;
    if (shannonEntropy(part) >= 3.3) return true;
  }
  return false;
}

/**
 * Redacts, like a secret, every word of `text` that holds a key (holdsKey): a name that contains a secret (an
 * `.env` variable `API_TOKEN_<key>`, a compose environment key) is quoted by the messages of other findings,
 * which do not know that secret (security review, B4).
 */
export function redactKeyLikeWords(text: string): string {
  return text.replace(WORD, (w) => (holdsKey(w) ? redact(w) : w));
}

/**
 * The raw secrets reported in each file of a scan (every `secret` a rule reported, over the cap too), so that no
 * output byte of any finding or note of that file can hold one, whatever its shape (docs/architecture.md,
 * "Redaction"): a rule that names a compose service, a variable or a key does not know that the name holds another
 * rule's secret. Held in memory by the engine only; never output.
 */
export type SecretLedger = Map<string, Set<string>>;

/** Secrets shorter than this are not scrubbed from other findings: `pass` is in "password" (their own finding is). */
export const MIN_CROSS_SCRUB = 6;

/** Adds a reported secret to the ledger under `file`. */
export function noteSecret(ledger: SecretLedger, file: string, secret: string): void {
  if (secret.length < MIN_CROSS_SCRUB) return;
  let set = ledger.get(file);
  if (!set) ledger.set(file, (set = new Set()));
  set.add(secret);
}

/** Merges another ledger's sets (a worker's, for its files) into `ledger`. */
export function mergeSecrets(ledger: SecretLedger, file: string, secrets: Iterable<string>): void {
  for (const s of secrets) noteSecret(ledger, file, s);
}

const PREFIX = 4;

/**
 * One file's secrets, ready to scrub text in one left-to-right pass: indexed by their first characters, so a text
 * costs its length (one map look-up per position), not its length times the number of secrets. Where two secrets
 * start at the same place the longer is replaced.
 */
export class SecretScrubber {
  private readonly byPrefix = new Map<string, string[]>();

  constructor(secrets: Iterable<string>) {
    for (const s of secrets) {
      if (s.length < MIN_CROSS_SCRUB) continue;
      const k = s.slice(0, PREFIX);
      const list = this.byPrefix.get(k);
      if (list) list.push(s);
      else this.byPrefix.set(k, [s]);
    }
    for (const list of this.byPrefix.values()) list.sort((a, b) => b.length - a.length);
  }

  /** `text` with every occurrence of a secret replaced by its redacted form (the same text when there is none). */
  scrub(text: string): string {
    if (this.byPrefix.size === 0 || text.length < MIN_CROSS_SCRUB) return text;
    let out: string | undefined;
    let copied = 0;
    for (let i = 0; i + MIN_CROSS_SCRUB <= text.length; ) {
      const list = this.byPrefix.get(text.slice(i, i + PREFIX));
      const hit = list?.find((s) => text.startsWith(s, i));
      if (!hit) {
        i++;
        continue;
      }
      out = (out ?? '') + text.slice(copied, i) + redact(hit);
      i += hit.length;
      copied = i;
    }
    return out === undefined ? text : out + text.slice(copied);
  }
}

/**
 * Scrubs every output text of each finding (message, fix, properties, suppression reason) with the secrets its
 * file's findings reported: proportional, since only findings of files with secrets are looked at. A finding that
 * holds none is returned as it was (the same object).
 */
export function scrubFindings(findings: readonly Finding[], ledger: SecretLedger): Finding[] {
  if (ledger.size === 0) return findings as Finding[];
  const scrubbers = new Map<string, SecretScrubber>();
  const scrubberOf = (file: string): SecretScrubber | undefined => {
    const secrets = ledger.get(file);
    if (!secrets) return undefined;
    let s = scrubbers.get(file);
    if (!s) scrubbers.set(file, (s = new SecretScrubber(secrets)));
    return s;
  };
  return findings.map((f) => {
    const s = scrubberOf(f.location.file);
    return s ? scrubFinding(f, s) : f;
  });
}

function scrubFinding(f: Finding, s: SecretScrubber): Finding {
  let changed = false;
  const clean = (text: string): string => {
    const out = s.scrub(text);
    if (out !== text) changed = true;
    return out;
  };
  const message = clean(f.message);
  const fix = f.fix ? { ...f.fix, description: clean(f.fix.description), replacement: clean(f.fix.replacement) } : undefined;
  const properties = f.properties ? Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, typeof v === 'string' ? clean(v) : v])) : undefined;
  const reason = f.suppressed?.reason !== undefined ? clean(f.suppressed.reason) : undefined;
  if (!changed) return f;
  const out: Finding = { ...f, message };
  if (fix) out.fix = fix;
  if (properties) out.properties = properties;
  if (f.suppressed && reason !== undefined) out.suppressed = { ...f.suppressed, reason };
  return out;
}

/** Scrubs the notes about a file (a parse error may quote the line it failed on) with that file's secrets. */
export function scrubNotes(notes: Note[], ledger: SecretLedger): void {
  if (ledger.size === 0) return;
  const scrubbers = new Map<string, SecretScrubber>();
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i] as Note;
    const secrets = n.file !== undefined ? ledger.get(n.file) : undefined;
    if (!secrets || n.file === undefined) continue;
    let s = scrubbers.get(n.file);
    if (!s) scrubbers.set(n.file, (s = new SecretScrubber(secrets)));
    const message = s.scrub(n.message);
    if (message !== n.message) notes[i] = { ...n, message };
  }
}
