import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { effectiveDirectives, isGatewayUnit, isUserUnit, isYes, serviceSection, serviceSetting } from '../_shared/systemd.js';

export default defineRule({
  id: 'systemd.gateway_runs_as_root',
  title: 'Gateway service runs as root',
  severity: 'high',
  appliesTo: ['systemd'],
  description:
    'A system unit without `User=` (or with `User=root`) runs the OpenClaw gateway as root. The gateway runs agents with shell, file and browser tools; a prompt injection or a gateway bug then acts as root on the host, with every other service\'s secrets and the Docker socket in reach.',
  remediation:
    'Create an unprivileged account (`useradd --system --create-home openclaw`) and set `User=openclaw` and `Group=openclaw` in `[Service]` (or `DynamicUser=yes`), or run the gateway as a user unit (`systemctl --user`) of an unprivileged account.',
  references: ['https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html#User=', 'https://cwe.mitre.org/data/definitions/250.html'],
  tags: ['systemd', 'least-privilege', 'CWE-250'],
  precision: 'high',
  messages: {
    user_root: 'The OpenClaw gateway unit sets User={{user}}: the gateway and its agents\' tools run as root.',
    drop_in_root: 'A drop-in of the OpenClaw gateway unit sets User={{user}}: the gateway and its agents\' tools run as root.',
    no_user: 'The OpenClaw gateway unit has no User= (a system unit runs as root): the gateway and its agents\' tools run as root.',
  },
  check(target, ctx) {
    if (isUserUnit(target) || !isGatewayUnit(target, ctx.project)) return;
    const directives = effectiveDirectives(target, ctx.project);
    if (isYes(serviceSetting(directives, 'DynamicUser')?.value)) return;
    const user = serviceSetting(directives, 'User');
    if (user && !/^(root|0)$/.test(user.value)) return;
    if (user && target.directives.includes(user)) {
      ctx.report({ at: at.range(user.start, user.end), messageId: 'user_root', data: { user: user.value } });
      return;
    }
    const section = serviceSection(target);
    ctx.report({
      at: section ? at.range(section.start, section.end) : at.file(),
      ...(user ? { messageId: 'drop_in_root', data: { user: user.value } } : { messageId: 'no_user' }),
    });
  },
});
