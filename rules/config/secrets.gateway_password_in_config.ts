import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { credential } from '../_shared/openclaw/values.js';
import { deployContext } from '../_shared/openclaw/deploy.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'config.secrets.gateway_password_in_config',
  title: 'Gateway password stored in the config',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`gateway.auth.password` holds a literal password in the config file: everyone who can read the file or its history (a repository, a backup) can log in to the gateway.',
  remediation:
    'Remove `gateway.auth.password` from the file and provide it as `OPENCLAW_GATEWAY_PASSWORD` (or `gateway.auth.password: "${OPENCLAW_GATEWAY_PASSWORD}"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const c = credential(get(t.value, 'gateway', 'auth', 'password'), deployContext(t, ctx.project));
    if (c.kind !== 'literal' || !c.value.trim()) return;
    ctx.report({ at: at.path(['gateway', 'auth', 'password']), message: '`gateway.auth.password` is written in the config.', secret: c.value });
  },
});
