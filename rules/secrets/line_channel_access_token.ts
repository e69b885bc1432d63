import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';

/**
 * LINE Messaging API channel access tokens (OpenClaw's LINE channel: `channels.line.channelAccessToken`,
 * `LINE_CHANNEL_ACCESS_TOKEN`; https://developers.line.biz/en/docs/basics/channel-access-token/): a long-lived token
 * is issued in the LINE Developers Console as a long base64 string (172 characters, 128 bytes, in the tokens seen)
 * with no prefix of its own. Its shape alone would make every long base64 value a LINE token, so it counts only right
 * after a channel access token name (`TokenSpec.near`: on its line, at most 100 characters after
 * `CHANNEL_ACCESS_TOKEN`, `channelAccessToken`, …, or in the Terraform variable block it names; in any carrier: `.env`, YAML, JSON5, `os.getenv("…", "…")`, Terraform, a Kubernetes
 * Secret's base64 `data`).
 */
export default defineRule({
  id: 'secrets.line_channel_access_token',
  title: 'LINE channel access token',
  severity: 'high',
  appliesTo: ['text'],
  description:
    "A LINE channel access token calls the Messaging API as your LINE channel: whoever holds it sends messages to everyone who added the bot and reads the profiles and content the channel can see; with OpenClaw's LINE channel it speaks as your agent.",
  remediation:
    'Reissue the token in the LINE Developers Console (your channel → Messaging API → Channel access token) or revoke it with the API, then pass the new one as `${LINE_CHANNEL_ACCESS_TOKEN}` (or `channels.line.tokenFile`) from an untracked file, never in the repository.',
  references: ['https://developers.line.biz/en/docs/basics/channel-access-token/', 'https://docs.openclaw.ai/channels/line'],
  tags: ['secrets', 'CWE-798'],
  precision: 'high',
  token: {
    describe: 'LINE channel access token',
    action: 'reissue it in the LINE Developers Console (Messaging API → Channel access token) and load it from the environment',
    keywords: ['CHANNEL_ACCESS_TOKEN', 'channel_access_token', 'channelAccessToken', 'ChannelAccessToken', 'channel-access-token'],
    near: 100,
    minEntropy: 4.5,
    pattern: /(?<![A-Za-z0-9+/])(?<secret>[A-Za-z0-9+/]{160,200}={0,2})(?![A-Za-z0-9+/=])/g,
    samples: {
      true: [(r) => `LINE_CHANNEL_ACCESS_TOKEN=${Buffer.from(r.bytes(128)).toString('base64')}`, (r) => `{ channels: { line: { channelAccessToken: "${Buffer.from(r.bytes(128)).toString('base64')}" } } }`],
      false: [(r) => Buffer.from(r.bytes(128)).toString('base64'), (r) => `LINE_CHANNEL_ACCESS_TOKEN=\${LINE_TOKEN}\n${'# notes\n'.repeat(20)}BLOB=${Buffer.from(r.bytes(128)).toString('base64')}`, 'LINE_CHANNEL_ACCESS_TOKEN=<your channel access token>'],
    },
  },
  check: reportTokens,
});
