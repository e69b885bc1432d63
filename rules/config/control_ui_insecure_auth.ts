import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';
import { targetEra } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'config.control_ui_insecure_auth',
  title: 'Legacy insecure Control UI auth flag',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Beyond the audit. `gateway.controlUi.allowInsecureAuth: true` on an OpenClaw 2026.4+ target: the key no longer exists (the gateway rejects the config), so the audit says nothing, yet it records the intent to let the Control UI authenticate over plain HTTP, which takes effect again on a 2026.3.x rollback. For legacy or unknown versions the audit check `gateway.control_ui.insecure_auth` applies.',
  remediation:
    'Remove `gateway.controlUi.allowInsecureAuth` and serve the UI over HTTPS, Tailscale Serve or localhost.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'beyond-audit', 'openclaw-2026.4+'],
  precision: 'high',
  check(t, ctx) {
    if (targetEra(t, ctx.project) !== 'current' || get(t.value, 'gateway', 'controlUi', 'allowInsecureAuth') !== true) return;
    ctx.report({ at: at.path(['gateway', 'controlUi', 'allowInsecureAuth']), message: '`gateway.controlUi.allowInsecureAuth` is true (a 2026.3 key; rejected by 2026.4+).' });
  },
});
