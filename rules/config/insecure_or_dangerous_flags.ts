import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { arr, get, obj } from '../../src/lib/json.js';
import { targetEra } from '../_shared/openclaw/version.js';
import type { PathSegment } from '../../src/model/location.js';

interface Flag {
  path: PathSegment[];
  label: string;
}

const DOCKER_FLAGS = ['dangerouslyAllowReservedContainerTargets', 'dangerouslyAllowExternalBindSources', 'dangerouslyAllowContainerNamespaceJoin'];

/** The flags the audit's `config.insecure_or_dangerous_flags` lists: 2026.9.6's list, or 2026.3.x's for legacy targets. */
function flags(config: unknown, era: 'legacy' | 'current' | 'unknown'): Flag[] {
  const out: Flag[] = [];
  const add = (path: PathSegment[], expected: unknown, label = `${path.join('.')}=${String(expected)}`) => {
    if (get(config, ...path) === expected) out.push({ path, label });
  };
  const ui = ['gateway', 'controlUi'];
  if (era !== 'current') add([...ui, 'allowInsecureAuth'], true);
  add([...ui, 'dangerouslyAllowHostHeaderOriginFallback'], true);
  // 2026.3 flags; for an unknown version the key itself marks the config as written for 2026.3.
  if (era !== 'current') add([...ui, 'dangerouslyDisableDeviceAuth'], true);
  add(['hooks', 'gmail', 'allowUnsafeExternalContent'], true);
  arr(get(config, 'hooks', 'mappings')).forEach((_m, i) => add(['hooks', 'mappings', i, 'allowUnsafeExternalContent'], true, `hooks.mappings[${i}].allowUnsafeExternalContent=true`));
  add(['tools', 'exec', 'applyPatch', 'workspaceOnly'], false);
  if (era === 'legacy') return out;
  const suppressions = arr(get(config, 'security', 'audit', 'suppressions'));
  if (suppressions.length > 0) out.push({ path: ['security', 'audit', 'suppressions'], label: `security.audit.suppressions configured (${suppressions.length})` });
  add(['hooks', 'allowRequestSessionKey'], true);
  add(['browser', 'ssrfPolicy', 'dangerouslyAllowPrivateNetwork'], true);
  add(['tools', 'fs', 'workspaceOnly'], false);
  for (const f of DOCKER_FLAGS) add(['agents', 'defaults', 'sandbox', 'docker', f], true);
  for (const a of agentEntries(config)) for (const f of DOCKER_FLAGS) add([...a.path, 'sandbox', 'docker', f], true);
  // The bundled imap plugin declares these (configContracts.dangerousFlags).
  for (const [acc, v] of Object.entries(obj(get(config, 'plugins', 'entries', 'imap', 'config', 'accounts')))) {
    const base: PathSegment[] = ['plugins', 'entries', 'imap', 'config', 'accounts', acc, 'senderAuth'];
    if (get(v, 'senderAuth', 'acceptTrustedAuthservId') === true) out.push({ path: [...base, 'acceptTrustedAuthservId'], label: `${base.join('.')}.acceptTrustedAuthservId=true` });
    const min = get(v, 'senderAuth', 'min');
    if (min === 'unverified' || min === 'mutable') out.push({ path: [...base, 'min'], label: `${base.join('.')}.min=${min}` });
  }
  return out;
}

export default defineRule({
  id: 'config.insecure_or_dangerous_flags',
  title: 'Insecure or dangerous config flag enabled',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    'A flag that OpenClaw itself lists as insecure or dangerous is set (Control UI host-header fallback, unsafe external content in hooks, apply_patch or fs tools outside the workspace, request-chosen hook sessions, private-network browsing, sandbox escape hatches, audit suppressions). One finding per flag, at the flag, as the 2026.9 audit reports them.',
  remediation:
    'Set the flag named in the finding back to its safe value (`false`, or `true` for `workspaceOnly`), or remove it, unless you are debugging locally.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const f of flags(t.value, targetEra(t, ctx.project))) {
      ctx.report({ at: at.path(f.path), message: `Insecure or dangerous flag: ${f.label}.`, key: f.label });
    }
  },
});
