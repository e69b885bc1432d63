import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE } from '../_shared/token-samples.js';

/**
 * PyPI API tokens: `pypi-` + a base64url macaroon whose first field is the location `pypi.org` (`AgEIcHlwaS5vcmc`)
 * or `test.pypi.org` (`AgENdGVzdC5weXBpLm9yZw`): https://pypi.org/help/#apitoken. The macaroon runs to well over
 * 150 characters (a caveat and a 32-byte signature), so the generic rule's value cap never lets it through.
 */
export default defineRule({
  id: 'secrets.pypi_token',
  title: 'PyPI API token',
  severity: 'critical',
  appliesTo: ['text'],
  description: 'A PyPI API token (`pypi-AgEIcHlwaS5vcmc…`) uploads releases of its projects (or of every project of the account): whoever holds it can publish malicious versions.',
  remediation:
    'Remove the token at https://pypi.org/manage/account/ (API tokens), review the project\'s recent releases, and publish from CI with trusted publishing (OIDC) so no token is stored at all.',
  references: ['https://pypi.org/help/#apitoken', 'https://docs.pypi.org/trusted-publishers/'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'PyPI API token',
    action: 'remove it at pypi.org (Account settings → API tokens) and use trusted publishing instead',
    keywords: ['pypi-AgEIcHlwaS5vcmc', 'pypi-AgENdGVzdC5weXBpLm9yZw'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,2000})(?![A-Za-z0-9_-])/g,
    minEntropy: 3.5,
    samples: {
      true: [(r) => `pypi-AgEIcHlwaS5vcmc${r.of(URLSAFE, 160)}`],
      false: [(r) => `pypi-AgEIcHlwaS5vcmc${r.alnum(20)}`],
    },
  },
  check: reportTokens,
});
