import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credential } from '../_shared/openclaw/values.js';
import { deployContext } from '../_shared/openclaw/deploy.js';
import { enabledHooks } from '../_shared/openclaw/hooks.js';

export default defineRule({
  id: 'config.secrets.hooks_token_in_config',
  title: 'Hooks token stored in the config',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    'Webhook ingress is enabled and `hooks.token` is set in the config, so the config file (and its backups) carries a credential. The audit reports it as info. A `${VAR}` reference is not reported: the file holds no secret then.',
  remediation:
    'Keep the config file private (mode 600) and write `hooks.token: "${OPENCLAW_HOOKS_TOKEN}"` so the value lives in the environment, not in the file.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const h = enabledHooks(t.value);
    if (!h) return;
    const c = credential(h.token, deployContext(t, ctx.project));
    // A `${VAR}` reference is not a secret in the file (the audit, which sees the substituted config, reports
    // it too: a documented deviation, test/oracle/deviations.json).
    if (c.kind !== 'literal' || !c.value.trim()) return;
    ctx.report({ at: at.path(['hooks', 'token']), message: '`hooks.token` is written in the config.', secret: c.value });
  },
});
