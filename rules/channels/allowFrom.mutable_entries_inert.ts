import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, dmAllowFrom, isMutableDiscordEntry } from '../_shared/openclaw/channels.js';
import { currentApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'channels.allowFrom.mutable_entries_inert',
  title: 'Allowlist entries that can never match',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.<channel>.allowFrom.mutable_entries_inert` (2026.4+). With name matching off, `allowFrom` entries that are names, tags or emails (not stable ids) never match: the people they name are locked out, and the list reads as if they were allowed. Classified for Discord (numeric id, `<@id>`, `user:`/`discord:`/`pk:` ids are stable) and Slack (`U…`/`W…` ids, `<@U…>`, `slack:`/`user:` ids).',
  remediation:
    'Replace the names in `allowFrom` with stable user ids (Discord: the numeric user id; Slack: the `U…` member id).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const slackMutable = (e: string) => e !== '*' && !e.startsWith('accessGroup:') && !/^(<@[UW][A-Z0-9]+>|(slack|user):\S+|[UW][A-Z0-9]{6,})$/.test(e.trim());
    for (const a of channelAccounts(t.value)) {
      if (a.value.dangerouslyAllowNameMatching === true) continue;
      const classify = a.channel === 'discord' ? isMutableDiscordEntry : a.channel === 'slack' ? slackMutable : undefined;
      if (!classify) continue;
      const from = dmAllowFrom(a);
      const bad = from.list.filter(classify);
      if (bad.length === 0) continue;
      ctx.report({ at: at.path(from.path), message: `${a.label}: ${bad.length} allowFrom entr${bad.length === 1 ? 'y is a' : 'ies are'} mutable name${bad.length === 1 ? '' : 's'} that never match${bad.length === 1 ? 'es' : ''}.`, properties: { checkId: `channels.${a.channel}.allowFrom.mutable_entries_inert` } });
    }
  },
});
