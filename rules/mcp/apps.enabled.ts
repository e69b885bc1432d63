import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'mcp.apps.enabled',
  title: 'MCP apps enabled',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`mcp.apps.enabled: true` lets MCP servers render interactive apps in the Control UI and chat surfaces; a malicious or compromised MCP server gets a UI inside the operator session.',
  remediation:
    'Set `mcp.apps.enabled: false` (the default) unless every configured MCP server is trusted.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project) || get(t.value, 'mcp', 'apps', 'enabled') !== true) return;
    ctx.report({ at: at.path(['mcp', 'apps', 'enabled']), message: '`mcp.apps.enabled` is true.' });
  },
});
