import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';
import { legacyApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'logging.redact_off',
  title: 'Log redaction disabled',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older: `logging.redactSensitive: "off"` writes tool arguments and outputs, including tokens and keys, to the logs unredacted. (2026.4+ always redacts and rejects the key.) Reported for legacy or unknown versions.',
  remediation:
    'Set `logging.redactSensitive: "tools"` (the default).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!legacyApplies(t, ctx.project) || get(t.value, 'logging', 'redactSensitive') !== 'off') return;
    ctx.report({ at: at.path(['logging', 'redactSensitive']), message: '`logging.redactSensitive` is "off".', fix: { description: 'Redact sensitive tool data in logs', at: at.path(['logging', 'redactSensitive'], { part: 'value' }), replacement: '"tools"' } });
  },
});
