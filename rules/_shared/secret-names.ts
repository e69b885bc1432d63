/**
 * Which names hold secrets: the identifier test of `secrets.generic`, and the OpenClaw secret-bearing paths and
 * environment variables of `secrets.openclaw_gateway_token`. Both rules read this one module, so they agree on who
 * reports what (precedence: provider token rule > openclaw_gateway_token > generic; docs/secrets-engines.md).
 */
import type { PathSegment } from '../../src/model/location.js';

/**
 * gitleaks' generic-api-key identifiers (`access|auth|api|credential|creds|key|passw(or)d|secret|token`, secret-
 * scanners.md §1.3) plus detect-secrets' `pwd` (§3.1), matched as whole words of the identifier.
 */
const TRIGGERS = new Set(['access', 'auth', 'api', 'credential', 'credentials', 'creds', 'password', 'passwd', 'pwd', 'secret', 'secrets', 'token', 'tokens', 'passphrase']);
/**
 * `key` alone names lookup keys as often as credentials (`asset_key`, `job_key`, `TWOFA_METHOD_KEY`): it counts only
 * after one of detect-secrets' qualifiers (`api_?key, auth_?key, service_?key, account_?key, db_?key, database_?key,
 * priv_?key, private_?key, client_?key`, ref §3.1) or one of gitleaks' identifiers (`secret_key`, `access_key`).
 */
const KEY_QUALIFIERS = new Set(['api', 'auth', 'service', 'account', 'db', 'database', 'priv', 'private', 'client', 'secret', 'access', 'token', 'credential']);
/** Lower-case compounds that word splitting cannot separate (`apikey`, `authtoken`). */
const COMPOUNDS = /^(api|access|secret|private|auth|client|master|signing|encryption|encrypt|app|bot|service|account|db|database|admin)(key|token|secret|password|passwd|pwd)$/;
/**
 * gitleaks' benign identifiers (allowlist 2: `public_key`, `primary_key`, `csrf_token`, `public_token`, `key_name`,
 * `key_file`, `token_url`, `secret_name`, `api_version`, `access_id`, `author`, …) as word rules: a benign qualifier
 * anywhere, or a benign last word.
 */
const BENIGN_WORDS = new Set([
  // a name that says its value is not a credential: hashes of secrets (detect-secrets baselines), declared fakes
  'hashed', 'sha1', 'sha256', 'sha512', 'md5', 'fake', 'dummy', 'mock', 'example', 'sample',
  'public', 'primary', 'foreign', 'csrf', 'xsrf', 'sort', 'partition', 'cache', 'idempotency', 'pagination', 'page', 'next', 'continuation', 'cursor', 'max', 'min', 'num', 'count', 'hotkey']);
const BENIGN_LAST = new Set([
  'name', 'names', 'id', 'ids', 'file', 'files', 'path', 'paths', 'dir', 'url', 'uri', 'endpoint', 'type', 'types', 'length', 'len', 'size',
  'version', 'prefix', 'header', 'field', 'env', 'var', 'ref', 'source', 'provider', 'mode', 'format', 'algorithm', 'alg', 'count', 'limit',
  'timeout', 'ttl', 'expiry', 'expires', 'enabled', 'required', 'policy', 'location', 'label', 'description', 'pattern', 'index', 'level', 'scope', 'scopes',
  'domain', 'host', 'hostname', 'server', 'region', 'bucket', 'user', 'username', 'email', 'issuer', 'audience', 'method', 'strategy', 'handler',
  'module', 'class', 'callback', 'redirect', 'store', 'manager', 'rotation', 'address', 'hash', 'digest', 'fingerprint', 'checksum',
]);

/** `OPENCLAW_GATEWAY_TOKEN` → [openclaw, gateway, token]; `botToken` → [bot, token]; `x-api-key` → [x, api, key]. */
export function nameWords(name: string): string[] {
  // One pass over the characters (no regex backtracking): a word ends at a separator, before a capital that follows a
  // lower-case letter or a digit, before a digit that follows a letter, and inside a capital run before its last
  // capital when a lower-case letter follows (`APIKey` → api, key).
  const words: string[] = [];
  let cur = '';
  const kind = (c: string) => (c >= 'a' && c <= 'z' ? 'l' : c >= 'A' && c <= 'Z' ? 'u' : c >= '0' && c <= '9' ? 'd' : 's');
  for (let i = 0; i < name.length; i++) {
    const c = name[i] ?? '';
    const k = kind(c);
    if (k === 's') {
      if (cur) words.push(cur);
      cur = '';
      continue;
    }
    const prev = kind(name[i - 1] ?? ' ');
    const next = kind(name[i + 1] ?? ' ');
    const split = cur !== '' && (((prev === 'l' || prev === 'd') && k === 'u') || ((prev === 'l' || prev === 'u') && k === 'd') || (prev === 'u' && k === 'u' && next === 'l'));
    if (split) {
      words.push(cur);
      cur = '';
    }
    cur += c.toLowerCase();
  }
  if (cur) words.push(cur);
  return words;
}

