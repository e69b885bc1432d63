import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { BASE64 } from '../_shared/token-samples.js';

/**
 * Amazon Bedrock long-term API keys (`AWS_BEARER_TOKEN_BEDROCK`, an OpenClaw model provider): `ABSK` + the base64 of
 * the key (about 130 characters; https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html). `ABSK` followed
 * by 100+ base64 characters, at a word start, with a base64 body's entropy.
 */
export default defineRule({
  id: 'secrets.aws_bedrock_api_key',
  title: 'Amazon Bedrock API key',
  severity: 'high',
  appliesTo: ['text'],
  description: 'An Amazon Bedrock long-term API key (`ABSK…`) invokes models on the AWS account and bills it, until it expires or is deleted.',
  remediation:
    'Delete the key in the IAM console (the user\'s service-specific credentials for Bedrock), prefer short-term Bedrock API keys or an IAM role, and pass `AWS_BEARER_TOKEN_BEDROCK` from a secret store or an untracked `.env`.',
  references: ['https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html'],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'Amazon Bedrock API key',
    action: 'delete it in IAM (the Bedrock API key\'s service-specific credential) and use short-term keys or a role',
    keywords: ['ABSK'],
    minEntropy: 4.5,
    pattern: /(?<![A-Za-z0-9+/_-])(?<secret>ABSK[A-Za-z0-9+/]{100,400}={0,2})(?![A-Za-z0-9+/=_-])/g,
    samples: {
      true: [(r) => `ABSK${r.of(BASE64, 132)}`],
      false: [(r) => `ABSK${r.of(BASE64, 60)}`, `ABSK${'QUFB'.repeat(30)}`],
    },
  },
  check: reportTokens,
});
