import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { arr, get, str } from '../../src/lib/json.js';
import { currentApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'security.audit.suppressions.active',
  title: 'Audit findings suppressed in the config',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    '`security.audit.suppressions` hides findings of `openclaw security audit`. Gatewarden still reports them; this finding records that the config suppresses audit results, so the suppressions get reviewed with the change.',
  remediation:
    'Review each entry of `security.audit.suppressions` (checkId and reason), and remove the ones that no longer apply.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const list = arr(get(t.value, 'security', 'audit', 'suppressions'));
    if (list.length === 0) return;
    ctx.report({ at: at.path(['security', 'audit', 'suppressions']), message: `${list.length} audit suppression(s): ${list.map((s) => str(get(s, 'checkId')) ?? '?').join(', ')}.` });
  },
});