/** A name whose value is a secret by convention (`API_KEY`, `botToken`, `db.password`), not a benign look-alike. */
export function isSecretLikeName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || BENIGN_LAST.has(last) || words.some((w) => BENIGN_WORDS.has(w))) return false;
  return words.some((w, i) => TRIGGERS.has(w) || COMPOUNDS.test(w) || ((w === 'key' || w === 'keys') && KEY_QUALIFIERS.has(words[i - 1] ?? '')));
}

/** detect-secrets' `is_likely_id_string`: the name ends in an id (`(^(id|myid|userid)|_id)s?[^a-z0-9]`, ref §3.4). */
export function isLikelyIdName(name: string): boolean {
  return /(^(id|myid|userid)|_id)s?([^a-z0-9]|$)/i.test(name);
}

/** Environment variables OpenClaw reads as its gateway credentials, with the `CLAWDBOT_` aliases 2026.3.x still honoured. */
export const OPENCLAW_SECRET_ENV: ReadonlySet<string> = new Set(['OPENCLAW_GATEWAY_TOKEN', 'OPENCLAW_GATEWAY_PASSWORD', 'CLAWDBOT_GATEWAY_TOKEN', 'CLAWDBOT_GATEWAY_PASSWORD']);

/** Secret fields of a channel, also under `channels.<id>.accounts.<account>.` (OpenClaw's SecretRef credential surface, `docs/reference/secretref-credential-surface.md`). */
const CHANNEL_SECRETS = new Set([
  'botToken', 'webhookSecret', 'token', 'appToken', 'userToken', 'signingSecret', 'appSecret', 'encryptKey', 'verificationToken',
  'accessToken', 'password', 'appPassword', 'authToken', 'privateKey', 'clientSecret', 'serviceAccount',
]);

export interface OpenClawSecretPath {
  /** What the value is, for messages: "gateway token". */
  what: string;
  severity: 'critical' | 'high';
}

const str = (s: PathSegment | undefined) => (typeof s === 'string' ? s : undefined);

/**
 * Whether a path of the OpenClaw config holds a credential (OpenClaw's SecretRef credential surface,
 * `hooks.token`, and `env.vars`), and what it is. Returns undefined for every other path.
 */
export function openclawSecretPath(path: readonly PathSegment[]): OpenClawSecretPath | undefined {
  const p = path.map((s) => String(s));
  const j = p.join('.');
  if (j === 'gateway.auth.token' || j === 'gateway.remote.token') return { what: 'gateway token', severity: 'critical' };
  if (j === 'gateway.auth.password' || j === 'gateway.remote.password') return { what: 'gateway password', severity: 'critical' };
  if (j === 'hooks.token') return { what: 'hooks token', severity: 'high' };
  if (j === 'hooks.gmail.pushToken' || j === 'cron.webhookToken') return { what: 'webhook token', severity: 'high' };
  if (j === 'gateway.controlUi.github.token') return { what: 'GitHub token', severity: 'high' };
  if (p[0] === 'models' && p[1] === 'providers' && p.length === 4 && p[3] === 'apiKey') return { what: `model provider API key (${p[2]})`, severity: 'high' };
  if (p[0] === 'models' && p[1] === 'providers' && p.length === 5 && p[3] === 'headers' && isSecretLikeName(p[4] ?? '') ) return { what: `model provider header (${p[2]})`, severity: 'high' };
  if (p[0] === 'models' && p[1] === 'providers' && p[3] === 'request' && isSecretLikeName(p[p.length - 1] ?? '')) return { what: `model provider credential (${p[2]})`, severity: 'high' };
  if (j === 'memory.search.remote.apiKey' || (p[0] === 'agents' && p[1] === 'entries' && p.slice(3).join('.') === 'memory.search.remote.apiKey')) return { what: 'memory search API key', severity: 'high' };
  if ((p[0] === 'skills' && p[1] === 'entries' && p.length === 4 && p[3] === 'apiKey') || (p[0] === 'talk' && p[1] === 'providers' && p.length === 4 && p[3] === 'apiKey')) return { what: `${p[0]} API key (${p[2]})`, severity: 'high' };
  if (p[0] === 'plugins' && p[1] === 'entries' && p[3] === 'config' && p.length > 4 && isSecretLikeName(p[p.length - 1] ?? '')) return { what: `plugin credential (${p[2]})`, severity: 'high' };
  if (p[0] === 'channels' && p.length >= 3) {
    const leaf = str(path[path.length - 1]);
    const direct = p.length === 3;
    const account = p.length === 5 && p[2] === 'accounts';
    if (leaf && (direct || account) && CHANNEL_SECRETS.has(leaf)) return { what: `${p[1]} channel ${leaf}`, severity: 'high' };
  }
  if (p[0] === 'env' && ((p.length === 3 && p[1] === 'vars') || (p.length === 2 && /^[A-Z][A-Z0-9_]*$/.test(p[1] ?? ''))) && isSecretLikeName(p[p.length - 1] ?? '')) {
    const name = p[p.length - 1] ?? '';
    return OPENCLAW_SECRET_ENV.has(name) ? { what: 'gateway credential (env)', severity: 'critical' } : { what: `environment secret ${name}`, severity: 'high' };
  }
  return undefined;
}
