import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import type { OpenClawTarget, TextTarget } from '../../src/model/target.js';
import type { RuleContext } from '../../src/model/rule.js';
import { lineStartCursor, readValue, walkStrings, type AssignedValue } from '../_shared/assignments.js';
import { OPENCLAW_SECRET_ENV, openclawSecretPath } from '../_shared/secret-names.js';
import { containsExpansion } from '../../src/lib/variables.js';
import { isLiteralSecretCandidate } from '../../src/lib/placeholders.js';

/** The rule's context: it reports the messages `text` and `config`. */
type Context = RuleContext<'text' | 'config'>;

/**
 * Literal credentials where OpenClaw reads them, whatever their shape (a gateway password need not look random):
 *   - in OpenClaw config (parsed): the secret-bearing paths of rules/_shared/secret-names.ts (`gateway.auth.token`,
 *     `gateway.remote.token`, `hooks.token`, channel tokens, provider `apiKey`, `env.vars`, …);
 *   - in every other text file (dotenv, compose `environment:`, shell, Dockerfiles, docs): `OPENCLAW_GATEWAY_TOKEN` /
 *     `OPENCLAW_GATEWAY_PASSWORD` (and the ≤3.x `CLAWDBOT_` aliases) assigned a value;
 *   - `gateway … --token X` / `--password X` on a command line in compose, Dockerfiles, scripts and unit files
 *     (CLI flags override the config, and `openclaw security audit` reads only the config).
 * Not reported: references (`${VAR}`, `op://`, SecretRef objects, which are not strings), placeholders (the published
 * OpenClaw `change-me…` strings, `<token>`, `your_token_here`), and values that are a known provider token: the
 * provider rule reports those, with the right rotation advice (precedence in docs/secrets-engines.md).
 */
