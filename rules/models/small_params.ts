import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, INFO } from '../_shared/openclaw/severity.js';
import { get } from '../../src/lib/json.js';
import { modelRefs, paramSize } from '../_shared/openclaw/models.js';
import { toolAllowed } from '../_shared/openclaw/tools.js';

export default defineRule({
  id: 'models.small_params',
  title: 'Small model with web or browser tools',
  severity: 'info',
  appliesTo: ['openclaw'],
  description:
    'A configured model has at most 300B parameters (inferred from its id, e.g. `llama3.1:8b`, `qwen2.5-72b`). Small models are easy to steer with injected instructions; when such a model can use `web_search`, `web_fetch` or `browser`, the finding is critical, otherwise info.',
  remediation:
    'For agents on small models deny `group:web` and `browser` (`tools.deny: ["group:web", "browser"]`) and run them sandboxed (`sandbox.mode: "all"`), or use a larger model.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  messages: {
    tools_reachable: 'Small models (≤300B parameters): {{models}}; web or browser tools are reachable from them.',
    tools_unreachable: 'Small models (≤300B parameters): {{models}}; web and browser tools are not reachable.',
  },
  check(t, ctx) {
    const small = modelRefs(t.value).filter((r) => !r.image && (paramSize(r.model) ?? Infinity) <= 300);
    if (small.length === 0) return;
    const webSearch = get(t.value, 'tools', 'web', 'search', 'enabled') === true || get(t.value, 'tools', 'web', 'search', 'apiKey') !== undefined;
    const webFetch = get(t.value, 'tools', 'web', 'fetch', 'enabled') !== false;
    const browser = get(t.value, 'browser', 'enabled') !== false;
    const unsafe = small.filter((r) => (webSearch && toolAllowed(t.value, r.agent, 'web_search')) || (webFetch && toolAllowed(t.value, r.agent, 'web_fetch')) || (browser && toolAllowed(t.value, r.agent, 'browser')));
    const first = unsafe[0] ?? small[0]!;
    ctx.report({ at: at.path(first.path), severity: unsafe.length ? CRITICAL : INFO, messageId: unsafe.length ? 'tools_reachable' : 'tools_unreachable', data: { models: [...new Set(small.map((r) => r.model))].join(', ') } });
  },
});
