import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import type { RuleContext } from '../../src/model/rule.js';
import type { OpenClawTarget, TextTarget } from '../../src/model/target.js';
import { readValue, walkStrings } from '../_shared/assignments.js';
import { isHighEntropy } from '../../src/lib/entropy.js';
import { isLikelyIdName, isSecretLikeName, OPENCLAW_SECRET_ENV, openclawSecretPath } from '../_shared/secret-names.js';
import type { FileTokens, TokenMatch } from '../../src/model/token.js';
import { containsExpansion, isReference } from '../../src/lib/variables.js';
import { joinJsonStrings } from '../../src/lib/json-strings.js';
import { isPlaceholder, namesItself } from '../../src/lib/placeholders.js';

/**
 * A high-entropy value assigned to a secret-like name, in any syntax that writes `name = value` / `name: value`
 * (dotenv, YAML, JSON/JSON5, shell, TOML, code). Every threshold is an incumbent's, not ours (gitleaks' `generic-api-key`
 * rule and detect-secrets' keyword and high-entropy plugins; docs/secrets-engines.md):
 *   - names: gitleaks' generic identifiers + detect-secrets' `pwd`, minus gitleaks' benign identifiers (secret-names.ts);
 *   - value: gitleaks' `[\w.=+/-]{10,150}`, must contain a digit (gitleaks allowlist 1);
 *   - entropy: > 3.5 (gitleaks), > 3.0 for hex strings (detect-secrets, all-digit correction included);
 *   - dropped: references and templates, placeholders and stopwords (gitleaks' `token`, `admin`, … as substrings), UUIDs
 *     and UUID prefixes (detect-secrets `is_potential_uuid`), paths (gitleaks' path allowlist; also `a/b` values with
 *     at most two digits: model ids such as `minimax-portal/MiniMax-M3`), version strings, lower-case word slugs
 *     (`personal-access-token123`), values that name themselves (`secret`, `passw`, `fake` inside), literals split
 *     with `+`, names ending in an id (detect-secrets `is_likely_id_string`), and in source files any unquoted
 *     value, which is code, not a literal (detect-secrets requires quotes in py/js/java/go).
 * Precedence: a value that is (or holds) a provider token is left to that token's rule; the OpenClaw gateway
 * variables and the OpenClaw config's credential paths are left to `secrets.openclaw_gateway_token`.
 */
const KEYWORDS = /key|token|secret|passw|pwd|credential|creds|auth|api|access|passphrase/i;
/** An assignment operator followed by at least 10 characters of gitleaks' value class. */
const CANDIDATE = /(?::=|=>|\?=|=|:)[ \t]{0,5}["'`]?[\w.=+/-]{10}/g;
/** `[A-Za-z0-9_.-]`, by char code (this runs on every keyword hit of every file). */
function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}
const OPERATOR = /["']?[ \t]{0,3}(?:=>|:=|::=|\?=|=|:)[ \t]{0,5}/y;
const VALUE = /^[\w.=+/-]{10,150}$/;
const BEARER_VALUE = /^[\w.=+/~-]{10,400}$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Source files where a literal is quoted and a bare value is an identifier or expression (detect-secrets §3.1). */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rb|java|kts?|cs|rs|php|swift|scala|c|cc|cpp|h|hpp|dart|lua|ex|exs)$/i;

/**
 * `personal-access-token123`, `base64-encoded-public-key`, `BASE64_ENCODED_P8`, `memory_index_meta_v1`: words of one
 * case joined by `-`/`_`/`.`, each with at most a short number; names and descriptions, not random values. Two parts
 * count when one is a word of 3+ letters and the other a word or a number (`gateway-48213`, `session-v2`): a name
 * with a counter, whose entropy comes from its length, not from randomness.
 */
function isSlug(value: string): boolean {
  if (value !== value.toLowerCase() && value !== value.toUpperCase()) return false;
  const parts = value.toLowerCase().split(/[-_.]+/);
  const wordy = (p: string) => /^[a-z]+$/.test(p) || /^[a-z]*[0-9]{1,3}[a-z]*$/.test(p) || /^[0-9]{1,6}$/.test(p);
  if (parts.length === 2) return parts.some((p) => /^[a-z]{3,}$/.test(p)) && parts.every(wordy);
  return parts.length >= 3 && parts.every(wordy);
}

