import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { URLSAFE, DIGITS } from '../_shared/token-samples.js';

/**
 * `<base64url(user id)>.<timestamp>.<HMAC>`: the first part decodes to the bot's numeric user id (17–20 digits), which
 * is why it starts with M, N or O, and is 23 (17 digits) to 27 characters long. That decoded-id check is the precision: no keyword is needed (detect-secrets'
 * shape; gitleaks has no bot-token rule, trufflehog needs `discord` and an id nearby). No literal keyword exists, so
 * this pattern always runs; it is a single bounded class scan (~1 GB/s).
 */
export default defineRule({
  id: 'secrets.discord_bot_token',
  title: 'Discord bot token',
  severity: 'high',
  appliesTo: ['text'],
  description:
    'A Discord bot token logs in as your bot: whoever holds it reads every message and DM the bot can see (what people tell your OpenClaw agent), posts as it, and uses all its guild permissions.',
  remediation:
    'Reset the token in the Discord Developer Portal (your application → Bot → Reset Token). Reference the new one as `${DISCORD_BOT_TOKEN}` in `channels.discord.token`, or with a SecretRef, from an untracked `.env`.',
  references: ['https://discord.com/developers/docs/reference#authentication', 'https://discord.com/developers/applications'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Discord bot token',
    action: 'reset it in the Discord Developer Portal (Bot → Reset Token) and load it from the environment',
    keywords: [],
    pattern: /(?<![A-Za-z0-9_-])(?<secret>[MNO][A-Za-z0-9_-]{22,26}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])/g,
    accept: (secret) => /^[0-9]{17,20}$/.test(Buffer.from(secret.slice(0, secret.indexOf('.')), 'base64url').toString('latin1')),
    samples: {
      true: [(r) => `${Buffer.from(`${r.of('123456789', 1)}${r.of(DIGITS, 17)}`).toString('base64url')}.${r.of(URLSAFE, 6)}.${r.of(URLSAFE, 38)}`],
      false: [(r) => `M${r.alnum(23)}.${r.of(URLSAFE, 6)}.${r.of(URLSAFE, 38)}`],
    },
  },
  check: reportTokens,
});
