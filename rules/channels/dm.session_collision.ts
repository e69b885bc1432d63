import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, dmAllowFrom, dmPolicyOf } from '../_shared/openclaw/channels.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { get, str } from '../../src/lib/json.js';

export default defineRule({
  id: 'channels.dm.session_collision',
  title: 'Several DM senders share one session',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.dm.session_collision.<account>.<n>` (2026.4+). Two or more admitted DM senders (or a wildcard) land in the same session because `session.dmScope` is `main` (the default) or `session.scope` is `global`: one person reads what another told the agent.',
  remediation:
    'Set `session.dmScope: "per-channel-peer"` (or `"per-peer"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const scope = str(get(t.value, 'session', 'dmScope')) ?? 'main';
    const global = get(t.value, 'session', 'scope') === 'global';
    if (scope !== 'main' && !global) return;
    let n = 0;
    for (const a of channelAccounts(t.value)) {
      const dm = dmPolicyOf(a);
      if (dm.policy === 'disabled') continue;
      const from = dmAllowFrom(a);
      if (!from.list.includes('*') && new Set(from.list).size < 2) continue;
      const key = a.account ? `${a.channel}:${a.account}` : a.channel;
      ctx.report({ at: at.path(from.path), message: `${a.label} admits several DM senders into one session (session.${global ? 'scope "global"' : 'dmScope "main"'}).`, properties: { checkId: `channels.dm.session_collision.${key}.${++n}` } });
    }
  },
});
