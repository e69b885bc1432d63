import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { arr, get } from '../../src/lib/json.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';
import { targetEra } from '../_shared/openclaw/version.js';

/** The built-in HTTP `/tools/invoke` deny list that `gateway.tools.allow` re-enables (2026.9.6; 2026.3.x). */
const HTTP_DENY_CURRENT = ['exec', 'spawn', 'shell', 'fs_write', 'fs_delete', 'fs_move', 'apply_patch', 'terminal', 'portal', 'sessions_spawn', 'sessions_send', 'conversations_list', 'conversations_send', 'conversations_turn', 'automations', 'gateway', 'plugins', 'nodes', 'computer', 'mobile_ui', 'openclaw'];
const HTTP_DENY_LEGACY = ['sessions_spawn', 'sessions_send', 'cron', 'gateway', 'whatsapp_login'];

export default defineRule({
  id: 'gateway.tools_invoke_http.dangerous_allow',
  title: 'HTTP /tools/invoke re-enables dangerous tools',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`gateway.tools.allow` removes tools from the built-in deny list of the HTTP `POST /tools/invoke` endpoint (exec, shell, file writes, session spawning, gateway and plugin control…): every holder of the gateway credential can run them over plain HTTP. Critical when the gateway binds beyond loopback or is published with Tailscale Funnel.',
  remediation:
    'Remove the dangerous names from `gateway.tools.allow`; if you need them, keep `gateway.bind: "loopback"` (or tailnet-only) and treat the gateway credential as full admin.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const deny = new Set(targetEra(t, ctx.project) === 'legacy' ? HTTP_DENY_LEGACY : HTTP_DENY_CURRENT);
    const hits: number[] = [];
    const names: string[] = [];
    arr(get(t.value, 'gateway', 'tools', 'allow')).forEach((n, i) => {
      if (typeof n === 'string' && deny.has(n.trim().toLowerCase())) {
        hits.push(i);
        names.push(n.trim().toLowerCase());
      }
    });
    if (hits.length === 0) return;
    ctx.report({ at: at.path(['gateway', 'tools', 'allow', hits[0]!]), severity: v.nonLoopback || v.tailscale === 'funnel' ? CRITICAL : WARN, message: `\`gateway.tools.allow\` re-enables ${names.join(', ')} on HTTP /tools/invoke.` });
  },
});
