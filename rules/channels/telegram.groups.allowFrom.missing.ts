import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { reachableGroupAccounts, senderLists } from '../_shared/telegram.js';
import { arr } from '../../src/lib/json.js';

export default defineRule({
  id: 'channels.telegram.groups.allowFrom.missing',
  title: 'Telegram groups reachable without a sender allowlist',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Telegram groups are reachable (groupPolicy `open`, or `allowlist` with `groups` listed) and no sender allowlist exists (`groupAllowFrom`, `groups.*.allowFrom`, topic allowlists all empty): every group member can drive the agent. (The audit also counts pairing-store approvals, which live in the state directory.)',
  remediation:
    'Set `channels.telegram.groupAllowFrom` to the numeric user ids allowed to talk to the bot in groups.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const { account: a, group: g } of reachableGroupAccounts(t.value)) {
      const lists = senderLists(a.value, a.pathOf);
      if (arr(a.value.groupAllowFrom).some((e) => String(e).trim() === '*')) continue;
      if (lists.slice(1).some((l) => l.list.length > 0)) continue;
      ctx.report({ at: at.path(g.path), message: `${a.label}: groups are reachable and no group sender allowlist is set.` });
    }
  },
});