const ENV_ASSIGNMENT = /(?<![A-Za-z0-9_{$])(?:OPENCLAW|CLAWDBOT)_GATEWAY_(?:TOKEN|PASSWORD)(?![A-Za-z0-9_])["']?[ \t]*(=|:)[ \t]*/g;
const STRUCTURED_TEXT = /\.(ya?ml|json5?|toml|[cm]?[jt]s|py|go|rb)$/i;
/** Source files: a literal is quoted there, a bare value is code (`process.env.OPENCLAW_GATEWAY_TOKEN = prev`). */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rb|java|kts?|cs|rs|php|swift|scala|c|cc|cpp|h|hpp|dart|lua|ex|exs)$/i;
/** `openclaw gateway … --token X` / `--password X`, shell form or exec-form array (`"--token", "X"`). */
const GATEWAY_FLAG = /--(token|password)(?:=|[ \t]+|["'][ \t]*,[ \t]*)/g;
/** Where command lines are configuration, not documentation: compose, Dockerfiles, scripts, units, YAML. */
const COMMAND_FILE = /\.(sh|bash|zsh|ya?ml|service|conf|env)$|(^|\/)(Dockerfile|Containerfile|entrypoint)[^/]*$/i;

function reportLiteral(target: TextTarget, ctx: Context, start: number, end: number, value: string, what: string, where: string): void {
  ctx.report({
    at: at.range(start, end),
    messageId: 'text',
    data: { what, where, file: target.file },
    severity: 'critical',
    secret: value,
  });
}

/**
 * Lower-case words only, maybe numbered (`jouw-token`, `from-env`, `launchd-pass`, `token-123`, `pw`): what docs and
 * tests write where a token goes, in any language of OpenClaw's translated docs. Real gateway tokens are generated
 * (hex, base64) or chosen by a person; a value with a digit inside a word, a capital or a space
 * (`hunter2-but-longer`, `cloudclawd2Token…`) is reported. gitleaks' stopwords are NOT applied here: a person's
 * gateway token often contains `token` (seen in a real deployment repository).
 */
const WORDS_ONLY = /^[a-z]+(?:[-_](?:[a-z]+|[0-9]{1,4}))*$/;
/** A sed or grep pattern (`.*`, `\1`) where a value would be: a script that edits the file, not a value. */
const PATTERN_LIKE = /\.\*|\\|\[\^/;

function isLiteral(value: string, ctx: Context): boolean {
  if (WORDS_ONLY.test(value) || PATTERN_LIKE.test(value)) return false;
  return isLiteralSecretCandidate(value) && !containsExpansion(value) && !ctx.tokens.mentionsKeyword(value) && !ctx.tokens.holds(value);
}

/** Whether a file may pass the gateway a flag with a value: `gateway --token <literal>` (`checkFlags`). */
function mayHaveFlags(target: TextTarget): boolean {
  if (!(target.fileKind === 'compose' || target.fileKind === 'dockerfile' || COMMAND_FILE.test(target.file))) return false;
  return target.text.includes('gateway') && /--(token|password)/.test(target.text);
}

/** Whether a file may assign an OpenClaw credential variable (the second half of `checkFlagsAndAssignments`). */
const mayAssign = (target: TextTarget) => target.text.includes('GATEWAY_TOKEN') || target.text.includes('GATEWAY_PASSWORD');

/** `gateway --token <literal>` in a compose `command:`, a Dockerfile `CMD`, a script or a unit file. */
function checkFlags(target: TextTarget, ctx: Context): void {
  if (!mayHaveFlags(target)) return;
  const lineStart = lineStartCursor(target.text);
  // `gateway` words in order, consumed up to each flag: the last one before the flag must be on the flag's line.
  // (Testing the line up to each flag instead would be quadratic on a long line of flags.)
  const words = target.text.matchAll(/\bgateway\b/g);
  let word = words.next();
  let lastWord = -1;
  for (const m of target.text.matchAll(GATEWAY_FLAG)) {
    while (!word.done && word.value.index + 'gateway'.length <= m.index) {
      lastWord = word.value.index;
      word = words.next();
    }
    if (lastWord < lineStart(m.index)) continue;
    const v = readValue(target.text, m.index + m[0].length);
    // A flag's value shorter than 8 is prose about the flag (`Per --token CLI flag`), not a credential.
    if (!v || v.value.length < 8 || v.value.startsWith('-') || !isLiteral(v.value, ctx)) continue;
    reportLiteral(target, ctx, v.start, v.end, v.value, m[1] === 'password' ? 'gateway password' : 'gateway token', `--${m[1]}`);
  }
}

/** dotenv and compose `- KEY=value` take the rest of the line unquoted (`correct horse battery staple`), up to ` #`. */
function restOfLine(text: string, start: number): AssignedValue {
  // Reads no further than the value's end (the first newline or ` #`), so the cost is the value's length.
  const stop = /\n|[ \t]#/g;
  stop.lastIndex = start;
  let end = stop.exec(text)?.index ?? text.length;
  while (end > start && /[ \t\r]/.test(text[end - 1] ?? '')) end--;
  return { value: text.slice(start, end), start, end, quoted: false };
}

/**
 * A text file: synchronous, and nothing allocated, when it has neither a gateway flag nor a credential variable
 * (nearly every file; every file goes through this rule).
 */
function checkText(target: TextTarget, ctx: Context): void {
  if (target.fileKind === 'openclaw' || !(mayHaveFlags(target) || mayAssign(target))) return;
  checkFlagsAndAssignments(target, ctx);
}

function checkFlagsAndAssignments(target: TextTarget, ctx: Context): void {
  checkFlags(target, ctx);
  if (!mayAssign(target)) return;
  const lineStart = lineStartCursor(target.text);
  /** End of the last rest-of-line value: a name inside it is part of that value, not an assignment of its own. */
  let valueEnd = 0;
  for (const m of target.text.matchAll(ENV_ASSIGNMENT)) {
    if (m.index < valueEnd) continue;
    const name = m[0].replace(/["'\s=:]/g, '');
    let v = readValue(target.text, m.index + m[0].length);
    if (!v || !OPENCLAW_SECRET_ENV.has(name)) continue;
    // In a comment, `NAME: words` is documentation; `# NAME=value` may be a commented-out real value (one word).
    const comment = /^[ \t]*(#|\/\/)/.test(target.text.slice(lineStart(m.index), m.index));
    if (comment && m[1] === ':') continue;
    if (!comment && !v.quoted && (target.fileKind === 'compose' || target.fileKind === 'dotenv')) {
      v = restOfLine(target.text, v.start);
      valueEnd = v.end;
    }
    // `NAME: value` in prose ("OPENCLAW_GATEWAY_TOKEN: required") is not an assignment; in compose/YAML/code it is.
    if (m[1] === ':' && !v.quoted && target.fileKind !== 'compose' && target.fileKind !== 'dotenv' && !STRUCTURED_TEXT.test(target.file)) continue;
    if (!v.quoted && CODE_FILE.test(target.file)) continue;
    if (!isLiteral(v.value, ctx)) continue;
    reportLiteral(target, ctx, v.start, v.end, v.value, name.endsWith('PASSWORD') ? 'gateway password' : 'gateway token', name);
  }
}

/** A parsed config: every literal at a secret path. */
function checkConfig(target: OpenClawTarget, ctx: Context): void {
  const found: { path: (string | number)[]; value: string }[] = [];
  walkStrings(target.value, (path, value) => {
    if (openclawSecretPath(path) && isLiteralSecretCandidate(value) && !containsExpansion(value)) found.push({ path, value });
  });
  for (const { path, value } of found) {
    if (!isLiteral(value, ctx)) continue;
    const sp = openclawSecretPath(path);
    if (!sp) continue;
    ctx.report({
      at: at.path(path, { part: 'value' }),
      messageId: 'config',
      data: { what: sp.what, path: path.join('.'), file: target.file },
      severity: sp.severity,
      secret: value,
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
  messages: {
    text: 'Literal OpenClaw {{what}} ({{where}}) in {{file}}: anyone who reads it can operate your agent. Rotate it and pass it from an untracked .env or a secret manager.',
    config: 'Literal OpenClaw {{what}} at `{{path}}` in {{file}}: rotate it and replace it with `${ENV_VAR}` or a SecretRef.',
  },
  // A value holding a provider token is the provider rule's, in the OpenClaw config too.
  usesTokens: true,
  check(target, ctx) {
    if (target.kind === 'text') checkText(target, ctx);
    else checkConfig(target, ctx);
  },
});
