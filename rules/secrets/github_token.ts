import { defineRule } from '../../src/model/rule.js';
import { reportTokens, tokenSpec } from '../_shared/tokens.js';

/**
 * Classic `ghp_/gho_/ghu_/ghs_/ghr_` + 36, fine-grained `github_pat_` + 22 + `_` + 59, and the 2026
 * `ghs_<AppID>_<JWT>` installation-token format that gitleaks and trufflehog miss (docs/secrets-engines.md).
 * Our own pattern rather than secretlint's GitHub rule: secretlint's regex for the JWT form backtracks in
 * polynomial time on `ghs_0_ghs_0_…` (found by test/redos.test.ts), which a hostile pull request could use to
 * stall the scan. Anchoring the JWT on its `eyJ` header and keeping `.` out of the segment classes makes every
 * step deterministic. Entropy floor 3: gitleaks' GitHub rules.
 */
const SPEC = tokenSpec({
  ruleId: 'secrets.github_token',
  describe: 'GitHub token',
  action: 'revoke it at github.com/settings/tokens (or the app / OAuth app settings)',
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  pattern:
    /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}|ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{1,4000}\.[A-Za-z0-9_-]{1,1000})(?![A-Za-z0-9_-])/g,
  minEntropy: 3.0,
});

export default defineRule({
  id: 'secrets.github_token',
  title: 'GitHub token',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'A GitHub personal access token (`ghp_`, `github_pat_`), OAuth token (`gho_`), app token (`ghu_`, `ghs_`) or refresh token (`ghr_`) acts as its user or app: with `repo` scope it can read private code and push to it, including workflows that hold other secrets.',
  remediation:
    'Revoke the token at https://github.com/settings/tokens (app and OAuth tokens: in the app\'s settings; GitHub also revokes public leaks it finds). Review the account\'s security log for its use. Give OpenClaw a fine-grained token with the fewest scopes, passed as `${GITHUB_TOKEN}` from an untracked `.env`.',
  references: ['https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation', 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  async check(target, ctx) {
    await reportTokens(SPEC, target, ctx);
  },
});
