import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'tools.profile_minimal_overridden',
  title: 'Agents override the minimal tool profile',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`tools.profile: "minimal"` is set globally, but some agent sets a different `tools.profile`, which replaces the global one for that agent: the minimal posture does not hold.',
  remediation:
    'Set those agents to `tools.profile: "minimal"` too, or remove their `tools.profile`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (get(t.value, 'tools', 'profile') !== 'minimal') return;
    for (const a of agentEntries(t.value)) {
      const p = get(a.value, 'tools', 'profile');
      if (typeof p === 'string' && p !== 'minimal') ctx.report({ at: at.path([...a.path, 'tools', 'profile']), message: `Agent "${a.id}" sets tools.profile "${p}" over the global "minimal".` });
    }
  },
});
