import { defineRule } from '../../src/model/rule.js';
import { checkUnconfinedSandboxProfile } from '../_shared/openclaw-checks.js';

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
    checkUnconfinedSandboxProfile('apparmorProfile', t, ctx);
  },
});
