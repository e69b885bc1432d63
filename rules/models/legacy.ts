import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { modelRefs } from '../_shared/openclaw/models.js';

export default defineRule({
  id: 'models.legacy',
  title: 'Legacy model configured',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A configured model (`agents.defaults.model`, `imageModel`, fallbacks or an agent `model`) is a legacy generation (`gpt-3.5`, `claude-instant`, `claude-2`, `gpt-4-0314/0613`): weak instruction-following makes prompt injection through tools far easier.',
  remediation:
    'Replace it with a current top-tier model in `agents.defaults.model` (e.g. `"anthropic/claude-opus-4-6"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const hits = modelRefs(t.value).filter((r) => /\bgpt-3\.5\b|\bclaude-(instant|2)\b|\bgpt-4-(0314|0613)\b/i.test(r.model));
    if (hits.length === 0) return;
    ctx.report({ at: at.path(hits[0]!.path), message: `Legacy models configured: ${[...new Set(hits.map((h) => h.model))].join(', ')}.` });
  },
});
