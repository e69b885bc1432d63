/**
 * What looks like a secret by its name, and which literal values are not secrets (shared by compose and Dockerfile
 * rules). An access key *id* (`AWS_ACCESS_KEY_ID`, MinIO/SeaweedFS `S3_ACCESS_KEY`) names an account, like a user
 * name; its secret half (`*_SECRET_KEY`, `*_SECRET_ACCESS_KEY`) is the secret. Judged on the real-world corpus.
 */
import { isReference } from '../../src/lib/variables.js';

const SECRET_WORD = /(^|[_.-])(PASS(WORD|WD|PHRASE)?|PWD|SECRETS?|TOKEN|API[_-]?KEY|APIKEY|PRIVATE[_-]?KEY|SECRET[_-]?KEY|SECRET[_-]?ACCESS[_-]?KEY|AUTH[_-]?KEY|CLIENT[_-]?SECRET|CREDENTIALS?|SESSION[_-]?KEY|COOKIE|SIGNING[_-]?KEY|ENCRYPTION[_-]?KEY|MASTER[_-]?KEY|WEBHOOK[_-]?SECRET)([_.-]|$)/i;
/** Names that mention a secret but hold something else: where it is, how long it lives, whether it is on. */
const NOT_A_SECRET = /([_.-](FILE|PATH|DIR|URL|URI|HOST|PORT|NAME|USER|USERNAME|ID|ENABLED|DISABLED|REQUIRED|TYPE|MODE|LENGTH|TTL|EXPIRY|EXPIRES|EXPIRATION|LIFETIME|ALGORITHM|ALG|HEADER|ENDPOINT|HASH|POLICY|ROTATION|ENV|VAR|SOURCE|PROVIDER|AUDIENCE|ISSUER|SCOPE|SCOPES|COUNT|LIMIT|MIN|MAX|PREFIX|REF|VERSION)$)|^(AUTH[_-]?METHOD|TOKEN[_-]?TYPE)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_WORD.test(name) && !NOT_A_SECRET.test(name);
}

/**
 * A literal that could be a secret: at least 4 characters, not a reference (`${X}`, `/run/secrets/…`, a vault URI),
 * not a boolean, not an obvious "fill me in" marker (`<token>`, `your-token-here`, `xxx`). A number is a secret
 * when the name says so (`PASSWORD: 1234`): counts and durations are told apart by name (`*_TTL`, `*_LIMIT`).
 */
export function isLiteralSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 4 || isReference(v) || /\$\{?[A-Za-z_]/.test(v)) return false;
  if (/^(true|false|yes|no|on|off|null|none|undefined|disabled?|enabled?|required|optional)$/i.test(v)) return false;
  if (/^<[^>]*>$|^\[[^\]]*\]$|^your[-_ ]|[-_ ]here$|^x{3,}$|^\*{3,}$|^\.{3}$/i.test(v)) return false;
  if (/^(\/|\.\/|~\/)[\w./-]*$/.test(v)) return false; // a path: where the secret is, not the secret
  return true;
}

/** Publicly known or guessable passwords: a deployment that runs with one is open to anyone who tries it. */
const WEAK = /^(change[-_ ]?me|change[-_ ]?it|changeme\d*|change[-_]me[-_].*|password\d*|passw0rd|pass|admin\d*|secret\d*|root|toor|test\d*|demo|example|default|guest|letmein|qwerty|postgres|mysql|redis|mongo|123456\d*|12345678|1234|0000|token|mytoken|mysecret(password)?|mypassword|supersecret|s3cr3t)$/i;

export function isWeakSecret(value: string): boolean {
  return WEAK.test(value.trim());
}

/** Looks randomly generated (a real credential), rather than a word someone typed. */
export function looksRandom(value: string): boolean {
  const v = value.trim();
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
  return v.length >= 16 && classes >= 2 && !/\s/.test(v);
}
