import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries, sandboxMode } from '../_shared/openclaw/agents.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'tools.exec.host_sandbox_no_sandbox_agents',
  title: 'Agents run exec "in the sandbox" without one',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'An agent sets `tools.exec.host: "sandbox"` while its effective sandbox mode (agent `sandbox.mode` ?? `agents.defaults.sandbox.mode` ?? `off`) is `off`: its commands run on the gateway host.',
  remediation:
    'Set `sandbox.mode: "all"` (or `"non-main"`) for those agents, or set their `tools.exec.host: "gateway"` deliberately.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const bad = agentEntries(t.value).filter((a) => get(a.value, 'tools', 'exec', 'host') === 'sandbox' && sandboxMode(t.value, a.value) === 'off');
    if (bad.length === 0) return;
    ctx.report({ at: at.path([...bad[0]!.path, 'tools', 'exec', 'host']), message: `Agents with exec host "sandbox" but sandbox off: ${bad.slice(0, 5).map((a) => a.id).join(', ')}.` });
  },
});
