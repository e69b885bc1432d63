import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { arr, get } from '../../src/lib/json.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'gateway.control_ui.allowed_origins_wildcard',
  title: 'Control UI allows any origin',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`gateway.controlUi.allowedOrigins` contains `"*"`: any web page a user visits can open a Control UI session against the gateway. Critical when the gateway binds beyond loopback.',
  remediation:
    'Replace `"*"` in `gateway.controlUi.allowedOrigins` with the exact origins that serve the UI (e.g. `"https://claw.example.com"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    arr(get(t.value, 'gateway', 'controlUi', 'allowedOrigins')).forEach((o, i) => {
      if (typeof o !== 'string' || o.trim() !== '*') return;
      ctx.report({ at: at.path(['gateway', 'controlUi', 'allowedOrigins', i]), severity: v.nonLoopback ? CRITICAL : WARN, message: `\`gateway.controlUi.allowedOrigins\` contains "*"${v.nonLoopback ? ` and the gateway binds to "${v.bind}"` : ''}.` });
    });
  },
});
