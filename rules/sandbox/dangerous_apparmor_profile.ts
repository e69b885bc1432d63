import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries, get } from '../_shared/openclaw.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'sandbox.dangerous_apparmor_profile',
  title: 'Sandbox runs without AppArmor',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Sandbox `docker.apparmorProfile` is `unconfined`: the mandatory access control profile is off for sandbox containers.',
  remediation:
    'Remove `sandbox.docker.apparmorProfile` (Docker default profile) or name a confining profile.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const scopes: { path: PathSegment[]; docker: unknown }[] = [{ path: ['agents', 'defaults', 'sandbox', 'docker'], docker: get(t.value, 'agents', 'defaults', 'sandbox', 'docker') }, ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'sandbox', 'docker'], docker: get(a.value, 'sandbox', 'docker') }))];
    for (const s of scopes) {
      const v = get(s.docker, 'apparmorProfile');
      if (typeof v !== 'string' || !(v.trim().toLowerCase() === 'unconfined')) continue;
      ctx.report({ at: at.path([...s.path, 'apparmorProfile']), message: 'Sandbox docker.apparmorProfile is "unconfined".' });
    }
  },
});
