import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { currentApplies } from '../_shared/openclaw/version.js';
import { execScopes, openExecSurfaces } from '../_shared/openclaw/tools.js';

export default defineRule({
  id: 'security.exposure.open_channels_with_exec',
  title: 'Open channels with exec configured',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Some channel object (a channel, account, group or DM scope) has `groupPolicy` or `dmPolicy` `"open"` while exec is explicitly configured with a security other than `deny`: anyone who can message the bot can ask it to run commands. Critical when some scope runs exec with security `full`.',
  remediation:
    'Close the channel policy (`"allowlist"`/`"pairing"`), or set `tools.exec.mode: "deny"` for agents reachable from open channels.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-2026.4+'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    if (!currentApplies(t, ctx.project)) return;
    const surfaces = openExecSurfaces(t.value);
    if (surfaces.length === 0) return;
    const scopes = execScopes(t.value).filter((s) => s.security !== undefined && s.security !== 'deny');
    if (scopes.length === 0) return;
    const full = scopes.some((s) => s.security === 'full');
    ctx.report({ at: at.path(surfaces[0]!), severity: full ? CRITICAL : WARN, message: `Open channel policy while exec is configured (${scopes.map((s) => `${s.label}: ${s.security}`).join(', ')}).` });
  },
});
