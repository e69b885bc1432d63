/**
 * Values encrypted at rest by a secrets tool, which the file may hold in plain sight: dotenvx's `encrypted:<base64>`
 * (ECIES, decrypted at run time with the private key kept out of the repository; the file's `DOTENV_PUBLIC_KEY`
 * only encrypts) and sops' `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`. Like a `${VAR}`, such a value points at
 * a secret held elsewhere (the key) rather than being one: a reference. Pure: no IO, no state.
 * Formats: https://dotenvx.com/docs/quickstart/encryption and https://github.com/getsops/sops (encrypted values).
 */

/** dotenvx: `encrypted:` then base64 of the ECIES payload (a 65-byte public key, nonce, tag, ciphertext: 100+ characters). */
const DOTENVX = /^encrypted:[A-Za-z0-9+/]{60,}={0,2}$/;
/** sops: `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` (each field base64, the type a word; any cipher name). */
const SOPS = /^ENC\[[A-Z0-9_]{2,40},data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]+,tag:[A-Za-z0-9+/=]+,type:[a-z]+\]$/;

/** Whether a value is a dotenvx- or sops-encrypted value (a reference to a secret, not a plaintext one). */
export function isEncryptedReference(value: string): boolean {
  const v = value.trim();
  if (v.length > 100_000) return false;
  return DOTENVX.test(v) || SOPS.test(v);
}
