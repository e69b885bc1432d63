import { defineRule } from '../../src/model/rule.js';
import { checkGroupsOpen } from '../_shared/channel-groups.js';

export default defineRule({
  id: 'channels.slack.groups.open',
  title: 'Slack groups are open',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The effective `groupPolicy` of the Slack channel (account, channel or `channels.defaults.groupPolicy`) is `"open"`: the bot answers in any group it is added to, for every member. A `channels` allowlist narrows which groups, not who may speak.',
  remediation:
    'Set `channels.slack.groupPolicy: "allowlist"` (the default) and list the allowed channels and sender ids (`groupAllowFrom`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    checkGroupsOpen('slack', 'channels', t, ctx);
  },
});
