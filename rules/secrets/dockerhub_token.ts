import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE } from '../_shared/token-samples.js';

/**
 * Docker Hub access tokens: personal access tokens start with `dckr_pat_`
 * (https://docs.docker.com/security/for-developers/access-tokens/), organization access tokens with `dckr_oat_`
 * (https://docs.docker.com/enterprise/security/access-tokens/); the body is URL-safe base64, 27 characters in the
 * tokens seen, bounded 24-64 here. The prefix is the precision.
 */
export default defineRule({
  id: 'secrets.dockerhub_token',
  title: 'Docker Hub access token',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Docker Hub access token (`dckr_pat_…`, `dckr_oat_…`) logs in as its user or organization: with write access it pushes images under your repositories, so whoever pulls `your/openclaw-image:latest` runs what the holder pushed.',
  remediation:
    'Delete the token in Docker Hub (Account settings → Personal access tokens, or the organization\'s access tokens), review the repositories\' recent pushes, and pass the new one to `docker login --password-stdin` from a CI secret, never from a file in git.',
  references: ['https://docs.docker.com/security/for-developers/access-tokens/', 'https://docs.docker.com/enterprise/security/access-tokens/'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Docker Hub access token',
    action: 'delete it in Docker Hub (Personal access tokens) and pass the new one from a CI secret',
    keywords: ['dckr_pat_', 'dckr_oat_'],
    minEntropy: 3.0,
    pattern: /(?<![A-Za-z0-9_-])(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{24,64})(?![A-Za-z0-9_-])/g,
    samples: {
      true: [(r) => `dckr_pat_${r.of(URLSAFE, 27)}`, (r) => `dckr_oat_${r.of(URLSAFE, 32)}`],
      false: [(r) => `dckr_pat_${r.alnum(12)}`, `dckr_pat_${'x'.repeat(27)}`],
    },
  },
  check: reportTokens,
});
