import { defineRule } from '../../src/model/rule.js';
import { stringList } from '../_shared/compose.js';

/** The options that switch a kernel security layer off, in both `:` and `=` spellings. */
const OFF: [RegExp, string][] = [
  [/^seccomp[:=]unconfined$/i, 'turns off the seccomp syscall filter'],
  [/^apparmor[:=]unconfined$/i, 'turns off AppArmor confinement'],
  [/^label[:=]disable$/i, 'turns off SELinux labelling'],
  [/^systempaths[:=]unconfined$/i, 'unmasks /proc and /sys paths the kernel keeps hidden from containers'],
];

export default defineRule({
  id: 'compose.security_opt_unconfined',
  title: 'Kernel security profile disabled',
  severity: 'high',
  appliesTo: ['compose_project'],
  description:
    "`seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` remove the layers that block most container-escape techniques (dangerous syscalls, writes to `/proc` and `/sys`, access to other containers' files). With any of them, a kernel bug or a mis-granted capability becomes an escape.",
  remediation: 'Remove the option. If a syscall is genuinely needed, write a custom seccomp profile that allows only it: `security_opt: ["seccomp:./seccomp.json"]`.',
  references: ['https://docs.docker.com/engine/security/seccomp/', 'https://docs.docker.com/engine/security/apparmor/'],
  tags: ['compose', 'container-escape', 'CWE-693'],
  precision: 'very-high',
  check(target, ctx) {
    for (const svc of target.services) {
      for (const { value, index } of stringList(svc.value.security_opt)) {
        const hit = OFF.find(([re]) => re.test(value.trim()));
        if (!hit) continue;
        ctx.report({
          at: svc.at(['security_opt', index]),
          message: `Service "${svc.name}" sets ${value.trim()}: it ${hit[1]}.`,
          properties: { service: svc.name, option: value.trim() },
        });
      }
    }
  },
});
