/**
 * Fingerprints: stable identity of a finding across runs. Derived from the rule, the path and a structural
 * identity (the structural path, an explicit key, a salted hash of a secret, or the normalised text of the
 * line), never from line numbers, so unrelated edits do not churn alerts, and never from a raw secret.
 */
import { createHash } from 'node:crypto';

const VERSION = 'v1';
/** Fixed product salt: fingerprints must be equal across runs and machines, so it cannot be random. */
const SECRET_SALT = 'gatewarden/secret-fingerprint/v1'; // gatewarden-ignore secrets.generic -- a public, documented constant, not a credential

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function secretIdentity(secret: string): string {
  return `secret:${sha256(`${SECRET_SALT}\0${secret}`)}`;
}

export function fingerprint(ruleId: string, file: string, identity: string): string {
  return sha256(`${VERSION}\0${ruleId}\0${file}\0${identity}`).slice(0, 32);
}
