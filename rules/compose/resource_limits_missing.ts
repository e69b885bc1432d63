import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';

export default defineRule({
  id: 'compose.resource_limits_missing',
  title: 'No memory limit',
  severity: 'info',
  appliesTo: ['compose_project'],
  description:
    'A service without a memory limit (`mem_limit` or `deploy.resources.limits.memory`) can exhaust the host: a runaway agent loop, a memory leak or a flood of requests takes every other service down with it. It is availability hardening and absent from most compose files, so it is info. Limits must be sized with care (the OpenClaw gateway needs `NODE_OPTIONS=--max-old-space-size` below the cap).',
  remediation: 'Set `deploy.resources.limits.memory` (and `pids: 512`, `cpus`) to a measured ceiling, e.g. `deploy: { resources: { limits: { memory: 2g, pids: 512 } } }`.',
  references: ['https://docs.docker.com/reference/compose-file/deploy/#resources', 'https://docs.docker.com/engine/containers/resource_constraints/'],
  tags: ['compose', 'availability', 'CWE-770'],
  precision: 'very-high',
  check(target, ctx) {
    for (const svc of target.services) {
      const deploy = svc.value.deploy;
      const limits = isRecord(deploy) && isRecord(deploy.resources) && isRecord(deploy.resources.limits) ? deploy.resources.limits : {};
      if (svc.value.mem_limit !== undefined || limits.memory !== undefined) continue;
      ctx.report({ at: svc.at([], 'key'), message: `Service "${svc.name}" has no memory limit.`, properties: { service: svc.name } });
    }
  },
});
