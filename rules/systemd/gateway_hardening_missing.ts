import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import type { Severity } from '../../src/model/severity.js';
import { effectiveDirectives, isGatewayUnit, isUserUnit, isYes, serviceSection, serviceSetting } from '../_shared/systemd.js';

interface Check {
  key: string;
  ok: (v: string) => boolean;
  want: string;
  severity: Severity;
  why: string;
}

const CHECKS: readonly Check[] = [
  { key: 'NoNewPrivileges', ok: (v) => /^(1|yes|true|on)$/i.test(v), want: 'NoNewPrivileges=yes', severity: 'medium', why: 'setuid binaries (sudo, su) can raise the gateway\'s privileges' },
  { key: 'ProtectSystem', ok: (v) => /^(strict|full)$/i.test(v), want: 'ProtectSystem=strict', severity: 'medium', why: 'the gateway can write to /etc and the rest of the OS (`yes` only protects /usr and /boot)' },
  { key: 'ProtectHome', ok: (v) => /^(1|yes|true|on|read-only|tmpfs)$/i.test(v), want: 'ProtectHome=read-only', severity: 'low', why: 'the gateway can read other users\' home directories (SSH keys, other tokens)' },
  { key: 'PrivateTmp', ok: (v) => /^(1|yes|true|on|disconnected)$/i.test(v), want: 'PrivateTmp=yes', severity: 'low', why: 'it shares /tmp with every other process (planted files, leaked temp files)' },
];

export default defineRule({
  id: 'systemd.gateway_hardening_missing',
  title: 'Gateway service lacks systemd sandboxing',
  severity: 'medium',
  appliesTo: ['systemd'],
  description:
    'systemd can fence the gateway in cheaply: `NoNewPrivileges=yes` stops setuid escalation, `ProtectSystem=strict` makes the OS read-only, `ProtectHome` hides other homes, `PrivateTmp` gives it its own /tmp. The gateway runs agents that execute shell commands on request; without these, anything a prompt injection makes it run has the whole host to play with. Drop-ins (`<unit>.service.d/*.conf`) in the repository count. In a user unit (`systemctl --user`) the file-system options need `PrivateUsers=yes`, so without it only `NoNewPrivileges` is asked for.',
  remediation:
    'Add to `[Service]`: `NoNewPrivileges=yes`, `ProtectSystem=strict` (with `ReadWritePaths=` for the OpenClaw state directory, e.g. `ReadWritePaths=/home/openclaw/.openclaw`), `ProtectHome=read-only` (or `tmpfs` plus `BindPaths=`), `PrivateTmp=yes`. Check with `systemd-analyze security <unit>`.',
  references: ['https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html#Sandboxing', 'https://www.freedesktop.org/software/systemd/man/latest/systemd-analyze.html#systemd-analyze%20security%20%5BUNIT...%5D'],
  tags: ['systemd', 'sandboxing', 'CWE-250'],
  precision: 'high',
  messages: {
    weak: '{{key}}={{value}} is too weak for the OpenClaw gateway: {{why}}. Use {{want}}.',
    missing: 'The OpenClaw gateway unit has no {{want}}: {{why}}.',
  },
  check(target, ctx) {
    if (!isGatewayUnit(target, ctx.project)) return;
    const directives = effectiveDirectives(target, ctx.project);
    const section = serviceSection(target);
    // In a user unit the file-system sandboxing options need PrivateUsers= (systemd.exec(5)); without it only
    // NoNewPrivileges= is asked for.
    const userOnly = isUserUnit(target) && !isYes(serviceSetting(directives, 'PrivateUsers')?.value);
    for (const c of userOnly ? CHECKS.slice(0, 1) : CHECKS) {
      const d = serviceSetting(directives, c.key);
      if (d && c.ok(d.value)) continue;
      const own = d && target.directives.includes(d);
      ctx.report({
        at: own ? at.range(d.start, d.end) : section ? at.range(section.start, section.end) : at.file(),
        severity: c.severity,
        key: c.key,
        ...(d ? { messageId: 'weak', data: { key: c.key, value: d.value, why: c.why, want: c.want } } : { messageId: 'missing', data: { why: c.why, want: c.want } }),
      });
    }
  },
});
