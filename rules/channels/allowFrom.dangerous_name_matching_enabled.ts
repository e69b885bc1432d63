import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts } from '../_shared/openclaw/channels.js';

export default defineRule({
  id: 'channels.allowFrom.dangerous_name_matching_enabled',
  title: 'Channel matches senders by mutable names',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.<channel>.allowFrom.dangerous_name_matching_enabled`. `dangerouslyAllowNameMatching: true` re-enables matching allowlists on display names, tags or emails, which other users can take or imitate.',
  remediation:
    'Set `dangerouslyAllowNameMatching: false` (the default) and list stable sender ids in `allowFrom`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const a of channelAccounts(t.value)) {
      if (a.value.dangerouslyAllowNameMatching !== true) continue;
      ctx.report({ at: at.path(a.pathOf('dangerouslyAllowNameMatching')), message: `${a.label} matches senders by mutable names.`, properties: { checkId: `channels.${a.channel}.allowFrom.dangerous_name_matching_enabled` } });
    }
  },
});
