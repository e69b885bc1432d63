import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { enabledHooks } from '../_shared/openclaw/hooks.js';

export default defineRule({
  id: 'hooks.default_session_key_unset',
  title: 'Hooks have no default session key',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Webhook ingress is enabled without `hooks.defaultSessionKey`: hook-triggered runs land in whatever session the request or mapping names, mixing untrusted webhook content into existing conversations.',
  remediation:
    'Set `hooks.defaultSessionKey: "hook:ingress"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const h = enabledHooks(t.value);
    if (!h) return;
    if (typeof h.defaultSessionKey === 'string' && h.defaultSessionKey.trim()) return;
    ctx.report({ at: at.path(['hooks', 'defaultSessionKey']), message: 'Hooks are enabled and `hooks.defaultSessionKey` is not set.' });
  },
});
