/**
 * Literal secrets in deployment files (Terraform variables, Kubernetes Secrets, PaaS environment blocks): one
 * judgement shared by their rules, the same as compose's `environment:` (compose-secrets.ts) with the published
 * placeholders of lib/placeholders.ts left out.
 */
import { isPlaceholder } from '../../src/lib/placeholders.js';
import type { Report } from '../../src/model/finding.js';
import type { Severity } from '../../src/model/severity.js';
import { isLiteralSecretValue, isSecretName, isWeakSecret, looksRandom } from './compose-secrets.js';

/** A value under a secret's name that is written out, not referenced and not a placeholder. */
export function isLiteralSecret(name: string, value: string): boolean {
  // `pass_gpg_email`, `password_user`: who the secret belongs to, not the secret.
  if (/(^|[_.-])(e?mail|email_address|user|username|login)$/i.test(name)) return false;
  return isSecretName(name) && isLiteralSecretValue(value) && !isPlaceholder(value);
}

/**
 * How a literal secret is reported: high when it looks generated, medium when it was typed; a guessable value is
 * fingerprinted by its place (it also occurs in unrelated text), any other is redacted from every output.
 */
export function secretReport(where: string, value: string): { severity: Severity } & Pick<Report, 'key' | 'secret'> {
  return { severity: looksRandom(value) ? 'high' : 'medium', ...(isWeakSecret(value) ? { key: where } : { secret: value }) };
}
