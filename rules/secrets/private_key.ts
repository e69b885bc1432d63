import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { pem } from '../_shared/token-samples.js';
import { publishedAccessKey, publishedAccessKeyNote } from '../../src/lib/published-keys.js';
import { binaryKeyContainer, binaryKeyText, findPrivateKeys, PRIVATE_KEY_KEYWORDS } from '../../src/lib/private-keys.js';

/**
 * Every private-key format the real tools write, recognised by structure (src/lib/private-keys.ts: PEM PKCS#1/SEC1/
 * PKCS#8 plain and encrypted, legacy DEK-Info PEM, OpenSSH, PGP, ssh.com, PuTTY v2/v3, and the PKCS#12 / JKS
 * containers the read stage recognises in binary files). Ours, not secretlint's: its pattern requires `MI` and 100+
 * characters, so it misses EC P-256 (`MHc…`) and Ed25519 (`MC4…`) keys (docs/secrets-engines.md). A block whose body
 * is elided (`...`) or is not the format's structure is documentation, and not reported.
 */
export default defineRule({
  id: 'secrets.private_key',
  title: 'Private key',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'A private key (PEM `-----BEGIN … PRIVATE KEY-----` in any of its forms, OpenSSH, PGP, PuTTY `.ppk`, ssh.com, or a PKCS#12 / Java KeyStore file) in the repository: whoever reads it can log in where its public key is authorised, impersonate the TLS server, sign as you, or decrypt what was encrypted to it.',
  remediation:
    'Treat the key as compromised: generate a new key pair, install the new public key or certificate, and remove the old one everywhere (`authorized_keys`, deploy keys, the certificate authority\'s revocation). Mount keys at run time (a compose `secrets:` file, a volume outside the repository) instead of committing them.',
  references: ['https://docs.github.com/en/authentication/connecting-to-github-with-ssh/reviewing-your-ssh-keys', 'https://cwe.mitre.org/data/definitions/321.html'],
  tags: ['secrets', 'CWE-798', 'CWE-321'],
  precision: 'very-high',
  token: {
    describe: 'Private key',
    action: 'replace the key pair (revoke its certificate or remove it from authorized_keys) and keep the new key out of git',
    keywords: PRIVATE_KEY_KEYWORDS,
    find: findPrivateKeys,
    findInBinary: (bytes) => {
      const format = binaryKeyContainer(bytes);
      return format ? binaryKeyText(format, bytes) : undefined;
    },
    samples: {
      true: [(r) => pem('PRIVATE KEY', Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), r.bytes(32)]).toString('base64'))],
      false: [() => pem('PRIVATE KEY', '...'), () => pem('RSA PRIVATE KEY', 'MIIEowIBAAKCAQEA...')],
    },
  },
  // A published key made for access (Vagrant's insecure key) is reported with what fixes it: rotating it is not the fix.
  check(target, ctx) {
    reportTokens(target, ctx, (m) => {
      const key = publishedAccessKey(m.secret);
      return key && publishedAccessKeyNote(key);
    });
  },
});
