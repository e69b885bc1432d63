import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, currentApplies, groupPolicyOf, isObj } from '../_shared/openclaw.js';

export default defineRule({
  id: 'channels.whatsapp.groups.open',
  title: 'Whatsapp groups are open',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The effective `groupPolicy` of the Whatsapp channel (account, channel or `channels.defaults.groupPolicy`) is `"open"`: the bot answers in any group it is added to, for every member. A `groups` allowlist narrows which groups, not who may speak.',
  remediation:
    'Set `channels.whatsapp.groupPolicy: "allowlist"` (the default) and list the allowed groups and sender ids (`groupAllowFrom`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    for (const a of channelAccounts(t.value, 'whatsapp')) {
      const g = groupPolicyOf(t.value, a);
      if (g.policy !== 'open') continue;
      const routes = isObj(a.value.groups) && Object.keys(a.value.groups).length > 0;
      ctx.report({ at: at.path(g.path), message: `${a.label} has groupPolicy "open"${routes ? ' (a groups allowlist is configured, but any member may talk to the bot)' : ' and no groups allowlist'}.` });
    }
  },
});
