import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';
import { sandboxMode } from '../_shared/openclaw/agents.js';

export default defineRule({
  id: 'tools.exec.host_sandbox_no_sandbox_defaults',
  title: 'Exec targets the sandbox but sandboxing is off',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`tools.exec.host: "sandbox"` asks for commands to run in the sandbox, but `agents.defaults.sandbox.mode` is `off` (the default): there is no sandbox, so the setting gives a false sense of isolation.',
  remediation:
    'Set `agents.defaults.sandbox.mode: "non-main"` or `"all"`, or set `tools.exec.host: "gateway"` deliberately.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (get(t.value, 'tools', 'exec', 'host') !== 'sandbox' || sandboxMode(t.value) !== 'off') return;
    ctx.report({ at: at.path(['tools', 'exec', 'host']), message: '`tools.exec.host` is "sandbox" while the default sandbox mode is off.' });
  },
});
