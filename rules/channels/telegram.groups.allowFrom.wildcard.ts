import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { reachableGroupAccounts, senderLists } from '../_shared/telegram.js';
import { arr } from '../../src/lib/json.js';

export default defineRule({
  id: 'channels.telegram.groups.allowFrom.wildcard',
  title: 'Anyone in Telegram groups may command the bot',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Telegram groups are reachable (groupPolicy `open`, or `allowlist` with `groups` listed) and `groupAllowFrom` contains `"*"`: every member of those groups can drive the agent, including text commands.',
  remediation:
    'Replace `"*"` in `channels.telegram.groupAllowFrom` with numeric user ids of the people allowed to talk to the bot.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const { account: a } of reachableGroupAccounts(t.value)) {
      const lists = senderLists(a.value, a.pathOf);
      const i = arr(a.value.groupAllowFrom).findIndex((e) => String(e).trim() === '*');
      if (i < 0 || lists.length === 0) continue;
      ctx.report({ at: at.path([...a.pathOf('groupAllowFrom'), i]), message: `${a.label}: any member of a reachable group may command the bot (groupAllowFrom "*").` });
    }
  },
});
