import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { arr, get } from '../../src/lib/json.js';
import { currentApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'security.trust_model.group_scope_main',
  title: 'Group chats share the main session',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`session.groupScope: "main"` puts every group conversation into the agent main session: what one group says (including injected instructions) is context for every other group and for DMs.',
  remediation:
    'Set `session.groupScope: "per-group"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  messages: {
    session: '`session.groupScope` is "main".',
    binding: 'A route binding sets `session.groupScope: "main"`.',
  },
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    if (get(t.value, 'session', 'groupScope') === 'main') {
      ctx.report({ at: at.path(['session', 'groupScope']), messageId: 'session' });
      return;
    }
    const i = arr(get(t.value, 'bindings')).findIndex((b) => get(b, 'session', 'groupScope') === 'main');
    if (i >= 0) ctx.report({ at: at.path(['bindings', i, 'session', 'groupScope']), messageId: 'binding' });
  },
});
