import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isRecord } from '../../src/lib/json.js';

export default defineRule({
  id: 'daemon.userns_remap_missing',
  title: 'Docker daemon without user-namespace remapping',
  severity: 'low',
  appliesTo: ['docker_daemon'],
  description:
    'Without `userns-remap`, root in a container is root on the host: a container escape (a kernel bug, a mounted socket, an agent tool that breaks out) lands as uid 0. With remapping it lands as an unprivileged subordinate uid. Some images and bind mounts need adjusting, hence low.',
  remediation: 'Set `"userns-remap": "default"` (Docker creates the `dockremap` user and `/etc/subuid` ranges), restart dockerd, and fix ownership of bind-mounted paths such as `~/.openclaw`.',
  references: ['https://docs.docker.com/engine/security/userns-remap/', 'https://www.cisecurity.org/benchmark/docker'],
  tags: ['docker', 'host', 'container-escape', 'CWE-250'],
  precision: 'high',
  check(target, ctx) {
    const v = target.value;
    if (!isRecord(v)) return;
    const remap = v['userns-remap'];
    if (typeof remap === 'string' && remap.trim() !== '') return;
    ctx.report({ at: at.path(['userns-remap']), message: 'daemon.json has no "userns-remap": root in a container is root on the host.' });
  },
});
