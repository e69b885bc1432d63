import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credentialPresent } from '../_shared/openclaw/values.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { get } from '../../src/lib/json.js';
import { targetEra } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'browser.control_no_auth',
  title: 'Browser control without gateway auth',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older: browser control is enabled (the default) and the gateway has no token or password, so anything that reaches the gateway drives the browser with its logged-in sessions. (2026.4+ reports this only with `--deep`, and `gateway.loopback_no_auth`/`gateway.bind_no_auth` cover the same gap.) Reported for legacy targets.',
  remediation:
    'Set `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"`, or `browser.enabled: false`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (targetEra(t, ctx.project) !== 'legacy' || get(t.value, 'browser', 'enabled') === false) return;
    const v = gatewayOf(t, ctx.project);
    if (v.tokenConfigured || credentialPresent(v.password)) return;
    ctx.report({ at: at.path(['gateway', 'auth']), message: 'Browser control is enabled and the gateway has no token or password.' });
  },
});
