import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get, strings } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.control_ui.allowed_origins_required',
  title: 'Control UI on a network address without allowed origins',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'The gateway binds beyond loopback with the Control UI enabled but `gateway.controlUi.allowedOrigins` is empty: browser origin checks have nothing to compare against, so cross-site pages can talk to the gateway.',
  remediation:
    'Set `gateway.controlUi.allowedOrigins` to the exact origins that serve the UI (e.g. `["https://claw.example.com"]`), or bind the gateway to `"loopback"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const ui = get(t.value, 'gateway', 'controlUi');
    if (!v.nonLoopback || !v.controlUiEnabled || strings(get(ui, 'allowedOrigins')).length > 0 || get(ui, 'dangerouslyAllowHostHeaderOriginFallback') === true) return;
    ctx.report({ at: at.path(['gateway', 'controlUi', 'allowedOrigins']), message: `The gateway binds to "${v.bind}" with the Control UI enabled and no \`gateway.controlUi.allowedOrigins\`.` });
  },
});
