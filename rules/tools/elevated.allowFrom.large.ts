import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { arr, get, obj } from '../../src/lib/json.js';

export default defineRule({
  id: 'tools.elevated.allowFrom.large',
  title: 'Large elevated-tools allowlist',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `tools.elevated.allowFrom.<provider>.large`. `tools.elevated.allowFrom.<provider>` lists more than 25 senders: elevated (host) actions are open to a crowd, and stale entries go unnoticed.',
  remediation:
    'Trim `tools.elevated.allowFrom.<provider>` to the few operators who need elevated tools.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (get(t.value, 'tools', 'elevated', 'enabled') === false) return;
    for (const [provider, list] of Object.entries(obj(get(t.value, 'tools', 'elevated', 'allowFrom')))) {
      const entries = arr(list);
      if (entries.some((x) => typeof x === 'string' && x.trim() === '*') || entries.length <= 25) continue;
      ctx.report({ at: at.path(['tools', 'elevated', 'allowFrom', provider]), message: `${entries.length} senders may use elevated tools on ${provider}.`, properties: { checkId: `tools.elevated.allowFrom.${provider}.large` } });
    }
  },
});
