import { defineRule } from '../../src/model/rule.js';
import { checkKeyword } from '../_shared/sshd.js';

const WEAK_KEX = new Set(['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1']);

const WEAK: Record<string, (alg: string) => boolean> = {
  ciphers: (a) => /(-cbc$|^arcfour|^3des|^blowfish|^cast128|^des$)/i.test(a),
  kexalgorithms: (a) => WEAK_KEX.has(a.toLowerCase()) || (a.toLowerCase().startsWith('gss-') && a.toLowerCase().includes('-sha1-')),
  macs: (a) => /(^hmac-sha1|^hmac-md5|md5|^umac-64|ripemd|-96$)/i.test(a),
};

/** Algorithms a list adds: `a,b`, `+a,b` (appended to defaults), `^a,b` (prepended); `-a,b` only removes. */
function weakIn(keyword: string, arg: string | undefined): string[] {
  if (!arg || arg.startsWith('-')) return [];
  const weak = WEAK[keyword];
  return weak ? arg.replace(/^[+^]/, '').split(',').filter(weak) : [];
}

export default defineRule({
  id: 'sshd.weak_crypto',
  title: 'SSH offers weak ciphers, key exchanges or MACs',
  severity: 'medium',
  appliesTo: ['sshd'],
  description:
    'CBC-mode ciphers, RC4 (`arcfour`), 3DES, SHA-1 Diffie-Hellman groups (`group1-sha1`, `group14-sha1`, `group-exchange-sha1`) and SHA-1/MD5/64-bit MACs are disabled by default in modern OpenSSH because of practical attacks (plaintext recovery, Logjam-class downgrades, Terrapin with CBC-EtM). Re-enabling them lets an attacker on the path push a session down to them.',
  remediation: 'Delete the `Ciphers`/`KexAlgorithms`/`MACs` lines to get OpenSSH\'s defaults, or list only modern algorithms (`chacha20-poly1305@openssh.com`, `aes256-gcm@openssh.com`, `sntrup761x25519-sha512@openssh.com`, `curve25519-sha256`, `hmac-sha2-256-etm@openssh.com`).',
  references: ['https://man.openbsd.org/sshd_config#Ciphers', 'https://www.ssh-audit.com/hardening_guides.html', 'https://terrapin-attack.com/'],
  tags: ['sshd', 'host', 'crypto', 'CWE-327'],
  precision: 'very-high',
  check(target, ctx) {
    for (const keyword of Object.keys(WEAK)) {
      checkKeyword(target, ctx, {
        keywords: [keyword],
        judge: ([v]) => (weakIn(keyword, v).length ? 'medium' : undefined),
        message: (d) => `${d.name} enables weak algorithms: ${weakIn(keyword, d.args[0]).join(', ')}.`,
      });
    }
  },
});
