import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';
import { openInboundExposure } from '../_shared/openclaw/channels.js';

export default defineRule({
  id: 'security.exposure.open_groups_with_elevated',
  title: 'Open channels can reach elevated tools',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'A channel accepts messages from anyone (`groupPolicy` or `dmPolicy` `"open"`) while elevated tools are enabled (`tools.elevated.enabled` is not `false`): a stranger in a group or DM is one prompt away from elevated execution on the host.',
  remediation:
    'Set the channel `groupPolicy`/`dmPolicy` to `"allowlist"` (or `"pairing"`), and set `tools.elevated.enabled: false` or keep `tools.elevated.allowFrom` to named senders.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const exposure = openInboundExposure(t.value);
    if (!exposure) return;
    if (get(t.value, 'tools', 'elevated', 'enabled') === false) return;
    ctx.report({ at: at.path(exposure.anchor), message: `Open inbound policy (${exposure.where}) with elevated tools enabled.` });
  },
});
