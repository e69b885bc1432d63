/**
 * Checks that several OpenClaw audit rules share with only a key changed. Each rule module keeps its own id and
 * metadata and calls one of these, so the condition is written once.
 */
import { at, type PathSegment } from '../../src/model/location.js';
import type { RuleContext } from '../../src/model/rule.js';
import type { OpenClawTarget } from '../../src/model/target.js';
import { agentEntries } from './openclaw/agents.js';
import { credential, credentialText } from './openclaw/values.js';
import { currentApplies } from './openclaw/version.js';
import { deployContext } from './openclaw/deploy.js';
import { gatewayOf } from './openclaw/gateway.js';
import { get } from '../../src/lib/json.js';

/**
 * `gateway.token_placeholder_value` / `gateway.password_placeholder_value`: the gateway runs in `kind` mode and
 * that credential is blank, `"undefined"` or `"null"` (the only values shown, and none of them a secret).
 */
export function checkPlaceholderCredential(kind: 'token' | 'password', t: OpenClawTarget, ctx: RuleContext): void {
  const v = gatewayOf(t, ctx.project);
  if (!currentApplies(t, ctx.project) || v.mode !== kind) return;
  const raw = get(t.value, 'gateway', 'auth', kind);
  const c = typeof raw === 'string' ? credential(raw, deployContext(t, ctx.project)) : v[kind];
  const text = credentialText(c);
  if (text === undefined || !['', 'undefined', 'null'].includes(text.trim())) return;
  ctx.report({ at: at.path(['gateway', 'auth', kind]), message: `The gateway ${kind} is a placeholder (${text.trim() === '' ? 'blank' : JSON.stringify(text.trim())}).` });
}

/**
 * `sandbox.dangerous_seccomp_profile` / `sandbox.dangerous_apparmor_profile`: `sandbox.docker.<key>` is
 * `unconfined` in the agent defaults or in any agent.
 */
export function checkUnconfinedSandboxProfile(key: 'seccompProfile' | 'apparmorProfile', t: OpenClawTarget, ctx: RuleContext): void {
  const scopes: { path: PathSegment[]; docker: unknown }[] = [
    { path: ['agents', 'defaults', 'sandbox', 'docker'], docker: get(t.value, 'agents', 'defaults', 'sandbox', 'docker') },
    ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'sandbox', 'docker'], docker: get(a.value, 'sandbox', 'docker') })),
  ];
  for (const s of scopes) {
    const v = get(s.docker, key);
    if (typeof v !== 'string' || v.trim().toLowerCase() !== 'unconfined') continue;
    ctx.report({ at: at.path([...s.path, key]), message: `Sandbox docker.${key} is "unconfined".` });
  }
}
