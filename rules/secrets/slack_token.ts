import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { BASE32, DIGITS } from '../_shared/token-samples.js';

/** gitleaks' Slack shapes (bot, user/refresh, app, legacy), with unbounded tails bounded. Entropy 2: gitleaks. */
export default defineRule({
  id: 'secrets.slack_token',
  title: 'Slack token',
  severity: 'high',
  appliesTo: ['text'],
  description:
    "A Slack bot (`xoxb-`), user (`xoxp-`), app-level (`xapp-`) or legacy token reads and posts in your workspace with the app's scopes; OpenClaw's Slack channel holds a bot and an app token that together receive every message the agent sees.",
  remediation:
    "Revoke the token: reinstall or rotate in the Slack app's settings (OAuth & Permissions for `xoxb`/`xoxp`, Basic Information → App-Level Tokens for `xapp`). Reference the new ones as `${SLACK_BOT_TOKEN}` / `${SLACK_APP_TOKEN}` in `channels.slack`, from an untracked `.env`.",
  references: ['https://api.slack.com/authentication/token-types', 'https://api.slack.com/authentication/rotation'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Slack token',
    action: 'revoke it in the Slack app settings (OAuth & Permissions / Basic Information) and load it from the environment',
    keywords: ['xoxb-', 'xoxp-', 'xoxe-', 'xoxa-', 'xoxo-', 'xoxr-', 'xoxs-', 'xapp-'],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>xoxb-[0-9]{10,13}-[0-9]{10,13}-?[A-Za-z0-9-]{0,64}|xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34}|xox[aosr]-[0-9]{1,13}-[0-9A-Za-z-]{10,120}|xapp-[0-9]-[A-Z0-9]{1,20}-[0-9]{1,20}-[A-Za-z0-9]{20,80})(?![A-Za-z0-9_-])/g,
    minEntropy: 2.0,
    samples: {
      true: [(r) => `xoxb-${r.of(DIGITS, 12)}-${r.of(DIGITS, 13)}-${r.alnum(24)}`, (r) => `xapp-1-A${r.of(BASE32, 10)}-${r.of(DIGITS, 13)}-${r.hex(64)}`],
      false: ['xoxb-123', 'xoxb-your-bot-token'],
    },
  },
  check: reportTokens,
});
