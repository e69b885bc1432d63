import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';
import { legacyApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'gateway.control_ui.device_auth_disabled',
  title: 'Control UI device auth disabled',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older: `gateway.controlUi.dangerouslyDisableDeviceAuth: true` turns off device identity checks for the Control UI, so the shared token alone grants full operator access from any browser. From 2026.4 the key is a deprecated upgrade-only input; reported for legacy or unknown versions.',
  remediation:
    'Remove `gateway.controlUi.dangerouslyDisableDeviceAuth` (default `false`); use it only for a short break-glass session.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!legacyApplies(t, ctx.project) || get(t.value, 'gateway', 'controlUi', 'dangerouslyDisableDeviceAuth') !== true) return;
    ctx.report({ at: at.path(['gateway', 'controlUi', 'dangerouslyDisableDeviceAuth']), message: '`gateway.controlUi.dangerouslyDisableDeviceAuth` is true (OpenClaw ≤ 2026.3).' });
  },
});
