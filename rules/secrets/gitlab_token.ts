import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE } from '../_shared/token-samples.js';

/**
 * GitLab tokens by their documented prefixes (https://docs.gitlab.com/security/tokens/#token-prefixes): personal,
 * project, group and impersonation tokens `glpat-`, OAuth application secrets `gloas-`, deploy tokens `gldt-`, runner
 * tokens `glrt-`/`glrtr-`, CI/CD job tokens `glcbt-`, pipeline trigger tokens `glptt-`, feed tokens `glft-`,
 * incoming mail tokens `glimt-`, agent tokens `glagent-`, SCIM tokens `glsoat-`, feature-flag client tokens `glffct-`,
 * workspace tokens `glwt-`. The body is 20 URL-safe characters in the long-standing format and longer in newer ones,
 * which may end in `.`-separated parts (a version and a checksum); it is bounded 20-300, each part 2-60. A
 * customised PAT prefix (an instance setting) is not recognised.
 */
export default defineRule({
  id: 'secrets.gitlab_token',
  title: 'GitLab token',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'A GitLab access token (`glpat-` personal, project or group token; `gldt-` deploy token; `glrt-` runner token; `gloas-` OAuth application secret; …) acts with its scopes on your GitLab instance: with `api` or `write_repository` it reads private code and pushes to it, including CI configuration that holds other secrets.',
  remediation:
    'Revoke the token where it was created (User settings → Access tokens, the project or group\'s Access tokens, Deploy tokens, the runner\'s page) or with the API; review the audit events for its use. Pass the new one as `${GITLAB_TOKEN}` from an untracked `.env` or a CI/CD variable (masked, protected).',
  references: ['https://docs.gitlab.com/security/tokens/', 'https://docs.gitlab.com/user/profile/personal_access_tokens/'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'GitLab token',
    action: 'revoke it in GitLab (Access tokens, Deploy tokens or the runner settings) and pass the new one from a CI/CD variable',
    keywords: ['glpat-', 'gloas-', 'gldt-', 'glrt-', 'glrtr-', 'glcbt-', 'glptt-', 'glft-', 'glimt-', 'glagent-', 'glsoat-', 'glffct-', 'glwt-'],
    minEntropy: 3.0,
    pattern: /(?<![A-Za-z0-9_-])(?<secret>gl(?:pat|oas|dt|rtr?|cbt|ptt|ft|imt|agent|soat|ffct|wt)-[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{2,60}){0,3})(?![A-Za-z0-9_-])/g,
    samples: {
      true: [(r) => `glpat-${r.of(URLSAFE, 20)}`, (r) => `gldt-${r.of(URLSAFE, 20)}`, (r) => `glrt-${r.of(URLSAFE, 20)}`, (r) => `glpat-${r.of(URLSAFE, 27)}.01.${r.hex(9)}`],
      false: [(r) => `glpat-${r.alnum(12)}`, `glpat-${'x'.repeat(20)}`, (r) => `xglpat-${r.alnum(20)}`],
    },
  },
  check: reportTokens,
});
