import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { senderLists } from '../_shared/telegram.js';
import { channelAccounts } from '../_shared/openclaw/channels.js';
import { envRefName, hasEnvRef } from '../_shared/openclaw/values.js';

export default defineRule({
  id: 'channels.telegram.allowFrom.invalid_entries',
  title: 'Telegram allowlist entries are not user ids',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Telegram matches senders by numeric user id only (`telegram:`/`tg:` prefixes are stripped). Entries such as `@username` in `allowFrom`, `groupAllowFrom`, `groups.*.allowFrom` or topic allowlists never match: the people they name are locked out, and the list reads as if they were allowed.',
  remediation:
    'Replace usernames with numeric Telegram user ids (e.g. from `openclaw pairing list telegram` or @userinfobot).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const a of channelAccounts(t.value, 'telegram')) {
      for (const l of senderLists(a.value, a.pathOf)) {
        // A `${VAR}` entry is substituted at deploy time (OpenClaw checks the value it reads): not judged here.
        const i = l.list.findIndex((e) => String(e).trim() !== '*' && !hasEnvRef(e) && envRefName(e) === undefined && !/^\d+$/.test(String(e).trim().replace(/^(telegram|tg):/i, '')));
        if (i < 0) continue;
        ctx.report({ at: at.path([...l.path, i]), message: `${a.label}: allowlist entry is not a numeric Telegram user id.` });
        return;
      }
    }
  },
});
