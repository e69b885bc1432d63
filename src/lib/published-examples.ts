/**
 * Credentials vendors publish in their own documentation (AWS, GitHub, Slack, Discord, Stripe, Telegram, jwt.io):
 * what READMEs, docs and tests copy, and what a scanner must recognise as an example, not a leak. The values, each
 * with the page it is on, are in data/secrets/published-examples.json; here only their SHA-256, so that this
 * repository holds none of them whole (test/secrets-published-examples.test.ts checks the two agree). Pure.
 */
import { createHash } from 'node:crypto';

const PUBLISHED: ReadonlyMap<string, string> = new Map([
  ['1a5d44a2dca19669d72edf4c4f1c27c4c1ca4b4408fbb17f6ce4ad452d78ddb3', 'aws-access-key-id'],
  ['78314b11be2e581549ac1c4f616563fad3fdf0c3b71678f6e2299182080e0598', 'aws-secret-access-key'],
  ['bc3ae723f57c6b9e3fd80b699fcc420f6074b0b1718039669d22631d508ac0a7', 'github-oauth-token'],
  ['797c0ce414586cc8eb6929afe947c720e3e4d351dd070a6fe39f630beaab3054', 'github-installation-token'],
  ['82e74299544e00738f9c0acb69b1eb348b3e20ffcfabcb34779bd37590fead6c', 'github-user-to-server-token'],
  ['6d7fa4e64d4b1f3ea31962e258b684de1f244434ebb11089b9d9817e44c43303', 'github-refresh-token'],
  ['2ddc147f3a3b5a1722b8ed6be3c45c49a7156b17fca5d11410137a6d04def6eb', 'slack-bot-token'],
  ['f5c388734d28087b33b453e43c4383711da5a9948dcbb607b7bdbebc176ab7d8', 'slack-webhook-url'],
  ['02f7ce3c263f85c019eeeeea4b08f1b7f6ade2b7a2199c14f3efdac0eef382e1', 'discord-bot-token'],
  ['35cd205c3caa8aa9418aaa84060d699c76c3e9acac4cf3090734370fa13da414', 'discord-bearer-token'],
  ['f2d6ca16515033e5dce14eba840b979d27b5cbae24bb3e5bf484339667f86397', 'stripe-test-secret-key'],
  ['2cafc0970149a84f3b9e62eaf169f36f59907a3b3e31f7b82e68c69cd27f7326', 'stripe-test-secret-key-2019'],
  ['731fa294d036e54f19df879bfcd4fe72d967dc6327800c5f74a48414a3f258c9', 'telegram-bot-token'],
  ['7f75367e7881255134e1375e723d1dea8ad5f6a4fdb79d938df1f1754a830606', 'jwt-io-example'],
]);

const LENGTHS = new Set([20, 30, 32, 40, 41, 53, 59, 77, 80, 155]);

/** The id of the published example `value` is (data/secrets/published-examples.json), or undefined. */
export function publishedExample(value: string): string | undefined {
  if (!LENGTHS.has(value.length)) return undefined;
  return PUBLISHED.get(createHash('sha256').update(value).digest('hex'));
}

/** The SHA-256 digests held (for the test that checks them against the data file). */
export const PUBLISHED_EXAMPLE_DIGESTS: ReadonlyMap<string, string> = PUBLISHED;
