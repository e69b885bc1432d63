import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { BASE32, BASE64 } from '../_shared/token-samples.js';

/**
 * Ours, not secretlint's, although the recommended preset has an AWS rule: measured on the corpus it found 3 of 14
 * (docs/secrets-engines.md). Its access-key-id scan is off by default and, when on, also flags ids that are not
 * credentials (`AIDA` users, `AROA` roles); its secret-key pattern ends in `\b`, so a key ending in `+`, `/` or `=`
 * (about 1 in 20) is missed; and its range for the secret key starts at the name.
 *   - access key id: `AKIA` (long-term), `ASIA` (temporary), `ABIA`, `ACCA` + 16 base32 characters (gitleaks);
 *   - secret access key: 40 base64 characters assigned to an `AWS_SECRET_ACCESS_KEY`-style name (the key next to its
 *     id; without the name a 40-character string is not recognisably AWS's).
 * AWS's documented example keys are dropped by the shared placeholder filter (`EXAMPLE`). Entropy floor 3: gitleaks.
 */
export default defineRule({
  id: 'secrets.aws_access_key',
  title: 'AWS access key',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'An AWS access key id (`AKIA…`, `ASIA…`) with its secret access key signs API requests as the IAM user or role: depending on its policies, anyone who reads them can run up compute bills, read S3 data or take over the account.',
  remediation:
    'In IAM → Users → Security credentials, deactivate the key, check CloudTrail for its use, then delete it. Run OpenClaw on AWS with an instance or task role instead of static keys; where a key is unavoidable, pass `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` from an untracked `.env` or a secret manager.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'AWS access key',
    action: 'deactivate and delete it in IAM (Security credentials) and use a role or the environment instead',
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'SECRET_ACCESS_KEY', 'secret_access_key', 'SecretAccessKey', 'secretAccessKey', 'Secret_Access_Key', 'SECRETACCESSKEY', 'secretaccesskey'],
    lookbehind: 8,
    minEntropy: 3.0,
    pattern:
      /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])|(?<![A-Za-z0-9])(?:aws_?|AWS_?|Aws_?)?(?:secret|SECRET|Secret)_?(?:access|ACCESS|Access)_?(?:key|KEY|Key)["']?[ \t]*(?::|=>|=)[ \t]*["']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/g,
    samples: {
      true: [(r) => `AKIA${r.of(BASE32, 16)}`, (r) => `ASIA${r.of(BASE32, 16)}`, (r) => `aws_secret_access_key = ${r.of(BASE64, 40)}`],
      false: ['AKIAIOSFODNN7EXAMPLE', `AKIA${'A'.repeat(16)}`, (r) => `AKIA${r.of(BASE32, 12)}`],
    },
  },
  check: reportTokens,
});
