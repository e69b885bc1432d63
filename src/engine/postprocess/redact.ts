/**
 * Redaction: a secret is shown as its first 4 characters and its length (`sk-a…(108 chars)`), and only when it
 * is long enough that 4 characters reveal little; short secrets (passwords) show only their length.
 */
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
