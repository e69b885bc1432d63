import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, currentApplies, groupPolicyOf, isObj } from '../_shared/openclaw.js';

export default defineRule({
  id: 'channels.discord.groups.open',
  title: 'Discord groups are open',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The effective `groupPolicy` of the Discord channel (account, channel or `channels.defaults.groupPolicy`) is `"open"`: the bot answers in any group it is added to, for every member. A `guilds` allowlist narrows which groups, not who may speak.',
  remediation:
    'Set `channels.discord.groupPolicy: "allowlist"` (the default) and list the allowed guilds and sender ids (`groupAllowFrom`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    for (const a of channelAccounts(t.value, 'discord')) {
      const g = groupPolicyOf(t.value, a);
      if (g.policy !== 'open') continue;
      const routes = isObj(a.value.guilds) && Object.keys(a.value.guilds).length > 0;
      ctx.report({ at: at.path(g.path), message: `${a.label} has groupPolicy "open"${routes ? ' (a guilds allowlist is configured, but any member may talk to the bot)' : ' and no guilds allowlist'}.` });
    }
  },
});
