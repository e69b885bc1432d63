import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE, DIGITS } from '../_shared/token-samples.js';

/**
 * Classic `ghp_/gho_/ghu_/ghs_/ghr_` + 36, fine-grained `github_pat_` + 82, and the 2026 `ghs_<AppID>_<JWT>`
 * installation-token format that gitleaks and trufflehog miss (secretlint has it). Ours, not secretlint's: its
 * installation-token pattern (`[…]{1,1000}\.[…]{1,10000}\.[…]{1,1000}` after `ghs_<id>_`) is super-linear (recheck:
 * 4th-degree polynomial on `ghs_0_` repeated), and it would run on every file that mentions `ghs_`. Here the JWT is
 * anchored on its `eyJ` header and its dot-separated parts are optional and unambiguous, so the match never
 * backtracks. Entropy floor 3: gitleaks' GitHub rules.
 */
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
  token: {
    describe: 'GitHub token',
    action: 'revoke it at github.com/settings/tokens (or the app / OAuth app settings)',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    minEntropy: 3.0,
    pattern:
      /(?<![A-Za-z0-9_])(?<secret>ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{8,1000}(?:\.[A-Za-z0-9_-]{1,4000}){0,2}|(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}(?![A-Za-z0-9_])|github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_]))/g,
    samples: {
      true: [(r) => `ghp_${r.alnum(36)}`, (r) => `github_pat_${r.alnum(22)}_${r.alnum(59)}`, (r) => `ghs_${r.of(DIGITS, 7)}_eyJ${r.of(URLSAFE, 40)}.${r.of(URLSAFE, 60)}.${r.of(URLSAFE, 43)}`],
      false: [(r) => `ghp_${r.alnum(30)}`, `ghp_${'x'.repeat(36)}`],
    },
  },
  check: reportTokens,
});
