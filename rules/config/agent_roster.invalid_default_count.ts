import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'config.agent_roster.invalid_default_count',
  title: 'Agent roster has no single default agent',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The agent roster does not resolve to one default agent: several entries with none or more than one `default: true`, or `agents.ownership: "explicit"` with an entry marked default. Messages without an explicit route then land on an agent you did not choose.',
  remediation:
    'Mark exactly one entry of `agents.entries` with `default: true` (or run `openclaw doctor --fix`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  messages: {
    explicit_with_default: '`agents.ownership` is "explicit" but an entry is marked default.',
    count: '{{agents}} agents with {{defaults}} marked default.',
  },
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const agents = agentEntries(t.value);
    if (agents.length === 0) return;
    const defaults = agents.filter((a) => a.value.default === true);
    const explicit = get(t.value, 'agents', 'ownership') === 'explicit';
    if (explicit) {
      // With explicit ownership no entry is the default; marking one is the mistake.
      if (defaults.length > 0) ctx.report({ at: at.path([...defaults[0]!.path, 'default']), messageId: 'explicit_with_default' });
      return;
    }
    if (agents.length < 2 || defaults.length === 1) return;
    ctx.report({ at: at.path(defaults.length > 1 ? [...defaults[1]!.path, 'default'] : agents[0]!.path.slice(0, 2)), messageId: 'count', data: { agents: agents.length, defaults: defaults.length } });
  },
});
