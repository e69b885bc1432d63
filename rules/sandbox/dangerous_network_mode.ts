import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { get } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'sandbox.dangerous_network_mode',
  title: 'Sandbox shares the host network',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'Sandbox `docker.network` is `host` or `container:<id>`: the sandbox shares the network namespace of the host (or of another container) and reaches every local service, including the gateway itself.',
  remediation:
    'Set `sandbox.docker.network: "none"` (the default) or a dedicated bridge network.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const scopes: { path: PathSegment[]; docker: unknown }[] = [{ path: ['agents', 'defaults', 'sandbox', 'docker'], docker: get(t.value, 'agents', 'defaults', 'sandbox', 'docker') }, ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'sandbox', 'docker'], docker: get(a.value, 'sandbox', 'docker') }))];
    for (const s of scopes) {
      const v = get(s.docker, 'network');
      if (typeof v !== 'string' || !(v.trim().toLowerCase() === 'host' || v.trim().toLowerCase().startsWith('container:'))) continue;
      ctx.report({ at: at.path([...s.path, 'network']), message: `Sandbox docker.network is "${v}".` });
    }
  },
});
