import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { discordGuildUsersListed, discordNativeCommandsOn } from '../_shared/channel-commands.js';
import { channelAccounts, groupPolicyOf } from '../_shared/openclaw/channels.js';
import { get, obj, strings } from '../../src/lib/json.js';
import { targetEra } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'channels.discord.commands.native.no_allowlists',
  title: 'Discord native commands without allowlists',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Discord native (slash) commands are enabled (`commands.native` defaults to `auto` = on for Discord) in allowlisted guilds, but no owner list (`dm.allowFrom`) and no guild or channel `users` list exists: anyone in those guilds can run the commands.',
  remediation:
    'Add `users` to `channels.discord.guilds.<id>` (or its channels), or an owner list in `channels.discord.dm.allowFrom`; or set `channels.discord.commands.native: false` and `nativeSkills: false`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const a of channelAccounts(t.value, 'discord')) {
      if (!discordNativeCommandsOn(t.value, a) || groupPolicyOf(t.value, a).policy === 'disabled') continue;
      if (targetEra(t, ctx.project) === 'legacy' && get(t.value, 'commands', 'useAccessGroups') === false) continue;
      const guilds = Object.entries(obj(a.value.guilds));
      if (guilds.length === 0 || strings(get(a.value, 'dm', 'allowFrom')).length > 0) continue;
      if (discordGuildUsersListed(guilds)) continue;
      ctx.report({ at: at.path(a.pathOf('guilds')), message: `${a.label}: native commands are on in ${guilds.length} guild(s) with no owner or users allowlist.` });
    }
  },
});
