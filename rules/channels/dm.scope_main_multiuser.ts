import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, dmAllowFrom, dmPolicyOf } from '../_shared/openclaw/channels.js';
import { get, str } from '../../src/lib/json.js';
import { targetEra } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'channels.dm.scope_main_multiuser',
  title: 'Several DM senders share the main session',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.<channel>.dm.scope_main_multiuser` (OpenClaw 2026.3.x and older; replaced by `channels.dm.session_collision.*`). `session.dmScope` is `main` (the default) while the channel admits several DM senders or `"*"`.',
  remediation:
    'Set `session.dmScope: "per-channel-peer"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (targetEra(t, ctx.project) !== 'legacy') return;
    if ((str(get(t.value, 'session', 'dmScope')) ?? 'main') !== 'main') return;
    for (const a of channelAccounts(t.value)) {
      const dm = dmPolicyOf(a);
      const from = dmAllowFrom(a);
      if (dm.policy === 'disabled' || (!from.list.includes('*') && new Set(from.list).size < 2)) continue;
      ctx.report({ at: at.path(from.path), message: `${a.label} admits several DM senders into the main session.`, properties: { checkId: `channels.${a.channel}.dm.scope_main_multiuser` } });
    }
  },
});
