import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { get, str } from '../../src/lib/json.js';
import { targetEra } from '../_shared/openclaw/version.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'sandbox.browser_cdp_bridge_unrestricted',
  title: 'Sandbox browser CDP reachable from the bridge network',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older: the sandbox browser is enabled on the `bridge` network without `cdpSourceRange`, so every container on the bridge can drive the browser over CDP. Reported for legacy targets (`meta.lastTouchedVersion` or a pinned image ≤ 2026.3).',
  remediation:
    'Put the sandbox browser on a dedicated network (`sandbox.browser.network`) or set `sandbox.browser.cdpSourceRange`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    // The key is valid in every version, so it says nothing about the version: an unknown version counts as
    // current here, and only a config known to be legacy (2026.3.x or older) is checked.
    if (targetEra(t, ctx.project) !== 'legacy') return;
    const scopes: { path: PathSegment[]; browser: unknown }[] = [{ path: ['agents', 'defaults', 'sandbox', 'browser'], browser: get(t.value, 'agents', 'defaults', 'sandbox', 'browser') }, ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'sandbox', 'browser'], browser: get(a.value, 'sandbox', 'browser') }))];
    for (const s of scopes) {
      if (get(s.browser, 'enabled') !== true || get(s.browser, 'network') !== 'bridge' || str(get(s.browser, 'cdpSourceRange'))?.trim()) continue;
      ctx.report({ at: at.path([...s.path, 'network']), message: 'The sandbox browser is on the bridge network without cdpSourceRange.' });
    }
  },
});
