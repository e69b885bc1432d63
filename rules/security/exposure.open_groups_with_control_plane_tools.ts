import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { openInboundExposure } from '../_shared/openclaw/channels.js';
import { toolAllowed, toolContexts } from '../_shared/openclaw/tools.js';

export default defineRule({
  id: 'security.exposure.open_groups_with_control_plane_tools',
  title: 'Open channels can reach control-plane tools',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'A channel accepts messages from anyone while some agent may use `gateway`, `automations` or `plugins`: a stranger can reconfigure the gateway, schedule jobs or install plugins through the agent.',
  remediation:
    'Deny `gateway`, `automations` and `plugins` (e.g. `tools.deny: ["gateway", "automations", "plugins"]`) for agents reachable from open channels, or close the channel policy (`"allowlist"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const exposure = openInboundExposure(t.value);
    if (!exposure) return;
    if (!currentApplies(t, ctx.project)) return;
    const tools = new Set<string>();
    for (const c of toolContexts(t.value)) for (const x of ['automations', 'gateway', 'plugins']) if (toolAllowed(t.value, c.agent, x)) tools.add(x);
    if (tools.size === 0) return;
    ctx.report({ at: at.path(exposure.anchor), message: `Open inbound policy (${exposure.where}) while agents may use ${[...tools].join(', ')}.` });
  },
});
