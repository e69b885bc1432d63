import { defineRule } from '../../src/model/rule.js';
import { checkGroupsOpen } from '../_shared/channel-groups.js';

export default defineRule({
  id: 'channels.telegram.groups.open',
  title: 'Telegram groups are open',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The effective `groupPolicy` of the Telegram channel (account, channel or `channels.defaults.groupPolicy`) is `"open"`: the bot answers in any group it is added to, for every member. A `groups` allowlist narrows which groups, not who may speak.',
  remediation:
    'Set `channels.telegram.groupPolicy: "allowlist"` (the default) and list the allowed groups and sender ids (`groupAllowFrom`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    checkGroupsOpen('telegram', 'groups', t, ctx);
  },
});
