import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credential, credentialPresent, deployContext, get, obj } from '../_shared/openclaw.js';

export default defineRule({
  id: 'config.secrets.hooks_token_in_config',
  title: 'Hooks token stored in the config',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    'Webhook ingress is enabled and `hooks.token` is set in the config, so the config file (and its backups) carries a credential. The audit reports it as info, including for a `${VAR}` that resolves at load time.',
  remediation:
    'Keep the config file private (mode 600) and write `hooks.token: "${OPENCLAW_HOOKS_TOKEN}"` so the value lives in the environment, not in the file.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
const h = obj(get(t.value, 'hooks'));
    if (h.enabled !== true) return;
    const c = credential(h.token, deployContext(t, ctx.project));
    if (!credentialPresent(c)) return;
    ctx.report({ at: at.path(['hooks', 'token']), message: c.kind === 'literal' ? '`hooks.token` is written in the config.' : '`hooks.token` is set in the config (through an environment reference).', ...(c.kind === 'literal' ? { secret: c.value } : {}) });
  },
});
