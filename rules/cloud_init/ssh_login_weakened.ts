import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';
import { isTruthy } from '../_shared/compose.js';

export default defineRule({
  id: 'cloud_init.ssh_login_weakened',
  title: 'cloud-init turns on SSH password or root login',
  severity: 'medium',
  appliesTo: ['cloud_init'],
  description:
    "`ssh_pwauth: true` turns on SSH password authentication for the new server, so every account with a password can be guessed from the internet; `disable_root: false` keeps root's SSH login that cloud-init disables by default. On a host that runs an agent with shell tools and the keys of its channels, either is the first door an attacker tries. Read in `#cloud-config` files and in the user data a Terraform file passes to a server.",
  remediation: 'Remove `ssh_pwauth` (or set it to `false`) and `disable_root: false`; log in with an SSH key (`ssh_authorized_keys`) as a user with sudo.',
  references: ['https://cloudinit.readthedocs.io/en/latest/reference/modules.html#set-passwords', 'https://cloudinit.readthedocs.io/en/latest/reference/modules.html#ssh'],
  tags: ['cloud-init', 'ssh', 'CWE-287'],
  precision: 'high',
  messages: {
    pwauth: 'cloud-init turns on SSH password authentication (ssh_pwauth: true): passwords can be guessed from the internet.',
    root: "cloud-init keeps root's SSH login (disable_root: false).",
  },
  check(target, ctx) {
    const v = target.value;
    if (!isRecord(v)) return;
    if (isTruthy(v.ssh_pwauth) || v.ssh_pwauth === 1) ctx.report({ at: { kind: 'path', path: ['ssh_pwauth'] }, messageId: 'pwauth' });
    if (v.disable_root === false || (typeof v.disable_root === 'string' && /^(false|no|off|0)$/i.test(v.disable_root.trim())) || v.disable_root === 0) ctx.report({ at: { kind: 'path', path: ['disable_root'] }, messageId: 'root' });
  },
});
