import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { enabledHooks } from '../_shared/openclaw/hooks.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'hooks.allowed_agent_ids_unrestricted',
  title: 'Hooks may route to any agent',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`hooks.allowedAgentIds` is unset or contains `"*"`: a webhook request can pick any agent, including ones with exec or admin tools. Critical when the gateway is exposed (non-loopback bind or Tailscale serve/funnel).',
  remediation:
    'Set `hooks.allowedAgentIds` to the agents hooks may use (e.g. `["main"]`), or `[]` to disable hook agent routing.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  messages: {
    wildcard: '`hooks.allowedAgentIds` contains "*".',
    unset: '`hooks.allowedAgentIds` is not set: hooks may route to any agent.',
  },
  check(t, ctx) {
    const h = enabledHooks(t.value);
    if (!h) return;
    const v = gatewayOf(t, ctx.project);
    if (!currentApplies(t, ctx.project)) return;
    const ids = h.allowedAgentIds;
    if (Array.isArray(ids) && !ids.some((x) => typeof x === 'string' && x.trim() === '*')) return;
    ctx.report({ at: at.path(['hooks', 'allowedAgentIds']), severity: v.remoteExposure ? CRITICAL : WARN, messageId: Array.isArray(ids) ? 'wildcard' : 'unset' });
  },
});
