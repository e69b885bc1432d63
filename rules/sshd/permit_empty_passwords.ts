import { defineRule } from '../../src/model/rule.js';
import { checkKeyword, isYes } from '../_shared/sshd.js';

export default defineRule({
  id: 'sshd.permit_empty_passwords',
  title: 'SSH accepts empty passwords',
  severity: 'high',
  appliesTo: ['sshd'],
  description: '`PermitEmptyPasswords yes` lets any account without a password (service accounts often have none) log in with nothing at all: a free shell on the host for anyone who finds the port.',
  remediation: 'Set `PermitEmptyPasswords no` (the default) or delete the line.',
  references: ['https://man.openbsd.org/sshd_config#PermitEmptyPasswords', 'https://cwe.mitre.org/data/definitions/258.html'],
  tags: ['sshd', 'host', 'authentication', 'CWE-258'],
  precision: 'very-high',
  check(target, ctx) {
    checkKeyword(target, ctx, {
      keywords: ['permitemptypasswords'],
      judge: (args) => (isYes(args) ? 'high' : undefined),
      message: () => 'PermitEmptyPasswords yes: accounts without a password can log in over SSH.',
    });
  },
});
