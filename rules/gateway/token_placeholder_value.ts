import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credential, credentialText, currentApplies, deployContext, gatewayOf, get } from '../_shared/openclaw.js';

export default defineRule({
  id: 'gateway.token_placeholder_value',
  title: 'Gateway token is a placeholder',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'The gateway runs in token mode and the token is blank, `"undefined"` or `"null"`: a value left over from templating or a broken `${VAR}` expansion, trivially guessed. OpenClaw 2026.9 refuses such a token at startup.',
  remediation:
    'Generate a real token (`openssl rand -hex 32`) and provide it as `OPENCLAW_GATEWAY_TOKEN`, with `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    if (!currentApplies(t, ctx.project) || v.mode !== 'token') return;
    const raw = get(t.value, 'gateway', 'auth', 'token');
    const c = typeof raw === 'string' ? credential(raw, deployContext(t, ctx.project)) : v.token;
    const text = credentialText(c);
    if (text === undefined || !['', 'undefined', 'null'].includes(text.trim())) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'token']), message: `The gateway token is a placeholder (${text.trim() === '' ? 'blank' : JSON.stringify(text.trim())}).` });
  },
});
