import { defineRule } from '../../src/model/rule.js';
import { checkKeyword } from '../_shared/sshd.js';

export default defineRule({
  id: 'sshd.permit_root_login',
  title: 'SSH allows logging in as root',
  severity: 'high',
  appliesTo: ['sshd'],
  description:
    '`PermitRootLogin yes` lets anyone who guesses or steals root\'s password or key own the host in one step, the host that holds the gateway\'s tokens and the agents\' tools. `prohibit-password` (the default when the keyword is absent) still admits root with a key: lower risk, but no audit trail of who became root.',
  remediation: 'Set `PermitRootLogin no`, log in as an ordinary user and use `sudo`. Put it before any `Match` block (or in `/etc/ssh/sshd_config.d/`), since sshd keeps the first value it reads.',
  references: ['https://man.openbsd.org/sshd_config#PermitRootLogin', 'https://www.cisecurity.org/benchmark/distribution_independent_linux'],
  tags: ['sshd', 'host', 'CWE-250'],
  precision: 'very-high',
  check(target, ctx) {
    checkKeyword(target, ctx, {
      keywords: ['permitrootlogin'],
      judge: ([v]) => (/^yes$/i.test(v ?? '') ? 'high' : /^(prohibit-password|without-password|forced-commands-only)$/i.test(v ?? '') ? 'low' : undefined),
      message: (d) => `PermitRootLogin ${d.args[0]}: root can log in over SSH${/^yes$/i.test(d.args[0] ?? '') ? ', with a password too' : ' with a key'}.`,
      missing: { severity: 'low', message: 'PermitRootLogin is not set, so it defaults to prohibit-password: root can log in over SSH with a key.' },
    });
  },
});
