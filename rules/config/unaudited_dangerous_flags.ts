import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { get, isRecord } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';

/** Keys the audit covers elsewhere (config.insecure_or_dangerous_flags, Control UI and channel checks). */
const AUDITED = new Set([
  'gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback',
  'gateway.controlUi.dangerouslyDisableDeviceAuth',
  'browser.ssrfPolicy.dangerouslyAllowPrivateNetwork',
]);

/**
 * `dangerously*` keys set to true that no audit check reports: channel-level network and webhook escape
 * hatches, name matching below the account level (groups, guilds), and the legacy
 * `browser.ssrfPolicy.allowPrivateNetwork` alias. Channel/account-level `dangerouslyAllowNameMatching` is
 * the audit's `channels.<id>.allowFrom.dangerous_name_matching_enabled`; sandbox docker flags are in
 * config.insecure_or_dangerous_flags.
 */
function unaudited(config: unknown): { path: PathSegment[]; label: string }[] {
  const out: { path: PathSegment[]; label: string }[] = [];
  const walk = (v: unknown, path: PathSegment[], depth: number) => {
    if (depth > 16 || !isRecord(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const p = [...path, k];
      const dotted = p.join('.');
      if (x === true && k.startsWith('dangerously') && !AUDITED.has(dotted)) {
        const channelAccountLevel = p[0] === 'channels' && (p.length === 3 || (p.length === 5 && p[2] === 'accounts')) && k === 'dangerouslyAllowNameMatching';
        const dockerFlag = p.includes('sandbox') && p.includes('docker');
        if (!channelAccountLevel && !dockerFlag) out.push({ path: p, label: `${dotted}=true` });
      }
      walk(x, p, depth + 1);
    }
  };
  walk(config, [], 0);
  if (get(config, 'browser', 'ssrfPolicy', 'allowPrivateNetwork') === true) out.push({ path: ['browser', 'ssrfPolicy', 'allowPrivateNetwork'], label: 'browser.ssrfPolicy.allowPrivateNetwork=true (legacy alias of dangerouslyAllowPrivateNetwork)' });
  return out;
}

export default defineRule({
  id: 'config.unaudited_dangerous_flags',
  title: 'Dangerous flag the audit does not report',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'Beyond the audit. A `dangerously*` key is set to `true` where no audit check looks: channel network and webhook escape hatches (`dangerouslyAllowPrivateNetwork`, `dangerouslyDisableSignatureValidation`, `dangerouslyAllowInheritedWebhookPath`), name matching on groups or guilds, or the legacy alias `browser.ssrfPolicy.allowPrivateNetwork`. One finding per flag.',
  remediation:
    'Set the flag named in the finding to `false` (or remove it) unless you have verified why it is needed.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'beyond-audit', 'openclaw-all-versions'],
  precision: 'high',
  check(t, ctx) {
    for (const f of unaudited(t.value)) ctx.report({ at: at.path(f.path), message: `Dangerous flag not covered by the audit: ${f.label}.`, key: f.label });
  },
});
