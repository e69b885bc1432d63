import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries, get } from '../_shared/openclaw.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'sandbox.dangerous_seccomp_profile',
  title: 'Sandbox runs without seccomp',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Sandbox `docker.seccompProfile` is `unconfined`: the kernel syscall filter is off, widening the attack surface for a container escape.',
  remediation:
    'Remove `sandbox.docker.seccompProfile` (Docker default profile) or point it at a custom profile.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const scopes: { path: PathSegment[]; docker: unknown }[] = [{ path: ['agents', 'defaults', 'sandbox', 'docker'], docker: get(t.value, 'agents', 'defaults', 'sandbox', 'docker') }, ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'sandbox', 'docker'], docker: get(a.value, 'sandbox', 'docker') }))];
    for (const s of scopes) {
      const v = get(s.docker, 'seccompProfile');
      if (typeof v !== 'string' || !(v.trim().toLowerCase() === 'unconfined')) continue;
      ctx.report({ at: at.path([...s.path, 'seccompProfile']), message: 'Sandbox docker.seccompProfile is "unconfined".' });
    }
  },
});
