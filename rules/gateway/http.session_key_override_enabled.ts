import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'gateway.http.session_key_override_enabled',
  title: 'OpenAI-compatible HTTP endpoints enabled',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    'With `/v1/chat/completions` or `/v1/responses` enabled, holders of the gateway credential can pick any session key through the API and read or steer any session.',
  remediation:
    'Treat gateway API credential holders as fully trusted, or set `gateway.http.endpoints.chatCompletions.enabled` / `responses.enabled` to `false`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const ep of ['chatCompletions', 'responses']) {
      if (get(t.value, 'gateway', 'http', 'endpoints', ep, 'enabled') !== true) continue;
      ctx.report({ at: at.path(['gateway', 'http', 'endpoints', ep, 'enabled']), message: `\`gateway.http.endpoints.${ep}\` is enabled: API callers can choose the session key.` });
      return;
    }
  },
});
