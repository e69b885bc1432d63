/**
 * Tool policy as OpenClaw 2026.9.6 evaluates it ("tool allowed in a context": profile, global and agent
 * allow/deny, and the sandbox tool policy), exec security, and the open exec surfaces under `channels`.
 */
import { get, isRecord, str, strings, type Obj } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';
import { agentEntries, sandboxMode } from './agents.js';

const GROUPS: Record<string, readonly string[]> = {
  'group:fs': ['read', 'write', 'edit', 'apply_patch'],
  'group:runtime': ['exec', 'process', 'code_execution', 'terminal'],
  'group:web': ['web_search', 'web_fetch', 'x_search'],
  'group:sessions': ['sessions_list', 'sessions_history', 'sessions_search', 'sessions_send', 'sessions_spawn', 'session_status'],
  'group:memory': ['memory_search', 'memory_get'],
  'group:ui': ['browser', 'canvas'],
  'group:automation': ['cron', 'automations', 'gateway'],
  'group:messaging': ['message'],
  'group:nodes': ['nodes'],
  'group:agents': ['agents_list'],
  'group:plugins': ['plugins'],
  'group:openclaw': ['openclaw'],
};

/** 2026.9.6 profiles; tools in no restricted profile (browser, nodes, computer, openclaw, canvas) are absent. */
const PROFILES: Record<string, readonly string[]> = {
  minimal: ['session_status', 'gateway'],
  coding: [
    'read', 'write', 'edit', 'apply_patch', 'exec', 'process', 'memory_search', 'memory_get', 'sessions_list', 'sessions_history', 'sessions_search', 'sessions_send',
    'sessions_spawn', 'session_status', 'cron', 'image', 'web_search', 'web_fetch', 'x_search', 'automations', 'plugins', 'code_execution', 'secrets', 'terminal', 'screen',
  ],
  messaging: ['message', 'sessions_list', 'sessions_history', 'sessions_search', 'sessions_send', 'session_status', 'conversations_list', 'conversations_send', 'secrets', 'theme', 'ask_user', 'gateway'],
};

const ALIASES: Record<string, string> = { bash: 'exec', 'apply-patch': 'apply_patch' };

function norm(name: string): string {
  const n = name.trim().toLowerCase();
  return ALIASES[n] ?? n;
}

/** Whether a list entry (name, `group:x`, `*`, `prefix*`) covers a tool. */
function matches(entry: string, tool: string): boolean {
  const e = norm(entry);
  if (e === '*' || e === tool) return true;
  if (GROUPS[e]?.includes(tool)) return true;
  return e.endsWith('*') && tool.startsWith(e.slice(0, -1));
}

function policyAllows(policy: unknown, tool: string): boolean {
  const deny = strings(get(policy, 'deny'));
  if (deny.some((d) => matches(d, tool))) return false;
  const allow = strings(get(policy, 'allow'));
  return allow.length === 0 || allow.some((a) => matches(a, tool)) || strings(get(policy, 'alsoAllow')).some((a) => matches(a, tool));
}

/**
 * Whether a tool is allowed in a context: `agent` undefined = `agents.defaults` with the global `tools`. Every
 * applicable policy must allow it: the profile (agent ?? global; `full` or unset = no restriction, `alsoAllow`
 * extends it), global allow/deny, agent allow/deny, and the sandbox tool policy when the context runs fully
 * sandboxed. Provider-specific policies (`tools.byProvider`) are not applied.
 */
export function toolAllowed(config: unknown, agent: Obj | undefined, toolName: string): boolean {
  const tool = norm(toolName);
  const global = get(config, 'tools');
  const local = get(agent, 'tools');
  const profile = str(get(local, 'profile')) ?? str(get(global, 'profile'));
  if (profile && profile !== 'full' && PROFILES[profile]) {
    const also = [...strings(get(global, 'alsoAllow')), ...strings(get(local, 'alsoAllow'))];
    if (!PROFILES[profile].includes(tool) && !also.some((a) => matches(a, tool))) return false;
  }
  if (!policyAllows(global, tool) || !policyAllows(local, tool)) return false;
  if (sandboxMode(config, agent) === 'all' && !policyAllows(get(config, 'tools', 'sandbox', 'tools'), tool)) return false;
  return true;
}

/** The contexts the audit evaluates: `agents.defaults` (agent undefined) and each agent entry. */
export function toolContexts(config: unknown): { label: string; path: PathSegment[]; agent?: Obj }[] {
  return [{ label: 'agents.defaults', path: ['tools'] }, ...agentEntries(config).map((a) => ({ label: `agent "${a.id}"`, path: [...a.path, 'tools'], agent: a.value }))];
}

/** Explicit exec security of a tools block: `mode` (2026.9) mapped, else `security`; undefined when unset. */
export function execSecurity(tools: unknown): string | undefined {
  const mode = str(get(tools, 'exec', 'mode'));
  if (mode) return { deny: 'deny', allowlist: 'allowlist', ask: 'allowlist', auto: 'allowlist', full: 'full' }[mode] ?? mode;
  return str(get(tools, 'exec', 'security'));
}

/** Scopes with explicit exec config: global `tools` and each agent's `tools`. */
export function execScopes(config: unknown): { label: string; path: PathSegment[]; security: string | undefined }[] {
  return [{ label: 'tools', path: ['tools', 'exec'] as PathSegment[], security: execSecurity(get(config, 'tools')) }, ...agentEntries(config).map((a) => ({ label: `agent "${a.id}"`, path: [...a.path, 'tools', 'exec'], security: execSecurity(a.value.tools) }))];
}

/** Open exec surfaces (2026.9): any object under `channels`, at any depth, with groupPolicy or dmPolicy "open". */
export function openExecSurfaces(config: unknown): PathSegment[][] {
  const out: PathSegment[][] = [];
  const walk = (v: unknown, path: PathSegment[], depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i], depth + 1));
    if (!isRecord(v)) return;
    if (v.groupPolicy === 'open') out.push([...path, 'groupPolicy']);
    if (v.dmPolicy === 'open') out.push([...path, 'dmPolicy']);
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth + 1);
  };
  walk(get(config, 'channels'), ['channels'], 0);
  return out;
}
