import { defineRule } from '../../src/model/rule.js';
import { checkKeyword, isYes } from '../_shared/sshd.js';

export default defineRule({
  id: 'sshd.keyboard_interactive',
  title: 'SSH keyboard-interactive login without a second factor',
  severity: 'medium',
  appliesTo: ['sshd'],
  description:
    '`KbdInteractiveAuthentication yes` (or its old name `ChallengeResponseAuthentication`) usually means PAM asking for a password: password login by another door, even with `PasswordAuthentication no`. It is fine as the second step of `AuthenticationMethods publickey,keyboard-interactive` (key plus TOTP), and that case is not reported.',
  remediation: 'Set `KbdInteractiveAuthentication no`, or require it after a key with `AuthenticationMethods publickey,keyboard-interactive` and a PAM OTP module.',
  references: ['https://man.openbsd.org/sshd_config#KbdInteractiveAuthentication', 'https://man.openbsd.org/sshd_config#AuthenticationMethods'],
  tags: ['sshd', 'host', 'authentication', 'CWE-308'],
  precision: 'high',
  check(target, ctx) {
    // A multi-step method list (`publickey,keyboard-interactive`) anywhere global makes it a second factor.
    const twoFactor = target.directives.some((d) => d.keyword === 'authenticationmethods' && !d.match && d.args.some((a) => /,/.test(a) && a.includes('keyboard-interactive')));
    if (twoFactor) return;
    checkKeyword(target, ctx, {
      keywords: ['kbdinteractiveauthentication', 'challengeresponseauthentication'],
      judge: (args) => (isYes(args) ? 'medium' : undefined),
      message: (d) => `${d.name} yes without a key-first AuthenticationMethods: keyboard-interactive (PAM) login works as password login.`,
    });
  },
});
