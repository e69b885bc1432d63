import { defineRule } from '../../src/model/rule.js';
import { checkKeyword, isYes } from '../_shared/sshd.js';

export default defineRule({
  id: 'sshd.agent_forwarding',
  title: 'SSH agent forwarding explicitly allowed',
  severity: 'low',
  appliesTo: ['sshd'],
  description:
    'With agent forwarding, anyone who is root on the server (or any process an agent tool runs as your user) can use the forwarded ssh-agent to log in wherever your keys work, for as long as you stay connected. On a host whose agents execute shell commands, do not hand them your keys.',
  remediation: 'Set `AllowAgentForwarding no`; use `ProxyJump` (`ssh -J`) to reach hosts behind this one instead of forwarding the agent.',
  references: ['https://man.openbsd.org/sshd_config#AllowAgentForwarding', 'https://man.openbsd.org/ssh_config#ProxyJump'],
  tags: ['sshd', 'host'],
  precision: 'very-high',
  check(target, ctx) {
    checkKeyword(target, ctx, { keywords: ['allowagentforwarding'], judge: (args) => (isYes(args) ? 'low' : undefined), message: () => 'AllowAgentForwarding yes: root on this host can use the forwarded keys of whoever logs in.' });
  },
});
