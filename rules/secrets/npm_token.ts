import { defineRule } from '../../src/model/rule.js';
import { hasCrc32Base62 } from '../../src/lib/checksums.js';
import { reportTokens } from '../_shared/tokens.js';
import { withCrc32 } from '../_shared/token-samples.js';

/**
 * npm access tokens since 2021: `npm_` + 30 base62 + a 6-character base62 CRC32 of those 30 (GitHub's token format,
 * which npm adopted; https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/). The checksum is
 * the precision: a look-alike `npm_` string whose last six characters are not its CRC is not a token.
 */
export default defineRule({
  id: 'secrets.npm_token',
  title: 'npm access token',
  severity: 'critical',
  appliesTo: ['text'],
  description:
    'An npm access token (`npm_…`) publishes packages as its owner: whoever holds a publish token can ship malware under your package names to everyone who installs them.',
  remediation:
    'Revoke the token at https://www.npmjs.com/settings/~/tokens (or `npm token revoke`), create a granular token with the fewest packages and an expiry, and keep it in the CI secret store (`NODE_AUTH_TOKEN`), never in `.npmrc` in git.',
  references: ['https://docs.npmjs.com/about-access-tokens', 'https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'npm access token',
    action: 'revoke it at npmjs.com (Access Tokens) and use a granular token from the CI secret store',
    keywords: ['npm_'],
    minEntropy: 3.0,
    pattern: /(?<![A-Za-z0-9_])npm_(?<secret>[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    accept: hasCrc32Base62,
    samples: {
      true: [(r) => withCrc32(`npm_`, r.alnum(30))],
      false: [(r) => `npm_${r.alnum(36)}`, (r) => `npm_${r.alnum(20)}`],
    },
  },
  check: reportTokens,
});
