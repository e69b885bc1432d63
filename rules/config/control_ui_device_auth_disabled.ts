import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';
import { targetEra } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'config.control_ui_device_auth_disabled',
  title: 'Control UI device auth disabled (deprecated flag)',
  severity: 'high',
  appliesTo: ['openclaw'],
  description:
    'Beyond the audit. `gateway.controlUi.dangerouslyDisableDeviceAuth: true` on an OpenClaw 2026.4+ target: the audit no longer reports it (the key is a deprecated, upgrade-only input), but the config still asks for device identity checks to be off, and any rollback to 2026.3.x turns them off for real. For legacy or unknown versions the audit check `gateway.control_ui.device_auth_disabled` applies.',
  remediation:
    'Remove `gateway.controlUi.dangerouslyDisableDeviceAuth`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'beyond-audit', 'openclaw-2026.4+'],
  precision: 'high',
  check(t, ctx) {
    if (targetEra(t, ctx.project) !== 'current' || get(t.value, 'gateway', 'controlUi', 'dangerouslyDisableDeviceAuth') !== true) return;
    ctx.report({ at: at.path(['gateway', 'controlUi', 'dangerouslyDisableDeviceAuth']), message: '`gateway.controlUi.dangerouslyDisableDeviceAuth` is true (deprecated; not reported by the 2026.4+ audit).' });
  },
});
