import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries, sandboxMode } from '../_shared/openclaw/agents.js';
import { get, isRecord } from '../../src/lib/json.js';

export default defineRule({
  id: 'sandbox.docker_config_mode_off',
  title: 'Sandbox Docker settings with sandboxing off',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`sandbox.docker` is configured (image, binds, network…) while the sandbox mode is `off`: the settings do nothing and every tool runs on the gateway host, though the config reads as sandboxed.',
  remediation:
    'Set `agents.defaults.sandbox.mode: "all"` (or `"non-main"`), or remove the unused `sandbox.docker` block.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  messages: {
    defaults: '`agents.defaults.sandbox.docker` is set while sandbox mode is off.',
    agent: 'Agent "{{agent}}" sets sandbox.docker while its sandbox mode is off.',
  },
  check(t, ctx) {
    const defaultsDocker = get(t.value, 'agents', 'defaults', 'sandbox', 'docker');
    const agents = agentEntries(t.value);
    const anyEnabled = agents.some((a) => sandboxMode(t.value, a.value) !== 'off');
    if (isRecord(defaultsDocker) && Object.values(defaultsDocker).some((v) => v !== undefined) && sandboxMode(t.value) === 'off' && !anyEnabled) {
      ctx.report({ at: at.path(['agents', 'defaults', 'sandbox', 'docker']), messageId: 'defaults' });
    }
    for (const a of agents) {
      if (get(a.value, 'sandbox', 'docker') !== undefined && sandboxMode(t.value, a.value) === 'off') ctx.report({ at: at.path([...a.path, 'sandbox', 'docker']), messageId: 'agent', data: { agent: a.id } });
    }
  },
});
