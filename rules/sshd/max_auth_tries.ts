import { defineRule } from '../../src/model/rule.js';
import { checkKeyword } from '../_shared/sshd.js';

export default defineRule({
  id: 'sshd.max_auth_tries',
  title: 'SSH allows many authentication attempts per connection',
  severity: 'low',
  appliesTo: ['sshd'],
  description: '`MaxAuthTries` above the default 6 gives a password guesser more tries per connection, so brute force goes faster and is noticed later by tools such as fail2ban.',
  remediation: 'Set `MaxAuthTries 3` (or leave the default of 6).',
  references: ['https://man.openbsd.org/sshd_config#MaxAuthTries', 'https://cwe.mitre.org/data/definitions/307.html'],
  tags: ['sshd', 'host', 'CWE-307'],
  precision: 'very-high',
  check(target, ctx) {
    checkKeyword(target, ctx, {
      keywords: ['maxauthtries'],
      judge: ([v]) => (/^\d+$/.test(v ?? '') && Number(v) > 6 ? 'low' : undefined),
      message: (d) => `MaxAuthTries ${d.args[0]}: more than 6 attempts per connection makes brute force cheaper.`,
    });
  },
});
