import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { legacyApplies } from '../_shared/openclaw/version.js';
import { npmInstallRecords } from '../_shared/openclaw/hooks.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'hooks.installs_missing_integrity',
  title: 'Hook packs installed without an integrity hash',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'OpenClaw 2026.3.x and older record npm installs of hook packs in the config (`hooks.internal.installs.<id>`). A record without `integrity` cannot prove that a reinstall fetches the same package. Reported for legacy or unknown versions.',
  remediation:
    'Reinstall the hook pack with a current OpenClaw so `hooks.internal.installs.<id>`.integrity is recorded, or pin and verify it.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.3'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!legacyApplies(t, ctx.project)) return;
    const base: PathSegment[] = ['hooks', 'internal', 'installs'];
    for (const [id, r] of npmInstallRecords(t.value, base)) {
      if (typeof r.integrity === 'string' && r.integrity.trim()) continue;
      ctx.report({ at: at.path([...base, id]), message: `npm install "${id}" has no integrity hash.` });
    }
  },
});
