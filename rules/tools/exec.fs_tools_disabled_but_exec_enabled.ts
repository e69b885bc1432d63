import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { get, str } from '../../src/lib/json.js';
import { sandboxMode } from '../_shared/openclaw/agents.js';
import { toolAllowed, toolContexts } from '../_shared/openclaw/tools.js';

export default defineRule({
  id: 'tools.exec.fs_tools_disabled_but_exec_enabled',
  title: 'File tools denied but exec allowed',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A scope denies the file-writing tools (`write`, `edit`, `apply_patch`) but still allows `exec`: a shell writes files just as well, so the deny list gives a false sense of safety, unless the scope runs fully sandboxed without write access to the workspace.',
  remediation:
    'Also deny `exec` and `process` (e.g. `tools.deny: ["group:fs", "group:runtime"]`), or run the scope with `sandbox.mode: "all"` and `workspaceAccess: "ro"` or `"none"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    for (const c of toolContexts(t.value)) {
      if (!toolAllowed(t.value, c.agent, 'exec') || ['write', 'edit', 'apply_patch'].some((x) => toolAllowed(t.value, c.agent, x))) continue;
      const host = str(get(c.agent, 'tools', 'exec', 'host')) ?? str(get(t.value, 'tools', 'exec', 'host'));
      const access = str(get(c.agent, 'sandbox', 'workspaceAccess')) ?? str(get(t.value, 'agents', 'defaults', 'sandbox', 'workspaceAccess')) ?? 'none';
      if (sandboxMode(t.value, c.agent) === 'all' && host !== 'gateway' && host !== 'node' && access !== 'rw') continue;
      ctx.report({ at: at.path([...c.path, 'deny']), message: `${c.label}: write/edit/apply_patch are denied but exec is allowed.` });
    }
  },
});
