import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { channelAccounts } from '../_shared/openclaw/channels.js';
import { get } from '../../src/lib/json.js';
import { targetEra } from '../_shared/openclaw/version.js';

export default defineRule({
  id: 'channels.feishu.doc_owner_open_id',
  title: 'Feishu doc tool acts with the app identity',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older: the Feishu channel is configured (`appId` + `appSecret`) and its doc tool is not disabled; documents the agent creates are owned by the app and shared by open id, so senders can reach documents of others. Reported for legacy targets (`meta.lastTouchedVersion` or a pinned image ≤ 2026.3).',
  remediation:
    'Set `channels.feishu.tools.doc: false` unless the doc tool is needed.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'channels', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    // The key is valid in every version, so it says nothing about the version: an unknown version counts as
    // current here, and only a config known to be legacy (2026.3.x or older) is checked.
    if (targetEra(t, ctx.project) !== 'legacy') return;
    for (const a of channelAccounts(t.value, 'feishu')) {
      if (!a.value.appId || !a.value.appSecret || get(a.value, 'tools', 'doc') === false) continue;
      ctx.report({ at: at.path(a.pathOf('appId')), message: `${a.label}: the Feishu doc tool is enabled.` });
    }
  },
});
