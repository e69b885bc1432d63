/**
 * Shannon entropy, and the thresholds Gatewarden uses, each taken from an incumbent scanner (docs/secrets-engines.md
 * explains the choice):
 *   - gitleaks `generic-api-key`: a value's entropy must be greater than 3.5 bits per character
 *     (https://github.com/gitleaks/gitleaks/blob/master/cmd/generate/config/rules/generic.go).
 *   - detect-secrets `HexHighEntropyString`: 3.0 for strings made only of hex digits, reduced by 1.2 / log2(length)
 *     when the string is all decimal digits
 *     (https://github.com/Yelp/detect-secrets/blob/master/detect_secrets/plugins/high_entropy_strings.py).
 *   - per-provider minimums from gitleaks' rules (OpenAI 3, Google 4, Hugging Face 2, GitHub 3, Slack 2–3, AWS 3):
 *     a token whose body is too regular for its provider is a placeholder, not a key.
 */

/** Bits per character of `s` (0 for the empty string). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

export const GENERIC_ENTROPY = 3.5;
export const HEX_ENTROPY = 3.0;

const HEX = /^[0-9a-fA-F]+$/;
const DIGITS = /^[0-9]+$/;

/** The generic rule's test: hex strings use detect-secrets' hex limit, everything else gitleaks' 3.5. */
export function isHighEntropy(value: string): boolean {
  if (HEX.test(value)) {
    let h = shannonEntropy(value);
    if (DIGITS.test(value)) h -= 1.2 / Math.log2(value.length);
    return h > HEX_ENTROPY;
  }
  return shannonEntropy(value) > GENERIC_ENTROPY;
}
