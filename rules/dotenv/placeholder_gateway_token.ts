import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { OPENCLAW_PLACEHOLDERS, isPlaceholder } from '../../src/lib/placeholders.js';
import { isReference } from '../../src/lib/variables.js';

/**
 * Variables that hold the gateway's shared secret: OpenClaw's own (and its legacy names'), and the
 * `<PREFIX>_GATEWAY_TOKEN` a deployment passes to it under its own name (`GATEWAY_AUTH_TOKEN`, `MYBOT_GATEWAY_TOKEN`).
 */
const GATEWAY_SECRET = /^([A-Z][A-Z0-9]*_)?GATEWAY_(AUTH_)?(TOKEN|PASSWORD)$/;

export default defineRule({
  id: 'dotenv.placeholder_gateway_token',
  title: 'Placeholder gateway token in an env file',
  severity: 'medium',
  appliesTo: ['dotenv'],
  description:
    'An env file sets the gateway token (or password) to a placeholder such as `change-me`, `your-token-here` or `<generate-a-token>`. The gateway accepts any non-blank value except the few examples of its own documentation, so a template copied as is, or an `.env` filled in halfway, runs the gateway with a token that is published in the repository and easy to guess.',
  remediation:
    'Leave the value empty in the template (the gateway then refuses to start, or `openclaw onboard` generates one) and generate the real one when deploying: `openssl rand -hex 32`.',
  references: ['https://cwe.mitre.org/data/definitions/1393.html', 'https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'secrets', 'dotenv', 'CWE-1393'],
  precision: 'medium',
  messages: {
    template: '{{key}} is a placeholder in this template: a copy used as is runs the gateway with a published, guessable {{what}}. Leave it empty and generate the value at deploy time.',
    env: '{{key}} is a placeholder: the gateway runs with a published, guessable {{what}}. Generate a real one (`openssl rand -hex 32`).',
  },
  check(target, ctx) {
    for (const e of target.entries) {
      if (!GATEWAY_SECRET.test(e.key)) continue;
      const v = e.value.trim();
      // Blank and the documentation's own examples are refused by the gateway at startup: no guessable token runs.
      if (!v || OPENCLAW_PLACEHOLDERS.has(v.toLowerCase()) || isReference(v) || !isPlaceholder(v)) continue;
      ctx.report({
        at: at.range(e.valueStart, e.valueEnd),
        ...(target.template ? {} : { severity: 'high' as const }),
        messageId: target.template ? 'template' : 'env',
        data: { key: e.key, what: e.key.endsWith('PASSWORD') ? 'password' : 'token' },
      });
    }
  },
});
