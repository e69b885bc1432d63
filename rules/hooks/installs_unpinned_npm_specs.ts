import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { legacyApplies } from '../_shared/openclaw/version.js';
import { npmInstallRecords } from '../_shared/openclaw/hooks.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'hooks.installs_unpinned_npm_specs',
  title: 'Hook packs installed from unpinned npm specs',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older record npm installs of hook packs in the config (`hooks.internal.installs.<id>`). A `spec` without an exact version (`pkg`, `pkg@latest`, `pkg@^1.2.0`) reinstalls whatever the registry serves next: a compromised release runs inside the gateway. Reported for legacy or unknown versions (2026.4+ keeps the records in the state directory).',
  remediation:
    'Pin each `hooks.internal.installs.<id>`.spec to an exact version (`pkg@1.2.3`) and reinstall.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!legacyApplies(t, ctx.project)) return;
    const base: PathSegment[] = ['hooks', 'internal', 'installs'];
    for (const [id, r] of npmInstallRecords(t.value, base)) {
      if (/@v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(String(r.spec).trim())) continue;
      ctx.report({ at: at.path([...base, id, 'spec']), message: `npm install "${id}" is not pinned to an exact version.` });
    }
  },
});
