/**
 * Values that point at a secret instead of holding one: `${VAR}` and the other template and expansion syntaxes,
 * secret-manager URIs and OpenClaw SecretRefs. Shared by every rule that judges whether a value is a literal.
 * Pure: no IO, no state.
 */

import { isEncryptedReference } from './encrypted-reference.js';

const SECRET_MANAGER_URI = /^(op|vault|aws-secrets|gcp-secrets|azure-keyvault|doppler|infisical|bws|sops|keyring|secret|secrets):\/\//i;

/**
 * A value that points at a secret instead of holding one: `${VAR}`, `${VAR:-x}`, `$VAR`, `${{ secrets.X }}`,
 * `{{ vault_x }}` templates, `%VAR%`, secret-manager URIs (`op://`, `vault://`, …), `/run/secrets/…` files, and
 * OpenClaw's retired SecretRef marker strings (`secretref-env:NAME`, `__env__:NAME`, which only `openclaw doctor`
 * still migrates), and values encrypted in place (`isEncryptedReference`: dotenvx, sops).
 */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+-][^}]*)?\}$/.test(v) ||
    /^\$\$?\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    /^\$\{\{[^}]{1,200}\}\}$/.test(v) ||
    /^\{\{[^}]{1,200}\}\}$/.test(v) ||
    /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v) ||
    /^(?:secretref-env|__env__):[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    SECRET_MANAGER_URI.test(v) ||
    /^\/run\/secrets\//.test(v) ||
    isEncryptedReference(v)
  );
}

/** A value that embeds a template or shell expansion anywhere (`Bearer ${TOKEN}`, `$(cat key)`, `{{ .Values.x }}`). */
export function containsExpansion(value: string): boolean {
  return /\$\{|\$\(|\{\{|\$[A-Z_][A-Z0-9_]{2,}/.test(value);
}

/**
 * An OpenClaw SecretRef object `{ source, provider?, id }` whose source is one OpenClaw resolves (`env`, `file`,
 * `exec`, and `store` from 2026.9), or a legacy `{ source, id }` without a provider. (The OpenClaw config rules use
 * the looser shape test of rules/_shared/openclaw/values.ts, as the audit does.)
 */
export function isSecretRef(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.source === 'string' && ['env', 'file', 'exec', 'store'].includes(v.source) && typeof v.id === 'string';
}
