import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, dmPolicyOf } from '../_shared/openclaw/channels.js';

export default defineRule({
  id: 'channels.dm.open',
  title: 'Channel accepts DMs from anyone',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.<channel>.dm.open`. The effective `dmPolicy` of a channel (or account) is `"open"`: anyone who finds the bot can message the agent and reach its tools and memory.',
  remediation:
    'Set `channels.<channel>.dmPolicy: "pairing"` (the default) or `"allowlist"` with `allowFrom` listing the sender ids.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const a of channelAccounts(t.value)) {
      const dm = dmPolicyOf(a);
      if (dm.policy !== 'open') continue;
      ctx.report({ at: at.path(dm.path), message: `${a.label} accepts DMs from anyone (dmPolicy "open").`, properties: { checkId: `channels.${a.channel}.dm.open` } });
    }
  },
});
