import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, groupPolicyOf } from '../_shared/openclaw/channels.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { get, obj, strings } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'channels.discord.allowlisted_groups.broad_members',
  title: 'Allowlisted Discord guilds admit every member',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'With Discord `groupPolicy: "allowlist"`, a listed guild (or an enabled guild channel) has no `users`/`roles` restriction, or `"*"`: every member of that guild can talk to the bot, which is rarely what listing a guild intends.',
  remediation:
    'Add `users` (user ids) or `roles` (role ids) to each entry of `channels.discord.guilds` (or its `channels`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    for (const a of channelAccounts(t.value, 'discord')) {
      if (groupPolicyOf(t.value, a).policy !== 'allowlist') continue;
      const broad = (users: unknown, roles: unknown) => {
        const u = strings(users);
        const r = strings(roles);
        return (u.length === 0 && r.length === 0) || u.includes('*') || r.includes('*');
      };
      for (const [g, gv] of Object.entries(obj(a.value.guilds))) {
        const chans = Object.entries(obj(get(gv, 'channels')));
        const gUsers = get(gv, 'users');
        const gRoles = get(gv, 'roles');
        let hit: PathSegment[] | undefined;
        if (chans.length === 0) {
          if (broad(gUsers, gRoles)) hit = [...a.pathOf('guilds'), g];
        } else {
          for (const [c, cv] of chans) {
            if (get(cv, 'enabled') === false) continue;
            if (broad(get(cv, 'users') ?? gUsers, get(cv, 'roles') ?? gRoles)) {
              hit = [...a.pathOf('guilds'), g, 'channels', c];
              break;
            }
          }
        }
        if (hit) {
          ctx.report({ at: at.path(hit), message: `${a.label}: allowlisted guild ${g} admits every member (no users/roles restriction).` });
          break;
        }
      }
    }
  },
});
