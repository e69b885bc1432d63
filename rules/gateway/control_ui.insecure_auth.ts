import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';
import { legacyApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'gateway.control_ui.insecure_auth',
  title: 'Control UI allows insecure (HTTP) auth',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older: `gateway.controlUi.allowInsecureAuth: true` lets the Control UI authenticate over plain HTTP without device identity, so the gateway token travels in clear text. The key no longer exists from 2026.4 (the config is rejected); reported for legacy or unknown versions.',
  remediation:
    'Remove `gateway.controlUi.allowInsecureAuth` (or set it to `false`) and reach the UI over HTTPS, Tailscale Serve or localhost.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!legacyApplies(t, ctx.project) || get(t.value, 'gateway', 'controlUi', 'allowInsecureAuth') !== true) return;
    ctx.report({ at: at.path(['gateway', 'controlUi', 'allowInsecureAuth']), message: '`gateway.controlUi.allowInsecureAuth` is true (OpenClaw ≤ 2026.3).' });
  },
});
