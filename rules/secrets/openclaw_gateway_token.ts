import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import type { TextTarget } from '../../src/model/target.js';
import type { RuleContext } from '../../src/model/rule.js';
import { readValue, walkStrings } from '../_shared/assignments.js';
import { OPENCLAW_SECRET_ENV, openclawSecretPath } from '../_shared/secret-names.js';
import { holdsKnownToken, mentionsTokenKeyword } from '../_shared/tokens.js';
import { containsExpansion, isLiteralSecretCandidate } from '../_shared/values.js';

/**
 * Literal credentials where OpenClaw reads them, whatever their shape (a gateway password need not look random):
 *   - in OpenClaw config (parsed): the secret-bearing paths of rules/_shared/secret-names.ts (`gateway.auth.token`,
 *     `gateway.remote.token`, `hooks.token`, channel tokens, provider `apiKey`, `env.vars`, …);
 *   - in every other text file (dotenv, compose `environment:`, shell, Dockerfiles, docs): `OPENCLAW_GATEWAY_TOKEN` /
 *     `OPENCLAW_GATEWAY_PASSWORD` (and the ≤3.x `CLAWDBOT_` aliases) assigned a value.
 * Not reported: references (`${VAR}`, `op://`, SecretRef objects, which are not strings), placeholders (the published
 * OpenClaw `change-me…` strings, `<token>`, `your_token_here`), and values that are a known provider token: the
 * provider rule reports those, with the right rotation advice (precedence in docs/secrets-engines.md).
 */
const ENV_ASSIGNMENT = /(?<![A-Za-z0-9_{$])(?:OPENCLAW|CLAWDBOT)_GATEWAY_(?:TOKEN|PASSWORD)(?![A-Za-z0-9_])["']?[ \t]*(=|:)[ \t]*/g;
/**
 * Files where `NAME: value` with an unquoted value is an assignment of a literal (YAML, TOML). In code
 * (`{ OPENCLAW_GATEWAY_TOKEN: token }`) an unquoted value is an identifier, and in prose or a comment
 * ("OPENCLAW_GATEWAY_TOKEN: required") it is a word; a literal there is quoted.
 */
const STRUCTURED_TEXT = /\.(ya?ml|toml)$/i;

async function checkText(target: TextTarget, ctx: RuleContext): Promise<void> {
  if (target.fileKind === 'openclaw' || (!target.text.includes('GATEWAY_TOKEN') && !target.text.includes('GATEWAY_PASSWORD'))) return;
  ENV_ASSIGNMENT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ENV_ASSIGNMENT.exec(target.text))) {
    const name = m[0].replace(/["'\s=:]/g, '');
    const v = readValue(target.text, m.index + m[0].length);
    if (!v || !OPENCLAW_SECRET_ENV.has(name)) continue;
    // `NAME: value` in prose ("OPENCLAW_GATEWAY_TOKEN: required") is not an assignment; in compose/YAML/code it is.
    if (m[1] === ':' && !v.quoted && target.fileKind !== 'compose' && target.fileKind !== 'dotenv' && !STRUCTURED_TEXT.test(target.file)) continue;
    if (!isLiteralSecretCandidate(v.value) || containsExpansion(v.value) || mentionsTokenKeyword(v.value) || (await holdsKnownToken(v.value))) continue;
    const what = name.endsWith('PASSWORD') ? 'gateway password' : 'gateway token';
    ctx.report({
      at: at.range(v.start, v.end),
      message: `Literal OpenClaw ${what} (${name}) in ${target.file}: anyone who reads it can operate your agent. Rotate it and pass it from an untracked .env or a secret manager.`,
      severity: 'critical',
      secret: v.value,
    });
  }
}

export default defineRule({
  id: 'secrets.openclaw_gateway_token',
  title: 'Literal OpenClaw gateway token or other OpenClaw credential',
  severity: 'critical',
  appliesTo: ['text', 'openclaw'],
  description:
    'The gateway token or password is the one credential between the network and your OpenClaw agent, with every tool it has (shell, files, browser, messaging). Committed as a literal (`OPENCLAW_GATEWAY_TOKEN=…`, `gateway.auth.token`), or alongside it the hooks token, channel bot tokens, provider API keys and `env.vars` secrets in `openclaw.json`, it is readable by everyone with access to the repository and its history.',
  remediation:
    'Rotate the credential (`openclaw doctor --fix --generate-gateway-token` for the gateway token; the provider\'s console for others). Then reference it instead of writing it: `${OPENCLAW_GATEWAY_TOKEN}` from an untracked `.env`, or a SecretRef `{ source: "env", provider: "default", id: "OPENCLAW_GATEWAY_TOKEN" }` (`{ source: "file" | "exec", … }` for a secret manager).',
  references: ['https://docs.openclaw.ai/gateway/security', 'https://docs.openclaw.ai/gateway/configuration'],
  tags: ['secrets', 'openclaw', 'CWE-798'],
  precision: 'high',
  async check(target, ctx) {
    if (target.kind === 'text') return checkText(target, ctx);
    const found: { path: (string | number)[]; value: string }[] = [];
    walkStrings(target.value, (path, value) => {
      if (openclawSecretPath(path) && isLiteralSecretCandidate(value) && !containsExpansion(value)) found.push({ path, value });
    });
    for (const { path, value } of found) {
      if (mentionsTokenKeyword(value) || (await holdsKnownToken(value))) continue;
      const sp = openclawSecretPath(path);
      if (!sp) continue;
      ctx.report({
        at: at.path(path, { part: 'value' }),
        message: `Literal OpenClaw ${sp.what} at \`${path.join('.')}\` in ${target.file}: rotate it and replace it with \`\${ENV_VAR}\` or a SecretRef.`,
        severity: sp.severity,
        secret: value,
      });
    }
  },
});
