import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/**
 * Stripe live-mode secret keys (`sk_live_`) and restricted keys (`rk_live_`) + 24 to 247 alphanumerics
 * (https://docs.stripe.com/keys: "secret keys start with sk_live_, restricted keys with rk_live_"; the documented
 * maximum key length is 255). Test-mode keys (`sk_test_`) move no money and are left out. Stripe's documentation
 * examples are published examples (data/secrets/published-examples.json).
 */
export default defineRule({
  id: 'secrets.stripe_key',
  title: 'Stripe live secret key',
  severity: 'critical',
  appliesTo: ['text'],
  description: 'A Stripe live secret key (`sk_live_…`) or restricted key (`rk_live_…`) acts on the account\'s real payments: charges, refunds, payouts and customer data, within the key\'s permissions.',
  remediation:
    'Roll the key in the Stripe Dashboard (https://dashboard.stripe.com/apikeys), check the account\'s logs for its use, and load the new key from the environment or a secret manager.',
  references: ['https://docs.stripe.com/keys', 'https://docs.stripe.com/keys-best-practices'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Stripe live secret key',
    action: 'roll it in the Stripe Dashboard (Developers → API keys) and load it from the environment',
    keywords: ['sk_live_', 'rk_live_'],
    minEntropy: 3.5,
    pattern: /(?<![A-Za-z0-9_])(?<secret>[sr]k_live_[A-Za-z0-9]{24,247})(?![A-Za-z0-9_])/g,
    samples: {
      true: [(r) => `sk_live_${r.alnum(99)}`, (r) => `rk_live_${r.alnum(24)}`],
      false: [(r) => `sk_test_${r.alnum(24)}`, `sk_live_${'x'.repeat(24)}`],
    },
  },
  check: reportTokens,
});
