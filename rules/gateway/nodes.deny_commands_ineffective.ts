import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { nodeLists } from '../_shared/openclaw/gateway.js';

/**
 * Node command ids OpenClaw knows (built-in per-platform sets as documented; plugin commands are runtime-only).
 * A deny entry that is neither one of these nor in the allow list matches nothing. Approximation: see
 * docs/openclaw.md.
 */
const KNOWN = new Set([
  'camera.snap', 'camera.clip', 'camera.list', 'camera.ptz.control', 'screen.record', 'screen.snapshot', 'contacts.add', 'contacts.search', 'calendar.add', 'calendar.events',
  'reminders.add', 'reminders.list', 'sms.send', 'sms.search', 'health.summary', 'location.get', 'system.run', 'system.which', 'system.notify', 'system.execApprovals.get',
  'system.execApprovals.set', 'canvas.present', 'canvas.hide', 'canvas.navigate', 'canvas.eval', 'canvas.snapshot', 'canvas.a2ui.push', 'canvas.a2ui.pushJSONL', 'canvas.a2ui.reset',
  'browser.proxy', 'photos.latest', 'motion.activity', 'motion.pedometer', 'device.status', 'device.info', 'talk.ptt.start', 'talk.ptt.stop',
]);

export function looksLikePattern(s: string): boolean {
  return /[?*[\]{}(),|\s]/.test(s) || s.startsWith('group:') || s.startsWith('/') || s.endsWith('/') || s.startsWith('^') || s.endsWith('$');
}

export default defineRule({
  id: 'gateway.nodes.deny_commands_ineffective',
  title: 'Node command deny entries match nothing',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'The node command deny list (`gateway.nodes.commands.deny`; 2026.3: `gateway.nodes.denyCommands`) matches exact command ids only. Entries that look like patterns (`system.run*`, `group:…`, regexes) or name unknown commands deny nothing, so the operator believes a command is blocked when it is not.',
  remediation:
    'Write exact command ids in `gateway.nodes.commands.deny` (e.g. `"system.run"`, `"camera.snap"`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const { allow, deny } = nodeLists(t.value);
    const allowed = new Set(allow.list.filter((s): s is string => typeof s === 'string').map((s) => s.trim()));
    const bad = deny.list.map((c, i) => [c, i] as const).filter(([c]) => typeof c === 'string' && (looksLikePattern(c.trim()) || (!KNOWN.has(c.trim()) && !allowed.has(c.trim()))));
    if (bad.length === 0) return;
    ctx.report({ at: at.path([...deny.path, bad[0]![1]]), message: `Node command deny entries that match no exact command: ${bad.map(([c]) => JSON.stringify(c)).join(', ')}.` });
  },
});
