import { defineRule } from '../../src/model/rule.js';
import { isPlaceholder } from '../../src/lib/placeholders.js';
import { containsExpansion, isReference } from '../../src/lib/variables.js';
import { reportTokens } from '../_shared/tokens.js';

/**
 * A password written into a database or broker URL: `postgres://user:PASSWORD@host`, `redis://:PASSWORD@host`,
 * `mongodb+srv://…`, `mysql://`, `amqp://` (RFC 3986 userinfo; the schemes OpenClaw's memory, queue and
 * deployment tooling use, and SQLAlchemy's `postgresql+psycopg://`). The secret is the password alone. Not reported:
 * a reference (`${DB_PASSWORD}`, `$PASS`, `%(pw)s`), a placeholder (`<password>`, `changeme`, `***`) or a
 * well-known default that documentation writes (`postgres`, `password`, `guest`, `root`, …): those are not a
 * secret anyone can leak.
 */
const DEFAULTS = /^(?:pass(?:word|wd)?|postgres|root|admin|guest|secret|test|user|mysql|redis|mongo|mongodb|rabbitmq|default|demo|dev|local|example)$/i;

function isLiteralPassword(secret: string): boolean {
  let pw = secret;
  try {
    pw = decodeURIComponent(secret);
  } catch {
    // not percent-encoded: as written
  }
  return pw.length >= 4 && !DEFAULTS.test(pw) && !isReference(pw) && !containsExpansion(pw) && !pw.includes('$') && !/^[*x.]+$/i.test(pw) && !isPlaceholder(pw) && !/^%\(|^\{|^<|\{\{/.test(pw);
}

export default defineRule({
  id: 'secrets.connection_string_password',
  title: 'Password in a connection string',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A database or broker URL with its password written in (`DATABASE_URL=postgres://app:…@db:5432/app`, `REDIS_URL=redis://:…@redis:6379`): whoever reads the repository can connect as that user wherever the server is reachable, and a `.env` holding one holds a secret.',
  remediation:
    'Change the password at the server. Keep the URL\'s password out of the file: compose `environment: DATABASE_URL: postgres://app:${DB_PASSWORD}@db/app` with `DB_PASSWORD` from an untracked `.env` or a secret store.',
  references: ['https://cwe.mitre.org/data/definitions/798.html', 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS'],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'Password in a connection string',
    action: 'change the password at the server and build the URL from the environment (`${DB_PASSWORD}`)',
    keywords: ['postgres://', 'postgresql://', 'postgresql+', 'postgres+', 'mysql://', 'mysql+', 'mariadb://', 'redis://', 'rediss://', 'mongodb://', 'mongodb+srv://', 'amqp://', 'amqps://', 'mssql://', 'sqlserver://'],
    lookbehind: 20,
    pattern:
      /(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|rediss?|mongodb|amqps?|mssql|sqlserver)(?:\+[a-z0-9]{1,20})?:\/\/[^\s:@/"'`<>]{0,100}:(?<secret>[^\s@/"'`<>]{1,200})@(?=[A-Za-z0-9.[_-])/g,
    accept: isLiteralPassword,
    samples: {
      true: [(r) => `postgres://app:${r.alnum(20)}@db:5432/app`, (r) => `redis://:${r.alnum(24)}@redis:6379/0`],
      false: ['postgres://app:${DB_PASSWORD}@db:5432/app', 'redis://:password@redis:6379', 'mongodb+srv://user:<password>@cluster0.example.net/'],
    },
  },
  check: reportTokens,
});
