import { defineRule } from '../../src/model/rule.js';
import { checkKeyword, isYes } from '../_shared/sshd.js';

export default defineRule({
  id: 'sshd.x11_forwarding',
  title: 'SSH X11 forwarding enabled',
  severity: 'low',
  appliesTo: ['sshd'],
  description: '`X11Forwarding yes` lets a session open a channel back to the client\'s X display; a compromised server (or another root on it) can then read keystrokes and screens on the admin\'s machine. A server running the gateway has no use for it.',
  remediation: 'Set `X11Forwarding no` (the default) or delete the line.',
  references: ['https://man.openbsd.org/sshd_config#X11Forwarding'],
  tags: ['sshd', 'host'],
  precision: 'very-high',
  check(target, ctx) {
    checkKeyword(target, ctx, { keywords: ['x11forwarding'], judge: (args) => (isYes(args) ? 'low' : undefined), message: () => 'X11Forwarding yes: sessions can reach back into the client\'s X display.' });
  },
});
