/** What counts as a reference rather than a literal value (shared by every rule that judges values). */

/** `${VAR}`, `${VAR:-x}`, `$VAR`, `${{ secrets.X }}`, secret-manager URIs, `/run/secrets/…` paths. */
export function isReference(value: string): boolean {
  const v = value.trim();
  return (
    /^\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+-][^}]*)?\}$/.test(v) ||
    /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) ||
    /^\$\{\{[^}]+\}\}$/.test(v) ||
    /^(op|vault|aws-secrets|gcp-secrets|azure-keyvault|doppler|infisical|bws|sops):\/\//i.test(v) ||
    /^\/run\/secrets\//.test(v)
  );
}
