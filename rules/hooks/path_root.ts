import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { enabledHooks } from '../_shared/openclaw/hooks.js';

export default defineRule({
  id: 'hooks.path_root',
  title: 'Hooks served at the root path',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    '`hooks.path: "/"` mounts webhook ingress on the gateway root, where it overlaps every other gateway route.',
  remediation:
    'Set `hooks.path: "/hooks"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const h = enabledHooks(t.value);
    if (!h) return;
    if (typeof h.path !== 'string' || h.path.trim() !== '/') return;
    ctx.report({ at: at.path(['hooks', 'path']), message: '`hooks.path` is "/".' });
  },
});
