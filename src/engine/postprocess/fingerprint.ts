/**
 * Fingerprints: stable identity of a finding across runs. Derived from the rule, the path and a structural
 * identity (the structural path, an explicit key, a keyed derivation of a secret, or the normalised text of the
 * line), never from line numbers, so unrelated edits do not churn alerts, and never from a raw secret.
 *
 * A fingerprint is public (SARIF, JSON, the committed baseline, review-comment markers), so nothing a guesser can
 * invert may go into it (security review, B7; the model: docs/fingerprints.md):
 * - a secret that does not look random (weakSecret) is identified by its place and rule only (finalize.ts);
 * - any other secret by a keyed derivation: HMAC-SHA256 for values with more entropy than any guessing reaches,
 *   PBKDF2-SHA256 (20,000 rounds) for the rest, both keyed with GATEWARDEN_FINGERPRINT_KEY when it is set.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { shannonEntropy } from '../../lib/entropy.js';

const VERSION = 'v1';
/**
 * The derivation's key unless GATEWARDEN_FINGERPRINT_KEY sets one: fingerprints must be equal across runs and
 * machines, so the default is a public constant; the derivation's cost (PBKDF2) is what protects a mid-entropy
 * value then, and a key of the organisation's own protects every value.
 */
const DEFAULT_KEY = 'gatewarden/secret-fingerprint/v2'; // gatewarden-ignore secrets.generic -- a public, documented constant, not a credential
const SLOW_ROUNDS = 20_000;
/** Estimated bits (length × Shannon entropy per character) from which guessing is hopeless and HMAC suffices. */
const FAST_BITS = 128;

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** Character classes: lower case, upper case, digits, anything else. */
function classes(s: string): number {
  return Number(/[a-z]/.test(s)) + Number(/[A-Z]/.test(s)) + Number(/[0-9]/.test(s)) + Number(/[^A-Za-z0-9]/.test(s));
}

/**
 * A secret a dictionary can find: under 16 characters, or fewer than three character classes with the character
 * spread of words (`Summer2024!`, `postgres-password-prod`). It is never fingerprinted by its value.
 */
export function weakSecret(secret: string): boolean {
  if ([...secret].length < 16) return true;
  if (classes(secret) >= 3) return false;
  return shannonEntropy(secret) < 3.5;
}

const derived = new Map<string, string>();

/** The identity of a secret that is not weak: a keyed derivation, slow unless the value is far beyond guessing. */
export function secretIdentity(secret: string): string {
  const key = process.env.GATEWARDEN_FINGERPRINT_KEY || DEFAULT_KEY;
  const cacheKey = `${key}\0${secret}`;
  let id = derived.get(cacheKey);
  if (id === undefined) {
    const bits = secret.length * shannonEntropy(secret);
    id = bits >= FAST_BITS ? `secret2:${createHmac('sha256', key).update(secret).digest('hex')}` : `secret2s:${pbkdf2Sync(secret, key, SLOW_ROUNDS, 32, 'sha256').toString('hex')}`;
    if (derived.size > 10_000) derived.clear();
    derived.set(cacheKey, id);
  }
  return id;
}

export function fingerprint(ruleId: string, file: string, identity: string): string {
  return sha256(`${VERSION}\0${ruleId}\0${file}\0${identity}`).slice(0, 32);
}
