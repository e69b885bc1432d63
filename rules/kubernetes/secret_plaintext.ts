import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';
import { isLiteralSecret, secretReport } from '../_shared/deploy-secrets.js';
import { atPath, isUnknown } from '../_shared/kubernetes.js';

/** A base64 `data:` value decoded, when it is base64 of printable text. */
function decode(v: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v.trim()) || v.trim().length % 4 !== 0) return undefined;
  const text = Buffer.from(v.trim(), 'base64').toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

export default defineRule({
  id: 'kubernetes.secret_plaintext',
  title: 'Kubernetes Secret committed with its values',
  severity: 'high',
  appliesTo: ['kubernetes'],
  description:
    "A `Secret` manifest with values in `stringData` (plain text) or `data` (base64, which is an encoding, not encryption: decoded here before judging) commits the credential with the repository. Reported when the key names a secret (`*_TOKEN`, `password`, `api-key`, …) and the value is a literal, not a placeholder (`CHANGE_ME`, `<token>`) or a template value. The token rules also read the file, so a provider key in `stringData` is reported by its own rule too.",
  remediation: 'Rotate the credential. Keep the Secret out of the repository: create it with `kubectl create secret`, or commit it encrypted (Sealed Secrets, SOPS) or as an ExternalSecret that reads a secret manager.',
  references: ['https://kubernetes.io/docs/concepts/configuration/secret/#information-security-for-secrets', 'https://cwe.mitre.org/data/definitions/798.html'],
  tags: ['kubernetes', 'secrets', 'CWE-798'],
  precision: 'medium',
  check(target, ctx) {
    for (const doc of target.documents) {
      if (doc.kind !== 'Secret') continue;
      for (const field of ['stringData', 'data'] as const) {
        const map = doc.value[field];
        if (!isRecord(map)) continue;
        for (const [key, raw] of Object.entries(map)) {
          if (typeof raw !== 'string' || isUnknown(raw)) continue;
          const value = field === 'data' ? decode(raw) : raw;
          if (value === undefined || !isLiteralSecret(key, value)) continue;
          const r = secretReport(`Secret/${doc.name}:${key}`, value);
          ctx.report({
            at: atPath([doc.index, field, key]),
            message: `Secret "${doc.name}" holds ${key} in ${field === 'data' ? 'data (base64, not encrypted)' : 'stringData (plain text)'}: it is committed with the repository.`,
            severity: r.severity,
            // What the file holds is the encoded form: that is what must never be printed.
            ...(r.secret !== undefined ? { secret: raw } : { key: r.key }),
          });
        }
      }
    }
  },
});
