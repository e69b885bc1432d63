import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts, dmAllowFrom, dmPolicyOf } from '../_shared/openclaw/channels.js';

export default defineRule({
  id: 'channels.dm.open_invalid',
  title: 'Open DM policy without a wildcard allowFrom',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Audit checkId `channels.<channel>.dm.open_invalid`. `dmPolicy: "open"` must come with `allowFrom: ["*"]`; without it the config is inconsistent (OpenClaw rejects or ignores part of it) and the intended restriction is unclear.',
  remediation:
    'Either make the policy explicit (`dmPolicy: "allowlist"` with `allowFrom` ids) or, if open DMs are really intended, add `"*"` to `allowFrom`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const a of channelAccounts(t.value)) {
      const dm = dmPolicyOf(a);
      if (dm.policy !== 'open' || dmAllowFrom(a).list.includes('*')) continue;
      ctx.report({ at: at.path(dm.path), message: `${a.label} has dmPolicy "open" but allowFrom lacks "*".`, properties: { checkId: `channels.${a.channel}.dm.open_invalid` } });
    }
  },
});