/**
 * The value tests shared by the text and the OpenClaw-config passes (`tokens`: the scan's, for provider markers).
 * `bearer`: the value of an `Authorization: Bearer` header, a credential whatever its shape: a UUID counts, and it may
 * be up to 400 characters (a LINE channel access token is 172).
 */
export function isGenericSecretValue(value: string, tokens: FileTokens, bearer = false): boolean {
  return (
    (bearer ? BEARER_VALUE : VALUE).test(value) &&
    /[0-9]/.test(value) &&
    // A UUID's entropy is capped by its hex alphabet and dashes: after `Bearer`, its shape is what says it is a key.
    (isHighEntropy(value) || (bearer && UUID.test(value))) &&
    !isReference(value) &&
    !containsExpansion(value) &&
    !isPlaceholder(value) &&
    !namesItself(value) &&
    !isSlug(value) &&
    (bearer || (!UUID.test(value) && !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(value))) &&
    !(value.includes('/') && (value.match(/[0-9]/g)?.length ?? 0) <= 2) &&
    !/^(\.{0,2}\/|~\/)/.test(value) &&
    !/\.(pem|key|crt|cer|pub|json|ya?ml|txt|env|p12|pfx|der|jks|html?|js|ts|png|svg)$/i.test(value) &&
    !/^v?\d+(\.\d+){1,3}([-+.][\w.]*)?$/.test(value) &&
    !/^0x[0-9a-fA-F]{40}$/.test(value) && // an Ethereum address: public (0x + 64 hex, a private key, is not excluded)
    !tokens.mentionsKeyword(value)
  );
}

const message = (name: string, file: string) =>
  `High-entropy value assigned to \`${name}\` in ${file}: if it is a credential, rotate it and load it from the environment or a secret manager.`;

