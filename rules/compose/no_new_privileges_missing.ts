import { defineRule } from '../../src/model/rule.js';
import { isTruthy, stringList } from '../_shared/compose.js';

/** `no-new-privileges`, `no-new-privileges:true`, `no-new-privileges=true`, all as Docker accepts them. */
const ON = /^no-new-privileges(?:[:=](?:true|1))?$/i;

export default defineRule({
  id: 'compose.no_new_privileges_missing',
  title: 'no-new-privileges not set',
  severity: 'low',
  appliesTo: ['compose_project'],
  description:
    'Without `security_opt: [no-new-privileges:true]` a process in the container can gain privileges through setuid binaries (`su`, `sudo`, `passwd` in the image). It is defence in depth and missing from nearly every compose file, so it is low. All spellings Docker accepts count (`no-new-privileges`, `:true`, `=true`); a daemon-wide `no-new-privileges` setting in `daemon.json` cannot be seen from the repository.',
  remediation: 'Add `security_opt: ["no-new-privileges:true"]` to the service.',
  references: ['https://docs.docker.com/reference/cli/docker/container/run/#security-opt', 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html'],
  tags: ['compose', 'hardening', 'CWE-269'],
  precision: 'high',
  check(target, ctx) {
    for (const svc of target.services) {
      if (isTruthy(svc.value.privileged)) continue;
      if (stringList(svc.value.security_opt).some((o) => ON.test(o.value.trim()))) continue;
      ctx.report({
        at: svc.value.security_opt === undefined ? svc.at([], 'key') : svc.at(['security_opt']),
        message: `Service "${svc.name}" does not set no-new-privileges: setuid binaries in the image can raise privileges.`,
        properties: { service: svc.name },
      });
    }
  },
});
