import { defineRule } from '../../src/model/rule.js';
import { reportTokens, tokenSpec } from '../_shared/tokens.js';

/**
 * A PEM / OpenSSH / PGP private-key block whose body is real key material, not the header in docs about keys:
 * after optional armour headers (`Proc-Type:`, `Version:`…) the body must be base64 of at least 64 characters (the
 * shortest real key, Ed25519 PKCS#8, is 64) and, except for PGP, start like DER (`M`, ASN.1 SEQUENCE) or the OpenSSH
 * magic `b3BlbnNzaC1rZXktdjE`. secretlint requires `MI` and 100+ characters, so it misses EC P-256 (`MHc…`) and Ed25519
 * (`MC4…`) keys; that is why this type is ours (docs/secrets-engines.md). `\n` escapes (keys inside JSON strings,
 * e.g. service-account files) are accepted. The body class excludes `.`, so `...` bodies never match.
 */
const BEGIN = /-----BEGIN ([A-Z0-9 ]{0,30}?)PRIVATE KEY( BLOCK)?-----/;

function isKeyMaterial(block: string): boolean {
  const kind = BEGIN.exec(block)?.[1] ?? '';
  const inner = block.slice(block.indexOf('-----', 10) + 5, block.lastIndexOf('-----END'));
  const lines = inner.replace(/\\r|\\n/g, '\n').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !/^[A-Za-z-]+:/.test(l));
  let body = lines.join('');
  if (kind.startsWith('PGP')) body = body.replace(/=[A-Za-z0-9+/]{4}$/, ''); // the armour checksum line
  if (!/^[A-Za-z0-9+/]{64,}={0,2}$/.test(body)) return false;
  return kind.startsWith('PGP') || body.startsWith('M') || body.startsWith('b3BlbnNzaC1rZXktdjE');
}

const SPEC = tokenSpec({
  ruleId: 'secrets.private_key',
  describe: 'Private key',
  action: 'replace the key pair (revoke its certificate or remove it from authorized_keys) and keep the new key out of git',
  keywords: ['PRIVATE KEY-----', 'PRIVATE KEY BLOCK-----'],
  lookbehind: 50,
  pattern: /(?<secret>-----BEGIN [A-Z0-9 ]{0,30}?PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s\\:,-]{64,12000}?-----END [A-Z0-9 ]{0,30}?PRIVATE KEY(?: BLOCK)?-----)/g,
  accept: isKeyMaterial,
});

export default defineRule({
  id: 'secrets.private_key',
  title: 'Private key',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'A private key (PEM `-----BEGIN … PRIVATE KEY-----`, OpenSSH or PGP) in the repository: whoever reads it can log in where its public key is authorised, impersonate the TLS server, sign as you, or decrypt what was encrypted to it.',
  remediation:
    'Treat the key as compromised: generate a new key pair, install the new public key or certificate, and remove the old one everywhere (`authorized_keys`, deploy keys, the certificate authority\'s revocation). Mount keys at run time (a compose `secrets:` file, a volume outside the repository) instead of committing them.',
  references: ['https://docs.github.com/en/authentication/connecting-to-github-with-ssh/reviewing-your-ssh-keys', 'https://cwe.mitre.org/data/definitions/321.html'],
  tags: ['secrets', 'CWE-798', 'CWE-321'],
  precision: 'very-high',
  check(target, ctx) {
    return reportTokens(SPEC, target, ctx);
  },
});
