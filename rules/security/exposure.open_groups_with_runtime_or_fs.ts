import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { get } from '../../src/lib/json.js';
import { openInboundExposure } from '../_shared/openclaw/channels.js';
import { sandboxMode } from '../_shared/openclaw/agents.js';
import { toolAllowed, toolContexts } from '../_shared/openclaw/tools.js';

export default defineRule({
  id: 'security.exposure.open_groups_with_runtime_or_fs',
  title: 'Open channels can reach runtime or filesystem tools',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'A channel accepts messages from anyone while some agent can run commands (`exec`, `process`) outside a full sandbox: critical. With only file tools (`read`, `write`, `edit`, `apply_patch`) reachable outside a sandbox and without `tools.fs.workspaceOnly: true`: warn.',
  remediation:
    'Set `tools.profile: "messaging"` or deny `group:runtime` and `group:fs` for agents reachable from open channels, set `tools.fs.workspaceOnly: true`, and `agents.defaults.sandbox.mode: "all"`; or close the channel policy (`"allowlist"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const exposure = openInboundExposure(t.value);
    if (!exposure) return;
    let runtime = false;
    let fs = false;
    for (const c of toolContexts(t.value)) {
      if (sandboxMode(t.value, c.agent) === 'all') continue;
      if (['exec', 'process'].some((x) => toolAllowed(t.value, c.agent, x))) runtime = true;
      const workspaceOnly = (get(c.agent, 'tools', 'fs', 'workspaceOnly') ?? get(t.value, 'tools', 'fs', 'workspaceOnly')) === true;
      if (!workspaceOnly && ['read', 'write', 'edit', 'apply_patch'].some((x) => toolAllowed(t.value, c.agent, x))) fs = true;
    }
    if (!runtime && !fs) return;
    ctx.report({ at: at.path(exposure.anchor), severity: runtime ? CRITICAL : WARN, message: `Open inbound policy (${exposure.where}) while ${runtime ? 'exec/process' : 'filesystem tools'} run outside a full sandbox.` });
  },
});
