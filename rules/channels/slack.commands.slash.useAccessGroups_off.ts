import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { slackCommandsOn } from '../_shared/channel-commands.js';
import { channelAccounts } from '../_shared/openclaw/channels.js';
import { get } from '../../src/lib/json.js';
import { legacyApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'channels.slack.commands.slash.useAccessGroups_off',
  title: 'Slack commands bypass access groups',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older: Slack slash/native commands are enabled and `commands.useAccessGroups: false` turns off the sender allowlists for commands: anyone in the workspace can run them. Reported for legacy or unknown versions.',
  remediation:
    'Remove `commands.useAccessGroups: false` (default true).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!legacyApplies(t, ctx.project) || get(t.value, 'commands', 'useAccessGroups') !== false) return;
    if (!channelAccounts(t.value, 'slack').some((a) => slackCommandsOn(t.value, a))) return;
    ctx.report({ at: at.path(['commands', 'useAccessGroups']), message: 'Slack commands are enabled with commands.useAccessGroups false.' });
  },
});
