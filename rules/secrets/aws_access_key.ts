import { defineRule } from '../../src/model/rule.js';
import { reportTokens, tokenSpec } from '../_shared/tokens.js';

/**
 * Served by secretlint's `@secretlint/secretlint-rule-aws` with `enableIDScanRule`: access key ids, and the 40-character
 * secret access key when it is assigned to an `AWS_SECRET_ACCESS_KEY`-style name (the key next to its id). secretlint's
 * id pattern also matches unique ids that are not credentials (`AIDA` users, `AROA` roles, …): only `AKIA` (long-term),
 * `ASIA` (temporary), `ABIA` and `ACCA` keys are kept, as gitleaks does. AWS's documented example keys are dropped by the
 * shared placeholder filter (`EXAMPLE`). secretlint's secret-key range bug is corrected in rules/_shared/secretlint.ts.
 */
const SPEC = tokenSpec({
  ruleId: 'secrets.aws_access_key',
  describe: 'AWS access key',
  action: 'deactivate and delete it in IAM (Security credentials) and use a role or the environment instead',
  keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'SECRET_ACCESS_KEY', 'secret_access_key', 'SecretAccessKey', 'secretAccessKey', 'Secret_Access_Key', 'SECRETACCESSKEY', 'secretaccesskey'],
  minEntropy: 3.0,
  accept: (secret) => secret.length === 40 || /^(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/.test(secret),
  secretlint: { rule: '@secretlint/secretlint-rule-aws', messageIds: ['AWSAccessKeyID', 'AWSSecretAccessKey'], options: { enableIDScanRule: true } },
});

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
  async check(target, ctx) {
    await reportTokens(SPEC, target, ctx);
  },
});
