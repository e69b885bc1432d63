import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { slackCommandsOn } from '../_shared/channel-commands.js';
import { channelAccounts } from '../_shared/openclaw/channels.js';
import { get, obj, strings } from '../../src/lib/json.js';

export default defineRule({
  id: 'channels.slack.commands.slash.no_allowlists',
  title: 'Slack slash commands without allowlists',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Slack slash or native commands are enabled (`slashCommand.enabled`, or `commands.native`/`nativeSkills: true`) but no owner `allowFrom` (or legacy `dm.allowFrom`) and no `channels.*.users` list exists: anyone in the workspace can run them.',
  remediation:
    'Set `channels.slack.allowFrom` to the member ids of the owners (`U…`), or `users` on the Slack channels that may use commands.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const a of channelAccounts(t.value, 'slack')) {
      if (!slackCommandsOn(t.value, a)) continue;
      if (strings(a.value.allowFrom).length > 0 || strings(get(a.value, 'dm', 'allowFrom')).length > 0) continue;
      if (Object.values(obj(a.value.channels)).some((c) => strings(get(c, 'users')).length > 0)) continue;
      const key = get(a.value, 'slashCommand', 'enabled') === true ? [...a.pathOf('slashCommand'), 'enabled'] : a.pathOf('commands');
      ctx.report({ at: at.path(key), message: `${a.label}: slash commands are on with no owner or users allowlist.` });
    }
  },
});