/** Characters that may stand between the start of a line and a key (indentation, `- `, quotes, brackets). */
const BEFORE_KEY = /[\s\-"'{,([]/;

/**
 * Whether a key starts at `s`: only indentation, list dashes, quotes and brackets before it on its line, or right
 * after a `{` or `,` (an inline object), i.e. `/^[\s\-"'{,([]*$|[{,][ \t]*["']?$/` on the line up to `s`. Read
 * backwards from `s`, so it costs the characters next to the key, not the whole line up to it: testing the line
 * for every candidate was quadratic on a long line of `{db_password: …` (a minified file).
 */
function startsKey(text: string, s: number): boolean {
  let i = s;
  if (text[i - 1] === '"' || text[i - 1] === "'") i--;
  while (text[i - 1] === ' ' || text[i - 1] === '\t') i--;
  if (text[i - 1] === '{' || text[i - 1] === ',') return true;
  for (i = s; i > 0 && text[i - 1] !== '\n'; i--) if (!BEFORE_KEY.test(text[i - 1] ?? '')) return false;
  return true;
}

/** A text file, beside the tokens the detector found in it (`ctx.tokens`): a value holding one is that rule's. */
function checkText(target: TextTarget, ctx: RuleContext): void {
  if (target.fileKind === 'openclaw') return; // the parsed config is checked path by path below
  const tokens = ctx.tokens.all;
  checkTextWith(target, ctx, tokens);
  checkCodeDefaults(target, ctx, tokens);
  if (target.file.endsWith('.ipynb')) checkNotebook(target, ctx, tokens);
  if (target.file.endsWith('.tf')) checkTerraformDefaults(target, ctx, tokens);
}

function checkTextWith(target: TextTarget, ctx: RuleContext, tokens: readonly TokenMatch[]): void {
  const text = target.text;
  // One pass for what every candidate needs, an operator followed by 10+ value characters, then look back for the
  // name: cheaper than finding the (very frequent) name keywords in code first.
  CANDIDATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE.exec(text))) {
    CANDIDATE.lastIndex = m.index + 1;
    let e = m.index;
    for (let k = 0; k < 3 && (text[e - 1] === ' ' || text[e - 1] === '\t'); k++) e--;
    if (text[e - 1] === '"' || text[e - 1] === "'") e--;
    let s = e;
    while (s > 0 && isIdentChar(text.charCodeAt(s - 1))) s--;
    if (s === e || !KEYWORDS.test(text.slice(s, e))) continue;
    if (text.startsWith('${', s - 2)) continue; // `${NAME:-default}` is an expansion, not an assignment (`$token = …` in PowerShell is one)
    let ns = s;
    let ne = e;
    while (ns < ne && (text[ns] === '.' || text[ns] === '-')) ns++;
    while (ne > ns && (text[ne - 1] === '.' || text[ne - 1] === '-')) ne--;
    const name = text.slice(ns, ne);
    if (!isSecretLikeName(name) || isLikelyIdName(name) || OPENCLAW_SECRET_ENV.has(name)) continue;
    OPERATOR.lastIndex = e;
    const op = OPERATOR.exec(text);
    if (!op || text[e + op[0].length] === '=') continue;
    // `name: value` counts only where a key starts (YAML, JSON, object literals), not mid-sentence ("not a key: X").
    if (/:[ \t]*$/.test(op[0]) && !startsKey(text, s)) continue;
    const v = readValue(text, e + op[0].length, 151);
    if (!v || (!v.quoted && CODE_FILE.test(target.file)) || !isGenericSecretValue(v.value, ctx.tokens)) continue;
    // A literal split in two (`"N7xQ2mP9" + "T8wZ"`) is a fake kept away from scanners on purpose.
    if (v.quoted && /^["'`][ \t]*\+/.test(text.slice(v.end, v.end + 4))) continue;
    if (tokens.some((t) => t.start < v.end && v.start < t.end)) continue;
    ctx.report({ at: at.range(v.start, v.end), message: message(name, target.file), secret: v.value });
  }
}

/**
 * Literals that code writes with no `name = value` around them (issue 21): the default of `os.getenv("NAME", "…")` /
 * `os.environ.get(…)` and the value of `os.environ["NAME"] = "…"` (Python), of `process.env.NAME || "…"` / `?? "…"` (JavaScript), and the token of a
 * `-H "Authorization: Bearer …"` header (curl, httpie, fetch snippets). The name is the variable's (the header's is
 * always a credential); the value goes through the same tests as any other.
 */
const CODE_DEFAULTS: readonly RegExp[] = [
  /\b(?:os\.getenv|os\.environ\.get|getenv)\([ \t]{0,3}["'](?<name>[A-Za-z_][A-Za-z0-9_]{0,100})["'][ \t]{0,3},[ \t]{0,3}(?<value>["'][^"'\n]{10,160}["'])/g,
  /\bprocess\.env\.(?<name>[A-Za-z_][A-Za-z0-9_]{0,100})[ \t]{0,3}(?:\|\||\?\?)[ \t]{0,3}(?<value>["'`][^"'`\n]{10,160}["'`])/g,
  /\bos\.environ\[[ \t]{0,3}["'](?<name>[A-Za-z_][A-Za-z0-9_]{0,100})["'][ \t]{0,3}\][ \t]{0,3}=[ \t]{0,3}(?<value>["'][^"'\n]{10,160}["'])/g,
  /(?<name>Authorization):[ \t]{0,3}Bearer[ \t]{1,3}(?<value>[A-Za-z0-9._~+/=-]{10,400})(?![A-Za-z0-9._~+/=-])/gi,
];

function checkCodeDefaults(target: TextTarget, ctx: RuleContext, tokens: readonly TokenMatch[]): void {
  const text = target.text;
  if (!text.includes('getenv') && !text.includes('environ') && !text.includes('process.env') && !/authorization/i.test(text)) return;
  for (const re of CODE_DEFAULTS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const name = m.groups?.name ?? '';
      const raw = m.groups?.value ?? '';
      const quoted = /^["'`]/.test(raw);
      const value = quoted ? raw.slice(1, -1) : raw;
      const start = m.index + m[0].length - raw.length + (quoted ? 1 : 0);
      const end = start + value.length;
      // OpenClaw's own variables too: secrets.openclaw_gateway_token reads assignments, not these code defaults.
      if (name !== 'Authorization' && (!isSecretLikeName(name) || isLikelyIdName(name))) continue;
      if (!isGenericSecretValue(value, ctx.tokens, name === 'Authorization') || tokens.some((t) => t.start < end && start < t.end)) continue;
      ctx.report({ at: at.range(start, end), message: message(name, target.file), secret: value });
    }
  }
}

/**
 * Terraform: `variable "db_password" { … default = "…" }` assigns the value to `default`; the name that says what it
 * is, is the variable's. The block is read up to its first `}` (2,000 characters at most).
 */
const TF_VARIABLE = /\bvariable[ \t]{1,5}"(?<name>[A-Za-z_][A-Za-z0-9_-]{0,100})"[ \t]{0,5}\{/g;
const TF_DEFAULT = /\n[ \t]{0,20}default[ \t]{0,20}=[ \t]{0,20}"(?<value>[^"\n]{10,160})"/;

function checkTerraformDefaults(target: TextTarget, ctx: RuleContext, tokens: readonly TokenMatch[]): void {
  const text = target.text;
  TF_VARIABLE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TF_VARIABLE.exec(text))) {
    const name = m.groups?.name ?? '';
    if (!isSecretLikeName(name) || isLikelyIdName(name)) continue;
    const bodyStart = m.index + m[0].length;
    const close = text.indexOf('}', bodyStart);
    const body = text.slice(bodyStart, close < 0 ? bodyStart + 2000 : Math.min(close, bodyStart + 2000));
    const d = TF_DEFAULT.exec(body);
    const value = d?.groups?.value;
    if (!d || value === undefined) continue;
    const start = bodyStart + d.index + d[0].length - value.length - 1;
    const end = start + value.length;
    if (!isGenericSecretValue(value, ctx.tokens) || tokens.some((t) => t.start < end && start < t.end)) continue;
    ctx.report({ at: at.range(start, end), message: message(name, target.file), secret: value });
  }
}

