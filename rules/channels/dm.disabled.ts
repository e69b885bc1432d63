import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, dmPolicyOf } from '../_shared/openclaw/channels.js';

export default defineRule({
  id: 'channels.dm.disabled',
  title: 'Channel DMs disabled',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.<channel>.dm.disabled`. The channel ignores direct messages (`dmPolicy: "disabled"`). Informational: the safest DM posture, noted so the inventory is complete.',
  remediation:
    'Nothing to do; set `dmPolicy: "pairing"` or `"allowlist"` if DMs are needed.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const a of channelAccounts(t.value)) {
      const dm = dmPolicyOf(a);
      if (dm.policy === 'disabled') ctx.report({ at: at.path(dm.path), message: `${a.label} ignores DMs.`, properties: { checkId: `channels.${a.channel}.dm.disabled` } });
    }
  },
});
