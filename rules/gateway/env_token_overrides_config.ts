import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credential } from '../_shared/openclaw/values.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { deployContext } from '../_shared/openclaw/deploy.js';
import { get, str } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.env_token_overrides_config',
  title: 'OPENCLAW_GATEWAY_TOKEN overrides the config token',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The deployment sets `OPENCLAW_GATEWAY_TOKEN` while `gateway.auth.token` holds a different value: clients and the gateway can disagree on the token, and the one in the file looks authoritative while the environment wins for some clients.',
  remediation:
    'Either drop `OPENCLAW_GATEWAY_TOKEN` from the deployment, or write `gateway.auth.token: "${OPENCLAW_GATEWAY_TOKEN}"` so there is one token.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const deploy = deployContext(t, ctx.project);
    const envValue = deploy.env?.['OPENCLAW_GATEWAY_TOKEN'];
    const envSet = envValue !== undefined || deploy.providedEnv?.has('OPENCLAW_GATEWAY_TOKEN') === true;
    if (!currentApplies(t, ctx.project) || !envSet || get(t.value, 'gateway', 'mode') === 'remote') return;
    const mode = str(get(t.value, 'gateway', 'auth', 'mode'));
    if (mode === 'password' || mode === 'none' || mode === 'trusted-proxy') return;
    const raw = get(t.value, 'gateway', 'auth', 'token');
    const c = credential(raw, {});
    // A literal differs from an env value the repository does not hold (a random secret is not this literal).
    const differs = c.kind === 'literal' ? c.value.trim() !== '' && c.value !== envValue : c.kind === 'ref' && c.ref !== 'env:default:OPENCLAW_GATEWAY_TOKEN';
    if (!differs) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'token']), message: '`OPENCLAW_GATEWAY_TOKEN` is set in the deployment (a .env, or referenced by the config) and differs from `gateway.auth.token`.', ...(c.kind === 'literal' ? { secret: c.value } : {}) });
  },
});
