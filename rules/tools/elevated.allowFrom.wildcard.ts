import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { arr, get, obj } from '../../src/lib/json.js';

export default defineRule({
  id: 'tools.elevated.allowFrom.wildcard',
  title: 'Anyone on a channel may use elevated tools',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `tools.elevated.allowFrom.<provider>.wildcard`. `tools.elevated.allowFrom.<provider>` contains `"*"` while elevated tools are enabled (`tools.elevated.enabled` defaults to true): every sender on that channel may run elevated (host) actions.',
  remediation:
    'Replace `"*"` in `tools.elevated.allowFrom.<provider>` with the sender ids that need elevated access, or set `tools.elevated.enabled: false`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (get(t.value, 'tools', 'elevated', 'enabled') === false) return;
    for (const [provider, list] of Object.entries(obj(get(t.value, 'tools', 'elevated', 'allowFrom')))) {
      const i = arr(list).findIndex((x) => typeof x === 'string' && x.trim() === '*');
      if (i < 0) continue;
      ctx.report({ at: at.path(['tools', 'elevated', 'allowFrom', provider, i]), message: `Anyone on ${provider} may use elevated tools (\`tools.elevated.allowFrom.${provider}\` contains "*").`, properties: { checkId: `tools.elevated.allowFrom.${provider}.wildcard` } });
    }
  },
});
