import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credential, credentialText } from '../_shared/openclaw/values.js';
import { deployContext } from '../_shared/openclaw/deploy.js';
import { enabledHooks } from '../_shared/openclaw/hooks.js';

export default defineRule({
  id: 'hooks.token_too_short',
  title: 'Hooks token is short',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Webhook ingress is enabled and `hooks.token` is shorter than 24 characters: a short shared secret on an HTTP endpoint can be guessed.',
  remediation:
    'Set `hooks.token: "${OPENCLAW_HOOKS_TOKEN}"` with a long random value (at least 24 characters, e.g. `openssl rand -hex 32`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const h = enabledHooks(t.value);
    if (!h) return;
    const c = credential(h.token, deployContext(t, ctx.project));
    const text = credentialText(c)?.trim();
    if (!text || text.length >= 24) return;
    ctx.report({ at: at.path(['hooks', 'token']), message: `\`hooks.token\` is ${text.length} characters long (fewer than 24).`, ...(c.kind === 'literal' ? { secret: c.value } : {}) });
  },
});
