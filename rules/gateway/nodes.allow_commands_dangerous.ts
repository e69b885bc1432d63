import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { CRITICAL, WARN } from '../_shared/openclaw/severity.js';
import { gatewayOf, nodeLists } from '../_shared/openclaw/gateway.js';
import { targetEra } from '../_shared/openclaw/version.js';

const DANGEROUS_LEGACY = ['camera.snap', 'camera.clip', 'screen.record', 'contacts.add', 'calendar.add', 'reminders.add', 'sms.send'];
const DANGEROUS_CURRENT = [...DANGEROUS_LEGACY, 'camera.ptz.control', 'sms.search', 'health.summary'];


export default defineRule({
  id: 'gateway.nodes.allow_commands_dangerous',
  title: 'Dangerous node commands allowed',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The node command allow list (`gateway.nodes.commands.allow`; 2026.3: `gateway.nodes.allowCommands`) enables commands that reach the physical world or private data of paired devices (camera, screen recording, SMS, contacts, calendar, health). Critical when the gateway is exposed (non-loopback bind or Tailscale serve/funnel).',
  remediation:
    'Remove the dangerous commands from `gateway.nodes.commands.allow` (or add them to `gateway.nodes.commands.deny`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const v = gatewayOf(t, ctx.project);
    const { allow, deny } = nodeLists(t.value);
    const denied = new Set(deny.list.filter((s): s is string => typeof s === 'string').map((s) => s.trim()));
    const dangerous = new Set(targetEra(t, ctx.project) === 'legacy' ? DANGEROUS_LEGACY : DANGEROUS_CURRENT);
    const hits = allow.list.map((c, i) => [c, i] as const).filter(([c]) => typeof c === 'string' && dangerous.has(c.trim()) && !denied.has(c.trim()));
    if (hits.length === 0) return;
    ctx.report({ at: at.path([...allow.path, hits[0]![1]]), severity: v.remoteExposure ? CRITICAL : WARN, message: `Dangerous node commands are allowed: ${hits.map(([c]) => String(c).trim()).join(', ')}.` });
  },
});
