import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/** `hf_` / `api_org_` + 34 alphanumerics (trufflehog; gitleaks and secretlint accept letters only). Entropy 2: gitleaks. */
export default defineRule({
  id: 'secrets.huggingface_token',
  title: 'Hugging Face access token',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Hugging Face user access token (`hf_…`) or organisation token (`api_org_…`) acts as the account: with write scope it can push to and delete its models, datasets and Spaces, and read private repositories.',
  remediation:
    'Revoke the token at https://huggingface.co/settings/tokens, create a fine-grained one with only the scopes needed, and pass it as `${HF_TOKEN}` from an untracked `.env`.',
  references: ['https://huggingface.co/docs/hub/security-tokens', 'https://huggingface.co/settings/tokens'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Hugging Face token',
    action: 'revoke it at huggingface.co/settings/tokens',
    keywords: ['hf_', 'api_org_'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>(?:hf_|api_org_)[A-Za-z0-9]{34})(?![A-Za-z0-9_-])/g,
    minEntropy: 2.0,
    samples: {
      true: [(r) => `hf_${r.alnum(34)}`, (r) => `api_org_${r.alnum(34)}`],
      false: [(r) => `hf_${r.alnum(20)}`],
    },
  },
  check: reportTokens,
});
