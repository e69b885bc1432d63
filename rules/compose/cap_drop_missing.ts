import { defineRule } from '../../src/model/rule.js';
import { isTruthy, stringList } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.cap_drop_missing',
  title: 'Capabilities not dropped',
  severity: 'low',
  appliesTo: ['compose_project'],
  description:
    'Without `cap_drop: [ALL]` the container keeps Docker\'s default capabilities (`CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `SETUID`, `NET_RAW`, …), which an attacker inside uses to change file ownership, forge packets or climb back to root. This is hardening, not an exposure, and it is missing from nearly every compose file: low, so that real exposures stand out.',
  remediation: 'Add `cap_drop: [ALL]` to the service and add back only what it needs with `cap_add:` (often nothing, or `NET_BIND_SERVICE`).',
  references: ['https://docs.docker.com/reference/compose-file/services/#cap_drop', 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html'],
  tags: ['compose', 'hardening', 'CWE-250'],
  precision: 'very-high',
  check(target, ctx) {
    for (const svc of target.services) {
      // A privileged container is reported as such; dropping capabilities would not change it.
      if (isTruthy(svc.value.privileged)) continue;
      if (stringList(svc.value.cap_drop).some((c) => /^(CAP_)?ALL$/i.test(c.value.trim()))) continue;
      ctx.report({
        at: svc.value.cap_drop === undefined ? svc.at([], 'key') : svc.at(['cap_drop']),
        message: `Service "${svc.name}" does not drop the default capabilities (no cap_drop: [ALL]).`,
        properties: { service: svc.name },
      });
    }
  },
});
