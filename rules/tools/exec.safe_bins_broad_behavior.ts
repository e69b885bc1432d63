import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { arr, get } from '../../src/lib/json.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'tools.exec.safe_bins_broad_behavior',
  title: 'Safe bins with broad behaviour',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`tools.exec.safeBins` lists `jq`, `awk` or `sed` variants: as stdin filters they still read and write files or run commands through their own languages (`sed e`, awk `system()`, jq `input_filename`/`$ENV`).',
  remediation:
    'Remove `jq`, `awk`, `gawk`, `mawk`, `nawk`, `sed`, `gsed` from `tools.exec.safeBins` and allow them through the exec allowlist with approvals instead.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const broad = new Set(['jq', 'awk', 'gawk', 'mawk', 'nawk', 'sed', 'gsed']);
    for (const scope of [{ path: ['tools', 'exec'] as PathSegment[], exec: get(t.value, 'tools', 'exec') }, ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'tools', 'exec'], exec: get(a.value, 'tools', 'exec') }))]) {
      const hits = arr(get(scope.exec, 'safeBins')).map((b, i) => [b, i] as const).filter(([b]) => typeof b === 'string' && broad.has((b.trim().split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.(exe|cmd|bat|com)$/, '')));
      if (hits.length === 0) continue;
      ctx.report({ at: at.path([...scope.path, 'safeBins', hits[0]![1]]), message: `safeBins with broad behaviour: ${hits.map(([b]) => String(b)).join(', ')}.` });
    }
  },
});
