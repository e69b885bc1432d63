import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { discordGuildUsersListed, discordNativeCommandsOn } from '../_shared/channel-commands.js';
import { channelAccounts, groupPolicyOf } from '../_shared/openclaw/channels.js';
import { get, obj } from '../../src/lib/json.js';
import { legacyApplies } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'channels.discord.commands.native.unrestricted',
  title: 'Discord native commands open to everyone',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older: Discord native commands are on in guilds, `commands.useAccessGroups: false` disables the sender allowlists for commands, and no guild/channel `users` list exists: anyone can run them. Reported for legacy or unknown versions.',
  remediation:
    'Remove `commands.useAccessGroups: false`, and add `users` to `channels.discord.guilds.<id>`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!legacyApplies(t, ctx.project) || get(t.value, 'commands', 'useAccessGroups') !== false) return;
    for (const a of channelAccounts(t.value, 'discord')) {
      if (!discordNativeCommandsOn(t.value, a) || groupPolicyOf(t.value, a).policy === 'disabled') continue;
      const guilds = Object.entries(obj(a.value.guilds));
      if (guilds.length === 0) continue;
      if (discordGuildUsersListed(guilds)) continue;
      ctx.report({ at: at.path(['commands', 'useAccessGroups']), message: `${a.label}: native commands are open to everyone (commands.useAccessGroups false, no users allowlist).` });
    }
  },
});
