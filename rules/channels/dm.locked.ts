import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, dmAllowFrom, dmPolicyOf } from '../_shared/openclaw/channels.js';
import { currentApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'channels.dm.locked',
  title: 'Channel DMs admit nobody yet',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.<channel>.dm.locked` (2026.4+). The DM policy is `pairing` or `allowlist` and the config admits no sender (`allowFrom` empty). The audit also counts pairing-store approvals, which live in the state directory; statically a fresh pairing channel reports this.',
  remediation:
    'Add the operator ids to `channels.<channel>.allowFrom`, or approve senders with `openclaw pairing approve`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    for (const a of channelAccounts(t.value)) {
      const dm = dmPolicyOf(a);
      if (dm.policy === 'open' || dm.policy === 'disabled' || dmAllowFrom(a).list.some((x) => x !== '*')) continue;
      ctx.report({ at: at.path(dm.path), message: `${a.label} admits no DM sender in the config (dmPolicy "${dm.policy}").`, properties: { checkId: `channels.${a.channel}.dm.locked` } });
    }
  },
});
