import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { execScopes, openExecSurfaces } from '../_shared/openclaw/tools.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'tools.exec.security_full_configured',
  title: 'Exec runs with security "full"',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Exec is explicitly configured with security `full` (`tools.exec.security: "full"` or `tools.exec.mode: "full"`, globally or for an agent): commands run without allowlist or approval. Critical when some channel object has an open `groupPolicy`/`dmPolicy`.',
  remediation:
    'Set `tools.exec.mode: "ask"` or `"allowlist"` (or `tools.exec.security: "allowlist"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const full = execScopes(t.value).filter((s) => s.security === 'full');
    if (full.length === 0) return;
    const open = openExecSurfaces(t.value).length > 0;
    const first = full[0]!;
    const key = get(t.value, ...first.path, 'mode') !== undefined ? 'mode' : 'security';
    ctx.report({ at: at.path([...first.path, key]), severity: open ? CRITICAL : WARN, message: `Exec security is "full" for ${full.map((s) => s.label).join(', ')}${open ? ' and a channel policy is open' : ''}.` });
  },
});
