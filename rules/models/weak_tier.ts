import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { modelRefs } from '../_shared/openclaw/models.js';

function weakTier(model: string): boolean {
  const m = model.toLowerCase();
  if (m.includes('haiku')) return true;
  if (/\bgpt-/.test(m) && !/\bgpt-5(?=$|[^a-z0-9]|\.|-)/.test(m)) return true;
  if (/\bclaude-/.test(m)) {
    const top = /-4-([5-9]|[1-9]\d)(?!\d)|-4\.([5-9]|[1-9]\d)|-[5-9](?=$|[^0-9])/.test(m.replace(/-\d{8}$/, ''));
    return !top;
  }
  return false;
}

export default defineRule({
  id: 'models.weak_tier',
  title: 'Below-top-tier model configured',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A configured model is below the top tier the audit expects for tool-using agents (Haiku, GPT-4-class and earlier, GPT-OSS, Claude below 4.5): smaller models follow injected instructions from web pages, emails and tool output more readily.',
  remediation:
    'Use a top-tier model (GPT-5+, Claude 4.5+) in `agents.defaults.model` for agents with tools, or restrict the tools of agents on smaller models.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const hits = modelRefs(t.value).filter((r) => weakTier(r.model));
    if (hits.length === 0) return;
    ctx.report({ at: at.path(hits[0]!.path), message: `Below-top-tier models configured: ${[...new Set(hits.map((h) => h.model))].join(', ')}.` });
  },
});
