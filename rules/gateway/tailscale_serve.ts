import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.tailscale_serve',
  title: 'Gateway reachable from the tailnet (Tailscale Serve)',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    '`gateway.tailscale.mode: "serve"` makes the gateway reachable from every device of the tailnet; by default Tailscale identity headers then count as auth (`gateway.auth.allowTailscale`).',
  remediation:
    'Keep the tailnet ACLs tight, or set `gateway.tailscale.mode: "off"` if tailnet access is not needed.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (get(t.value, 'gateway', 'tailscale', 'mode') !== 'serve') return;
    ctx.report({ at: at.path(['gateway', 'tailscale', 'mode']), message: 'The gateway is reachable from the tailnet through Tailscale Serve.' });
  },
});
