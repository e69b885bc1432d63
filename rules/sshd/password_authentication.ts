import { defineRule } from '../../src/model/rule.js';
import { checkKeyword, isYes } from '../_shared/sshd.js';

export default defineRule({
  id: 'sshd.password_authentication',
  title: 'SSH accepts passwords',
  severity: 'medium',
  appliesTo: ['sshd'],
  description:
    'With `PasswordAuthentication yes` (also the default when the keyword is absent) every internet-facing SSH port is brute-forced around the clock; one weak or reused password gives a shell on the host running the OpenClaw gateway. Keys cannot be guessed.',
  remediation: 'Install your public key (`ssh-copy-id`), then set `PasswordAuthentication no` before any `Match` block (or in a drop-in under `sshd_config.d/`), and reload sshd.',
  references: ['https://man.openbsd.org/sshd_config#PasswordAuthentication', 'https://cwe.mitre.org/data/definitions/307.html'],
  tags: ['sshd', 'host', 'authentication', 'CWE-307'],
  precision: 'very-high',
  check(target, ctx) {
    checkKeyword(target, ctx, {
      keywords: ['passwordauthentication'],
      judge: (args) => (isYes(args) ? 'medium' : undefined),
      message: () => 'PasswordAuthentication yes: SSH accepts passwords, which are brute-forced on every public host.',
      missing: { severity: 'low', message: 'PasswordAuthentication is not set, so it defaults to yes: SSH accepts passwords.' },
    });
  },
});
