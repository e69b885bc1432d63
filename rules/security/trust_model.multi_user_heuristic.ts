import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { multiUserSignals } from '../_shared/openclaw/channels.js';

export default defineRule({
  id: 'security.trust_model.multi_user_heuristic',
  title: 'Gateway looks shared by several users',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Some channel admits several people (an open `groupPolicy`/`dmPolicy`, an allowlisted group, guild, channel or room, or a `"*"` in `allowFrom`/`groupAllowFrom`). OpenClaw runs one trust boundary per gateway: every person who can message the bot shares the agent, its tools, memory and credentials.',
  remediation:
    'Run one gateway per trust boundary, or harden the shared setup: `tools.profile: "messaging"`, `agents.defaults.sandbox.mode: "all"`, `tools.elevated.enabled: false`, `session.dmScope: "per-channel-peer"`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const signal = multiUserSignals(t.value)[0];
    if (!signal) return;
    ctx.report({ at: at.path(signal.path), message: `Multi-user signal: ${signal.label}.` });
  },
});
