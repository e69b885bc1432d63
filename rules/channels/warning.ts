import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, groupPolicyOf } from '../_shared/openclaw/channels.js';
import { targetEra } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'channels.warning',
  title: 'Legacy channel warning: groups open',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.<channel>.warning.<n>` (OpenClaw 2026.3.x and older, where channel plugins reported open groups as free-text warnings, classified critical). A channel has `groupPolicy: "open"`. For 2026.4+ targets the same condition is `channels.<channel>.groups.open`.',
  remediation:
    'Set `channels.<channel>.groupPolicy: "allowlist"` and list the allowed groups and senders.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (targetEra(t, ctx.project) !== 'legacy') return;
    let n = 0;
    for (const a of channelAccounts(t.value)) {
      const g = groupPolicyOf(t.value, a);
      if (g.policy !== 'open') continue;
      ctx.report({ at: at.path(g.path), message: `${a.label}: groupPolicy="open" allows any group member to trigger the agent.`, properties: { checkId: `channels.${a.channel}.warning.${++n}` } });
    }
  },
});