/**
 * A notebook's cells as the code they hold: the JSON strings joined (src/lib/json-strings.ts) and checked like any
 * code, each finding mapped back to the JSON offsets. Token spans are mapped into the joined text the same way.
 */
function checkNotebook(target: TextTarget, ctx: RuleContext, tokens: readonly TokenMatch[]): void {
  const joined = joinJsonStrings(target.text, 1_000_000);
  const back = (i: number) => joined.offsets[i] ?? target.text.length;
  const inner: TextTarget = { ...target, file: target.file.replace(/\.ipynb$/, '.py'), text: joined.text };
  const mapped: RuleContext = {
    ...ctx,
    report: (r) => {
      if (r.at.kind !== 'range' || r.message === undefined) return;
      ctx.report({ at: at.range(back(r.at.start), back(r.at.end)), message: r.message.split(inner.file).join(target.file), ...(r.secret === undefined ? {} : { secret: r.secret }) });
    },
  };
  const near = tokens.map((t) => ({ ...t, start: joined.offsets.findIndex((o) => o >= t.start), end: joined.offsets.findIndex((o) => o >= t.end) }));
  checkTextWith(inner, mapped, near);
  checkCodeDefaults(inner, mapped, near);
}

function checkOpenClaw(target: OpenClawTarget, ctx: RuleContext, tokens: readonly string[]): void {
  walkStrings(target.value, (path, value) => {
    const leaf = path[path.length - 1];
    if (typeof leaf !== 'string' || !isSecretLikeName(leaf) || openclawSecretPath(path)) return;
    if (!isGenericSecretValue(value, ctx.tokens) || tokens.some((t) => value.includes(t))) return;
    ctx.report({ at: at.path(path, { part: 'value' }), message: message(path.join('.'), target.file), secret: value });
  });
}

export default defineRule({
  id: 'secrets.generic',
  title: 'High-entropy secret assigned to a secret-like name',
  severity: 'medium',
  appliesTo: ['text', 'openclaw'],
  description:
    'A random-looking value (high Shannon entropy, with digits) assigned to a name such as `api_key`, `client_secret`, `DB_PASSWORD` or `authToken` is most likely a credential of a service Gatewarden has no specific rule for. Committed, it is readable by everyone with access to the repository and its history.',
  remediation:
    'If the value is a credential, rotate it at its issuer, then load it from the environment (`${NAME}` from an untracked `.env`) or a secret manager. If it is not (a hash, a public id), suppress the finding with `# gatewarden-ignore secrets.generic -- <reason>` or a baseline.',
  references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://github.com/gitleaks/gitleaks/blob/master/cmd/generate/config/rules/generic.go'],
  tags: ['secrets', 'CWE-798'],
  precision: 'medium',
  // The OpenClaw config's tokens too: a provider key at a config path is its provider rule's.
  usesTokens: true,
  check(target, ctx) {
    if (target.kind === 'text') checkText(target, ctx);
    else checkOpenClaw(target, ctx, ctx.tokens.all.map((t) => t.secret));
  },
});
