import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.tailscale_funnel',
  title: 'Gateway published on the internet with Tailscale Funnel',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    '`gateway.tailscale.mode: "funnel"` publishes the gateway on the public internet through Tailscale Funnel: everyone can reach it, and only gateway auth stands in the way.',
  remediation:
    'Set `gateway.tailscale.mode: "serve"` (tailnet only) or `"off"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (get(t.value, 'gateway', 'tailscale', 'mode') !== 'funnel') return;
    ctx.report({ at: at.path(['gateway', 'tailscale', 'mode']), message: 'The gateway is published on the internet with Tailscale Funnel.' });
  },
});
