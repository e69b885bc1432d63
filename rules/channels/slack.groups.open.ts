import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, currentApplies, groupPolicyOf, isObj } from '../_shared/openclaw.js';

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
    if (!currentApplies(t, ctx.project)) return;
    for (const a of channelAccounts(t.value, 'slack')) {
      const g = groupPolicyOf(t.value, a);
      if (g.policy !== 'open') continue;
      const routes = isObj(a.value.channels) && Object.keys(a.value.channels).length > 0;
      ctx.report({ at: at.path(g.path), message: `${a.label} has groupPolicy "open"${routes ? ' (a channels allowlist is configured, but any member may talk to the bot)' : ' and no channels allowlist'}.` });
    }
  },
});
