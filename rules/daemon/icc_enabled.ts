import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';

export default defineRule({
  id: 'daemon.icc_enabled',
  title: 'Docker inter-container communication explicitly enabled',
  severity: 'low',
  appliesTo: ['docker_daemon'],
  description:
    '`"icc": true` lets every container on the default bridge reach every other on any port. A compromised sidecar can then talk straight to the OpenClaw gateway\'s port and to databases that were never published. (It is also Docker\'s default; this rule reports it when the file asks for it explicitly.)',
  remediation: 'Set `"icc": false` and let containers talk over user-defined networks that you attach deliberately (compose `networks:`).',
  references: ['https://docs.docker.com/engine/network/drivers/bridge/#options', 'https://www.cisecurity.org/benchmark/docker'],
  tags: ['docker', 'host', 'network'],
  precision: 'very-high',
  check(target, ctx) {
    if (isRecord(target.value) && target.value.icc === true) ctx.report({ at: at.path(['icc']), message: 'daemon.json sets "icc": true: containers on the default bridge can reach each other on every port.' });
  },
});
