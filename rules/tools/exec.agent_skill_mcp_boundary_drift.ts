import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { execSecurity } from '../_shared/openclaw/tools.js';
import { get, type Obj, obj, str } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'tools.exec.agent_skill_mcp_boundary_drift',
  title: 'Skill allowlist bypassed by exec and MCP servers',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A scope restricts its skills (`agents.defaults.skills` or an agent `skills` list) while host exec is possible and MCP servers are configured: the agent can reach the same capabilities through a shell or an MCP server, outside the skill allowlist.',
  remediation:
    'Deny exec for the restricted scope (`tools.exec.mode: "deny"`), run it with `tools.exec.host: "sandbox"` and a sandbox, or remove the MCP servers it should not reach.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const servers = Object.entries(obj(get(t.value, 'mcp', 'servers'))).filter(([, s]) => get(s, 'enabled') !== false);
    if (servers.length === 0) return;
    const scopes = [{ path: ['agents', 'defaults', 'skills'] as PathSegment[], skills: get(t.value, 'agents', 'defaults', 'skills'), tools: get(t.value, 'tools'), agent: undefined as Obj | undefined }, ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'skills'], skills: a.value.skills, tools: a.value.tools, agent: a.value }))];
    for (const s of scopes) {
      if (!Array.isArray(s.skills)) continue;
      const security = execSecurity(s.tools) ?? execSecurity(get(t.value, 'tools'));
      const host = str(get(s.tools, 'exec', 'host')) ?? str(get(t.value, 'tools', 'exec', 'host'));
      if (security === undefined || security === 'deny' || host === 'sandbox') continue;
      ctx.report({ at: at.path(s.path), message: `A skill allowlist is set while host exec (${security}) and MCP servers (${servers.map(([n]) => n).join(', ')}) are reachable.` });
      return;
    }
  },
});
