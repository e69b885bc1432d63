import { defineRule } from '../../src/model/rule.js';
import { checkUnconfinedSandboxProfile } from '../_shared/openclaw-checks.js';

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
    checkUnconfinedSandboxProfile('seccompProfile', t, ctx);
  },
});
