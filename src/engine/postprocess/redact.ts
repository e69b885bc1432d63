/**
 * Redaction: a secret is shown as its first 4 characters and its length (`sk-a…(108 chars)`), and only when it
 * is long enough that 4 characters reveal little; short secrets (passwords) show only their length.
 */
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
