import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get } from '../../src/lib/json.js';

export default defineRule({
  id: 'config.control_ui_external_embed_urls',
  title: 'Control UI embeds external URLs',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Beyond the audit. `gateway.controlUi.allowExternalEmbedUrls: true` lets the Control UI embed pages from other origins inside the operator session; OpenClaw documents the key as DANGEROUS, but the audit does not report it.',
  remediation:
    'Set `gateway.controlUi.allowExternalEmbedUrls: false` (the default).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'beyond-audit', 'openclaw-all-versions'],
  precision: 'high',
  check(t, ctx) {
    if (get(t.value, 'gateway', 'controlUi', 'allowExternalEmbedUrls') !== true) return;
    ctx.report({ at: at.path(['gateway', 'controlUi', 'allowExternalEmbedUrls']), message: '`gateway.controlUi.allowExternalEmbedUrls` is true.' });
  },
});
