import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';

export default defineRule({
  id: 'daemon.no_new_privileges_disabled',
  title: 'Docker daemon turns no-new-privileges off',
  severity: 'low',
  appliesTo: ['docker_daemon'],
  description:
    '`"no-new-privileges": false` in daemon.json keeps the daemon-wide default that lets processes in containers gain privileges through setuid binaries. Set to true, every container gets `no-new-privileges` unless it opts out, closing a common escalation step inside a compromised container.',
  remediation: 'Set `"no-new-privileges": true` in daemon.json (or per service: `security_opt: [no-new-privileges:true]`).',
  references: ['https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file', 'https://www.cisecurity.org/benchmark/docker'],
  tags: ['docker', 'host', 'CWE-250'],
  precision: 'very-high',
  check(target, ctx) {
    if (isRecord(target.value) && target.value['no-new-privileges'] === false) {
      ctx.report({ at: at.path(['no-new-privileges']), message: 'daemon.json sets "no-new-privileges": false: setuid binaries in containers can raise privileges.' });
    }
  },
});
