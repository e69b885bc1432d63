import { defineRule } from '../../src/model/rule.js';
import { reportTokens } from '../_shared/tokens.js';
import { BASE32 } from '../_shared/token-samples.js';

/** trufflehog's `services/T…/B…/…` shape and gitleaks' workflows/triggers shape. */
export default defineRule({
  id: 'secrets.slack_webhook_url',
  title: 'Slack incoming webhook URL',
  severity: 'medium',
  appliesTo: ['text'],
  description:
    'A Slack incoming-webhook URL is a credential on its own: anyone who has it can post messages (and links) into the channel as your app, for example fake alerts from your OpenClaw agent.',
  remediation:
    "Remove the webhook in the Slack app's settings (Incoming Webhooks → Remove) and add a new one; keep the URL in an untracked `.env` and reference it as `${SLACK_WEBHOOK_URL}`.",
  references: ['https://api.slack.com/messaging/webhooks'],
  tags: ['secrets', 'CWE-798'],
  precision: 'very-high',
  token: {
    describe: 'Slack webhook URL',
    action: 'regenerate it in the Slack app (Incoming Webhooks) and load it from the environment',
    keywords: ['hooks.slack.com/'],
    pattern: /(?<secret>(?:https?:\/\/)?hooks\.slack\.com\/(?:services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{23,25}|(?:workflows|triggers)\/[A-Za-z0-9+/]{43,56}))(?![A-Za-z0-9_-])/g,
    lookbehind: 8,
    minEntropy: 3.0,
    samples: {
      true: [(r) => `https://hooks.slack.com/services/T${r.of(BASE32, 10)}/B${r.of(BASE32, 10)}/${r.alnum(24)}`],
      false: ['https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'https://hooks.slack.com/services/...'],
    },
  },
  check: reportTokens,
});
