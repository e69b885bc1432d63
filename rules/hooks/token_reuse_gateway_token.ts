import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credential, credentialPresent, credentialText } from '../_shared/openclaw/values.js';
import { deployContext } from '../_shared/openclaw/deploy.js';
import { enabledHooks } from '../_shared/openclaw/hooks.js';
import { gatewayOf } from '../_shared/openclaw/gateway.js';

export default defineRule({
  id: 'hooks.token_reuse_gateway_token',
  title: 'Hooks token reuses the gateway secret',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    '`hooks.token` is the same secret as the gateway token (or, in password / trusted-proxy mode, the gateway password): anyone given the webhook secret, which is routinely pasted into third-party services, holds full gateway admin.',
  remediation:
    'Give hooks their own secret: `hooks.token: "${OPENCLAW_HOOKS_TOKEN}"`, distinct from `OPENCLAW_GATEWAY_TOKEN`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const h = enabledHooks(t.value);
    if (!h) return;
    const v = gatewayOf(t, ctx.project);
    const hooks = credential(h.token, deployContext(t, ctx.project));
    if (!credentialPresent(hooks)) return;
    const gw = v.mode === 'token' ? v.token : v.mode === 'password' || v.mode === 'trusted-proxy' ? v.password : undefined;
    if (!gw || !credentialPresent(gw)) return;
    const same =
      (hooks.kind === 'ref' && gw.kind === 'ref' && hooks.ref === gw.ref) ||
      (credentialText(hooks) !== undefined && credentialText(hooks)?.trim() === credentialText(gw)?.trim());
    if (!same) return;
    ctx.report({ at: at.path(['hooks', 'token']), message: `\`hooks.token\` is the gateway ${v.mode === 'token' ? 'token' : 'password'}.`, ...(hooks.kind === 'literal' ? { secret: hooks.value } : {}) });
  },
});
