import { defineRule } from '../../src/model/rule.js';
import { isTruthy } from '../_shared/compose.js';

export default defineRule({
  id: 'compose.read_only_missing',
  title: 'Root file system writable',
  severity: 'info',
  appliesTo: ['compose_project'],
  description:
    "Without `read_only: true`, an attacker inside the container can drop tools and persist changes in the container's file system. It is defence in depth, needs per-image work (`tmpfs:` for the folders the process writes), and is absent from almost every compose file, so it is info.",
  remediation: 'Set `read_only: true` and give the process the writable folders it needs: `tmpfs: ["/tmp"]` and named volumes for data.',
  references: ['https://docs.docker.com/reference/compose-file/services/#read_only'],
  tags: ['compose', 'hardening', 'CWE-732'],
  precision: 'very-high',
  check(target, ctx) {
    for (const svc of target.services) {
      if (isTruthy(svc.value.read_only)) continue;
      ctx.report({
        at: svc.value.read_only === undefined ? svc.at([], 'key') : svc.at(['read_only']),
        message: `Service "${svc.name}" has a writable root file system (no read_only: true).`,
        properties: { service: svc.name },
      });
    }
  },
});
