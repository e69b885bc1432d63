import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { sandboxBinds } from '../_shared/openclaw/agents.js';

export default defineRule({
  id: 'sandbox.bind_mount_non_absolute',
  title: 'Sandbox bind source is not an absolute path',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A sandbox `docker.binds` entry has a source that is not an absolute host path (a named volume such as `data:/data`, or a relative path): what it mounts depends on the Docker daemon, not on the config, and the bind-source checks cannot vet it.',
  remediation:
    'Use an absolute host path as the source in `sandbox.docker.binds` (e.g. `/srv/openclaw/data:/data`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const { path, bind: b } of sandboxBinds(t.value)) {
      const src = b.trim().split(':')[0] ?? '';
      if (src.startsWith('/') || /^[a-zA-Z]$/.test(src) && /^[a-zA-Z]:[\\/]/.test(b.trim())) continue;
      ctx.report({ at: at.path(path), message: `Sandbox bind source "${src}" is not an absolute path.` });
    }
  },
});
