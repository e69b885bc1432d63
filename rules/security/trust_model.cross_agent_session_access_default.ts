import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { INFO, WARN } from '../_shared/openclaw/severity.js';
import { agentEntries, sandboxMode } from '../_shared/openclaw/agents.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { get, str, strings } from '../../src/lib/json.js';
import { multiUserSignals } from '../_shared/openclaw/channels.js';
import { toolAllowed } from '../_shared/openclaw/tools.js';

export default defineRule({
  id: 'security.trust_model.cross_agent_session_access_default',
  title: 'Agents can read each other\'s sessions',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    'Several agents are configured, `tools.sessions.visibility` is `all` (the default) and agent-to-agent access is on without an allow list: any agent with session tools can read and write the sessions of the others. Warn when there is a trust signal (a sandboxed agent, per-agent tool policies, or a multi-user channel), since the agents were meant to be separated.',
  remediation:
    'Set `tools.sessions.visibility: "agent"` (or `"tree"`/`"self"`), and `tools.agentToAgent.allow` to the agents that may talk, or `tools.agentToAgent.enabled: false`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const agents = agentEntries(t.value);
    if (agents.length < 2) return;
    if ((str(get(t.value, 'tools', 'sessions', 'visibility')) ?? 'all') !== 'all') return;
    if (get(t.value, 'tools', 'agentToAgent', 'enabled') === false || strings(get(t.value, 'tools', 'agentToAgent', 'allow')).length > 0) return;
    const sessionTools = ['sessions_list', 'sessions_history', 'sessions_search', 'sessions_send', 'session_status'];
    const visAll = get(t.value, 'agents', 'defaults', 'sandbox', 'sessionToolsVisibility') === 'all';
    if (!agents.some((a) => (sandboxMode(t.value, a.value) !== 'all' || visAll) && sessionTools.some((x) => toolAllowed(t.value, a.value, x)))) return;
    const signal =
      agents.some((a) => sandboxMode(t.value, a.value) !== 'off') ||
      agents.some((a) => ['profile', 'allow', 'deny'].some((k) => get(a.value, 'tools', k) !== undefined)) ||
      multiUserSignals(t.value).length > 0;
    ctx.report({ at: at.path(['tools', 'sessions', 'visibility']), severity: signal ? WARN : INFO, message: `${agents.length} agents share session visibility "all" with agent-to-agent access unrestricted.` });
  },
});
