/**
 * Shared definitions for the OpenClaw config rules, reproducing `openclaw security audit` (2026.9.6, with the
 * 2026.3.x legacy behaviour where noted). See docs/openclaw.md for the decisions and
 * ../shared/reference/openclaw-audit.md §3.1 for the audit's own definitions these follow.
 */
import type { PathSegment } from '../../src/model/location.js';
import type { ProjectView } from '../../src/model/target.js';
import type { Severity } from '../../src/model/severity.js';
import type { OpenClawTarget } from '../../src/model/target.js';
import { gatewayViews, type GatewayView as ComposeGatewayView } from './compose-gateway.js';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a path of a plain JSON value, or undefined. */
export function get(v: unknown, ...path: PathSegment[]): unknown {
  let cur = v;
  for (const seg of path) {
    if (typeof seg === 'number' ? !Array.isArray(cur) : !isObj(cur)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** Trimmed non-empty strings of a list. */
export const strings = (v: unknown): string[] => arr(v).filter((s): s is string => typeof s === 'string').map((s) => s.trim()).filter(Boolean);

/** The audit's warn / critical / info, in Gatewarden's scale. */
export const WARN: Severity = 'medium';
export const CRITICAL: Severity = 'critical';
export const INFO: Severity = 'info';

// ---------------------------------------------------------------------------------------------------------
// Values: literals, `${VAR}` references, SecretRefs
// ---------------------------------------------------------------------------------------------------------

/** `${NAME}` (upper-case names only, as OpenClaw substitutes) or the 9.6 `$NAME` shorthand; `$${` escapes. */
export function envRefName(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(?:\$\{([A-Z_][A-Z0-9_]*)\}|\$([A-Z_][A-Z0-9_]*))\s*$/.exec(v);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** A string that contains a `${VAR}` reference somewhere (a partial substitution). */
export function hasEnvRef(v: unknown): boolean {
  return typeof v === 'string' && /(^|[^$])\$\{[A-Z_][A-Z0-9_]*\}/.test(v);
}

export function isSecretRef(v: unknown): v is Obj {
  return isObj(v) && typeof v.source === 'string' && typeof v.id === 'string';
}

/**
 * A credential as the config states it: absent, a literal written in the file, or a reference that is
 * provided at deploy time (`${VAR}`, SecretRef). `value` is the value when it is known: the literal, or the
 * variable's value when the repository's deployment provides it (DeployContext.env).
 */
export type Credential =
  | { kind: 'absent' }
  | { kind: 'literal'; value: string }
  | { kind: 'ref'; ref: string; value?: string };

export function credential(v: unknown, deploy: DeployContext = {}): Credential {
  if (v === undefined || v === null) return { kind: 'absent' };
  if (isSecretRef(v)) {
    const ref = `${v.source}:${String(v.provider ?? 'default')}:${v.id}`;
    const value = v.source === 'env' ? deploy.env?.[String(v.id)] : undefined;
    return value === undefined ? { kind: 'ref', ref } : { kind: 'ref', ref, value };
  }
  if (typeof v !== 'string') return { kind: 'absent' };
  const name = envRefName(v);
  if (name) {
    const value = deploy.env?.[name];
    return value === undefined ? { kind: 'ref', ref: `env:default:${name}` } : { kind: 'ref', ref: `env:default:${name}`, value };
  }
  if (hasEnvRef(v)) return { kind: 'ref', ref: `template:${v}` };
  return { kind: 'literal', value: v };
}

/** Non-empty after trimming, or a reference (a provided reference is assumed non-empty). */
export function credentialPresent(c: Credential): boolean {
  if (c.kind === 'absent') return false;
  if (c.kind === 'literal') return c.value.trim() !== '';
  return c.value === undefined || c.value.trim() !== '';
}

/** The known text of a credential (a literal, or a reference whose value the deployment holds). */
export function credentialText(c: Credential): string | undefined {
  return c.kind === 'literal' ? c.value : c.kind === 'ref' ? c.value : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The deployment seam
// ---------------------------------------------------------------------------------------------------------

/**
 * SEAM for the compose view (rules/_shared/compose-gateway.ts, owned by another engineer): what the deployment
 * adds to the config file at run time. Today the config rules call `gatewayView(config)` with an empty
 * context: a `${VAR}` in the config counts as provided, and no env var or CLI flag is known. The integrator
 * feeds the compose service's environment (`OPENCLAW_GATEWAY_TOKEN`, `OPENCLAW_GATEWAY_PASSWORD`, values of
 * referenced variables) and its `gateway --bind/--port/--auth/--token/--password` flags in here.
 */
export interface DeployContext {
  /** Environment known to the deployment; a value of '' means set but empty. */
  env?: Readonly<Record<string, string>>;
  /** Names set by the deployment whose value the repository does not hold (`${X}` in compose, secrets). */
  providedEnv?: ReadonlySet<string>;
  /** `openclaw gateway` CLI flags, which override the config. */
  flags?: { bind?: string; port?: number; auth?: string; token?: string; password?: string };
}

const envSet = (deploy: DeployContext, name: string) => deploy.env?.[name] !== undefined || deploy.providedEnv?.has(name) === true;

/** The audit's view of the gateway (reference §3.1), from the config and what the deployment adds. */
export interface GatewayView {
  bind: string;
  nonLoopback: boolean;
  tailscale: string;
  /** Non-loopback bind, or Tailscale serve/funnel: the escalation for hooks, HTTP no-auth and node commands. */
  remoteExposure: boolean;
  /** Explicit `gateway.auth.mode`, or undefined. */
  explicitMode: string | undefined;
  /** The resolved mode: explicit, else `password` when a password resolves, else `token`. */
  mode: string;
  token: Credential;
  password: Credential;
  tokenConfigured: boolean;
  passwordConfigured: boolean;
  hasAuth: boolean;
  hasLoopbackAuth: boolean;
  controlUiEnabled: boolean;
  /** The env var that supplies the token when the config has none (its value, when known). */
  envToken: Credential;
  envPassword: Credential;
}

export function gatewayView(config: unknown, deploy: DeployContext = {}): GatewayView {
  const gw = obj(get(config, 'gateway'));
  const auth = obj(gw.auth);
  const bindRaw = deploy.flags?.bind ?? gw.bind;
  const bind = typeof bindRaw === 'string' ? bindRaw : 'loopback';
  const nonLoopback = bind !== 'loopback';
  const tailscale = str(get(gw, 'tailscale', 'mode')) ?? 'off';
  const fromEnv = (name: string): Credential =>
    envSet(deploy, name) ? (deploy.env?.[name] !== undefined ? { kind: 'ref', ref: `env:default:${name}`, value: deploy.env[name]! } : { kind: 'ref', ref: `env:default:${name}` }) : { kind: 'absent' };
  const envToken = fromEnv('OPENCLAW_GATEWAY_TOKEN');
  const envPassword = fromEnv('OPENCLAW_GATEWAY_PASSWORD');
  const configToken = deploy.flags?.token !== undefined ? credential(deploy.flags.token, deploy) : credential(auth.token, deploy);
  const configPassword = deploy.flags?.password !== undefined ? credential(deploy.flags.password, deploy) : credential(auth.password, deploy);
  const token = credentialPresent(configToken) ? configToken : envToken;
  const password = credentialPresent(configPassword) ? configPassword : envPassword;
  const remoteToken = credential(get(gw, 'remote', 'token'), deploy);
  const tokenConfigured = credentialPresent(token) || credentialPresent(remoteToken);
  const passwordPresent = credentialPresent(password);
  const explicitMode = deploy.flags?.auth ?? str(auth.mode);
  const mode = explicitMode ?? (passwordPresent ? 'password' : 'token');
  const passwordConfigured = passwordPresent && (mode === 'password' || !tokenConfigured);
  let hasAuth: boolean;
  if (mode === 'token') hasAuth = tokenConfigured;
  else if (mode === 'password') hasAuth = passwordConfigured;
  else if (mode === 'none') hasAuth = false;
  else if (mode === 'trusted-proxy') hasAuth = true;
  else hasAuth = tokenConfigured || passwordConfigured;
  const allowTailscale = typeof auth.allowTailscale === 'boolean' ? auth.allowTailscale : tailscale === 'serve' && mode !== 'password' && mode !== 'trusted-proxy';
  return {
    bind,
    nonLoopback,
    tailscale,
    remoteExposure: nonLoopback || tailscale === 'serve' || tailscale === 'funnel',
    explicitMode,
    mode,
    token,
    password,
    tokenConfigured,
    passwordConfigured,
    hasAuth,
    hasLoopbackAuth: hasAuth || (tailscale === 'serve' && allowTailscale),
    controlUiEnabled: get(gw, 'controlUi', 'enabled') !== false,
    envToken,
    envPassword,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Target version
// ---------------------------------------------------------------------------------------------------------

export type VersionRange = 'legacy' | 'current' | 'both';

/**
 * The OpenClaw version a config is written for: `meta.lastTouchedVersion`, else a pinned
 * `ghcr.io/openclaw/openclaw:<version>` image in a compose file of the repository, else unknown.
 * `legacy` = 2026.3.x and older (the audit's 3.2 behaviour), `current` = 2026.4 and newer.
 */
export function targetEra(target: OpenClawTarget, project?: ProjectView): 'legacy' | 'current' | 'unknown' {
  const v = str(get(target.value, 'meta', 'lastTouchedVersion')) ?? imageVersion(project);
  if (!v) return 'unknown';
  const m = /^v?(\d{4})\.(\d+)\./.exec(v.trim());
  if (!m) return 'unknown';
  const [year, month] = [Number(m[1]), Number(m[2])];
  return year < 2026 || (year === 2026 && month <= 3) ? 'legacy' : 'current';
}

function imageVersion(project?: ProjectView): string | undefined {
  for (const c of project?.targets('compose') ?? []) {
    for (const svc of Object.values(obj(get(c.value, 'services')))) {
      const image = str(get(svc, 'image'));
      const version = image ? openclawImageTag(image) : undefined;
      if (version) return version;
    }
  }
  return undefined;
}

/**
 * The version in `ghcr.io/openclaw/openclaw:2026.9.6` / `openclaw:v2026.3.2-beta`: split at the last `:` and
 * match the tag from its start (an unanchored `\d+\.\d+[\w.-]*$` search backtracks quadratically).
 */
function openclawImageTag(image: string): string | undefined {
  const colon = image.lastIndexOf(':');
  if (colon === -1) return undefined;
  const name = image.slice(0, colon);
  if (!/(^|\/)openclaw(\/openclaw)?$/.test(name)) return undefined;
  return /^v?(\d{4}\.\d{1,4}\.\d{1,6}[\w.-]{0,64})$/.exec(image.slice(colon + 1))?.[1];
}

/** A rule for a check that exists only in 2026.3.x: runs for legacy targets, and for unknown ones. */
export function legacyApplies(target: OpenClawTarget, project?: ProjectView): boolean {
  return targetEra(target, project) !== 'current';
}
/** A rule for a check that exists only from 2026.4 on: runs unless the target is known to be legacy. */
export function currentApplies(target: OpenClawTarget, project?: ProjectView): boolean {
  return targetEra(target, project) !== 'legacy';
}

// ---------------------------------------------------------------------------------------------------------
// Agents, channels
// ---------------------------------------------------------------------------------------------------------

export interface AgentEntry {
  id: string;
  /** Merged path of the entry: `['agents','entries',id]` or `['agents','list',i]`. */
  path: PathSegment[];
  value: Obj;
}

/** `agents.entries.<id>` (9.6) and the legacy `agents.list[]` (still read by the 9.6 audit). */
export function agentEntries(config: unknown): AgentEntry[] {
  const out: AgentEntry[] = [];
  for (const [id, v] of Object.entries(obj(get(config, 'agents', 'entries')))) if (isObj(v)) out.push({ id, path: ['agents', 'entries', id], value: v });
  arr(get(config, 'agents', 'list')).forEach((v, i) => {
    if (isObj(v)) out.push({ id: str(v.id) ?? String(i), path: ['agents', 'list', i], value: v });
  });
  return out;
}

/** The effective sandbox mode of an agent (agent ?? defaults ?? off). */
export function sandboxMode(config: unknown, agent?: Obj): string {
  return str(get(agent, 'sandbox', 'mode')) ?? str(get(config, 'agents', 'defaults', 'sandbox', 'mode')) ?? 'off';
}

/**
 * Every string entry of a sandbox `docker.binds` list, in `agents.defaults.sandbox.docker` and then in each agent
 * entry's `sandbox.docker`, with the path of the entry (`[..., 'binds', i]`). Non-string entries are skipped.
 */
export function sandboxBinds(config: unknown): { path: PathSegment[]; bind: string }[] {
  const scopes: { path: PathSegment[]; docker: unknown }[] = [{ path: ['agents', 'defaults', 'sandbox', 'docker'], docker: get(config, 'agents', 'defaults', 'sandbox', 'docker') }, ...agentEntries(config).map((a) => ({ path: [...a.path, 'sandbox', 'docker'], docker: get(a.value, 'sandbox', 'docker') }))];
  const out: { path: PathSegment[]; bind: string }[] = [];
  for (const s of scopes) {
    arr(get(s.docker, 'binds')).forEach((b, i) => {
      if (typeof b === 'string') out.push({ path: [...s.path, 'binds', i], bind: b });
    });
  }
  return out;
}

export interface ChannelScope {
  channel: string;
  account?: string;
  path: PathSegment[];
  value: Obj;
}

/** Every `channels.<id>` and `channels.<id>.accounts.<a>` object (not `channels.defaults`). */
export function channelScopes(config: unknown): ChannelScope[] {
  const out: ChannelScope[] = [];
  for (const [id, ch] of Object.entries(obj(get(config, 'channels')))) {
    if (id === 'defaults' || !isObj(ch)) continue;
    out.push({ channel: id, path: ['channels', id], value: ch });
    for (const [a, acc] of Object.entries(obj(ch.accounts))) if (isObj(acc)) out.push({ channel: id, account: a, path: ['channels', id, 'accounts', a], value: acc });
  }
  return out;
}

/**
 * Open inbound policies of the exposure matrix: groupPolicy open, dmPolicy open, legacy dm.policy open, on
 * every key of `channels` (the audit includes `channels.defaults`) and every account.
 */
export function openInboundScopes(config: unknown): ChannelScope[] {
  const defaults = get(config, 'channels', 'defaults');
  const scopes = isObj(defaults) ? [{ channel: 'defaults', path: ['channels', 'defaults'] as PathSegment[], value: defaults }, ...channelScopes(config)] : channelScopes(config);
  return scopes.filter((s) => s.value.groupPolicy === 'open' || s.value.dmPolicy === 'open' || get(s.value, 'dm', 'policy') === 'open');
}

/**
 * What the repository itself says about the deployment of a config: `.env` files (not templates) in the
 * config's folder or at the repository root, and the compose service that runs the gateway with this config
 * mounted (rules/_shared/compose-gateway.ts): a token or password it passes (a literal, or `${X}` provided at
 * deploy time) counts as configured, and its `--bind/--port/--auth` flags override the config, as the CLI does.
 */
export function deployContext(target: OpenClawTarget, project?: ProjectView): DeployContext {
  // Every gateway rule asks for the same target's context: compute it once per target (per scan).
  const known = deployContexts.get(target);
  if (known) return known;
  const dir = target.file.includes('/') ? target.file.slice(0, target.file.lastIndexOf('/')) : '';
  const env: Record<string, string> = {};
  for (const d of project?.targets('dotenv') ?? []) {
    const ddir = d.file.includes('/') ? d.file.slice(0, d.file.lastIndexOf('/')) : '';
    if (d.template || (ddir !== dir && ddir !== '')) continue;
    for (const e of d.entries) if (env[e.key] === undefined || ddir === dir) env[e.key] = e.value;
  }
  const providedEnv = referencedEnv(target.value);
  const flags: NonNullable<DeployContext['flags']> = {};
  for (const v of composeGateways(project)) {
    {
      if (v.config?.file !== target.file) continue;
      if (v.token.value !== 'none') providedEnv.add('OPENCLAW_GATEWAY_TOKEN');
      if (v.password.value !== 'none') providedEnv.add('OPENCLAW_GATEWAY_PASSWORD');
      if (v.bind.source === 'command' || v.bind.source === 'environment' || v.bind.source === 'env_file') flags.bind = v.bind.value;
      if (v.authMode.source === 'command' && v.authMode.value !== undefined) flags.auth = v.authMode.value;
    }
  }
  const context = { env, providedEnv, ...(Object.keys(flags).length ? { flags } : {}) };
  deployContexts.set(target, context);
  return context;
}

const deployContexts = new WeakMap<OpenClawTarget, DeployContext>();
const composeGatewayCache = new WeakMap<ProjectView, ComposeGatewayView[]>();

/** The gateway views of every compose project of the scan, each with its mounted config: computed once per scan. */
function composeGateways(project?: ProjectView): ComposeGatewayView[] {
  if (!project) return [];
  let views = composeGatewayCache.get(project);
  if (!views) {
    const configs = project.targets('openclaw');
    views = project.targets('compose_project').flatMap((c) => gatewayViews(c, configs));
    composeGatewayCache.set(project, views);
  }
  return views;
}

/**
 * Variables the config references (`${NAME}` anywhere in a string, a whole-string `$NAME`, env SecretRefs).
 * "Provided at deploy time" means they exist in the gateway's environment, so a referenced
 * `OPENCLAW_GATEWAY_TOKEN` is also the env token the audit's auth checks see.
 */
export function referencedEnv(config: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      for (const m of v.matchAll(/(?:^|[^$])\$\{([A-Z_][A-Z0-9_]*)\}/g)) out.add(m[1]!);
      const whole = envRefName(v);
      if (whole) out.add(whole);
    } else if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
    } else if (isObj(v)) {
      if (isSecretRef(v) && v.source === 'env') out.add(String(v.id));
      for (const x of Object.values(v)) walk(x, depth + 1);
    }
  };
  walk(config, 0);
  return out;
}

/** The gateway as deployed from this repository: the config plus the deployment it can see. */
export function gatewayOf(target: OpenClawTarget, project?: ProjectView): GatewayView {
  return gatewayView(target.value, deployContext(target, project));
}

/** 2026.9 `gateway.nodes.commands.{allow,deny}`, 2026.3 `gateway.nodes.{allowCommands,denyCommands}`. */
export function nodeLists(config: unknown): { allow: { path: PathSegment[]; list: unknown[] }; deny: { path: PathSegment[]; list: unknown[] } } {
  const current = get(config, 'gateway', 'nodes', 'commands');
  if (current !== undefined) return { allow: { path: ['gateway', 'nodes', 'commands', 'allow'], list: arr(get(current, 'allow')) }, deny: { path: ['gateway', 'nodes', 'commands', 'deny'], list: arr(get(current, 'deny')) } };
  return { allow: { path: ['gateway', 'nodes', 'allowCommands'], list: arr(get(config, 'gateway', 'nodes', 'allowCommands')) }, deny: { path: ['gateway', 'nodes', 'denyCommands'], list: arr(get(config, 'gateway', 'nodes', 'denyCommands')) } };
}

// ---------------------------------------------------------------------------------------------------------
// Tool policy (reference §2.5, §3.1 "tool allowed in a context")
// ---------------------------------------------------------------------------------------------------------

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
    if (!isObj(v)) return;
    if (v.groupPolicy === 'open') out.push([...path, 'groupPolicy']);
    if (v.dmPolicy === 'open') out.push([...path, 'dmPolicy']);
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k], depth + 1);
  };
  walk(get(config, 'channels'), ['channels'], 0);
  return out;
}

/** The path of the first open inbound policy (for anchoring exposure findings). */
export function firstOpenPolicyPath(config: unknown): PathSegment[] | undefined {
  const s = openInboundScopes(config)[0];
  if (!s) return undefined;
  const key = s.value.groupPolicy === 'open' ? 'groupPolicy' : s.value.dmPolicy === 'open' ? 'dmPolicy' : 'dm';
  return [...s.path, key];
}

/**
 * The open inbound side of the exposure matrix (the `security.exposure.open_groups_with_*` rules): undefined when no
 * policy is open, else the path to anchor the finding on (the first open policy, else `channels`) and the open
 * scopes as `channel` or `channel/account`, comma-separated, for the message.
 */
export function openInboundExposure(config: unknown): { anchor: PathSegment[]; where: string } | undefined {
  const open = openInboundScopes(config);
  if (open.length === 0) return undefined;
  return {
    anchor: firstOpenPolicyPath(config) ?? ['channels'],
    where: open.map((s) => (s.account ? `${s.channel}/${s.account}` : s.channel)).join(', '),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Hooks, install records
// ---------------------------------------------------------------------------------------------------------

/** The `hooks` block when hooks are enabled (`hooks.enabled: true`), else undefined: the guard of the hooks.* rules. */
export function enabledHooks(config: unknown): Obj | undefined {
  const h = obj(get(config, 'hooks'));
  return h.enabled === true ? h : undefined;
}

/**
 * npm install records under `base` (`plugins.installs`, `hooks.internal.installs`; 2026.3.x keeps them in the
 * config): `[id, record]` for each object record whose `source` is `npm` or unset and that has a string `spec`.
 */
export function npmInstallRecords(config: unknown, base: readonly PathSegment[]): [string, Obj][] {
  return Object.entries(obj(get(config, ...base))).filter(([, r]) => isObj(r) && (r.source === 'npm' || r.source === undefined) && typeof r.spec === 'string') as [string, Obj][];
}

// ---------------------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------------------

export interface ModelRef {
  model: string;
  path: PathSegment[];
  image: boolean;
  /** The agent entry whose context the model runs in (undefined = agents.defaults). */
  agent?: Obj;
}

/**
 * Model refs the audit inspects: defaults model and imageModel (primary + fallbacks) and each agent's model,
 * alias-resolved through `agents.defaults.models` (`{"provider/model": {alias}}`). Models only declared under
 * `models.providers.*.models[]` are not inspected (as in the audit).
 */
export function modelRefs(config: unknown): ModelRef[] {
  const aliases = new Map<string, string>();
  for (const [id, v] of Object.entries(obj(get(config, 'agents', 'defaults', 'models')))) {
    const a = str(get(v, 'alias'));
    if (a) aliases.set(a.trim().toLowerCase(), id);
  }
  const out: ModelRef[] = [];
  const add = (v: unknown, path: PathSegment[], image: boolean, agent?: Obj) => {
    const push = (m: unknown, p: PathSegment[]) => {
      if (typeof m === 'string' && m.trim()) out.push({ model: aliases.get(m.trim().toLowerCase()) ?? m.trim(), path: p, image, ...(agent ? { agent } : {}) });
    };
    if (typeof v === 'string') return push(v, path);
    push(get(v, 'primary'), [...path, 'primary']);
    arr(get(v, 'fallbacks')).forEach((f, i) => push(f, [...path, 'fallbacks', i]));
  };
  add(get(config, 'agents', 'defaults', 'model'), ['agents', 'defaults', 'model'], false);
  add(get(config, 'agents', 'defaults', 'imageModel'), ['agents', 'defaults', 'imageModel'], true);
  for (const a of agentEntries(config)) add(a.value.model, [...a.path, 'model'], false, a.value);
  return out;
}

/**
 * Parameter count (billions) inferred from a model id, as the audit does: the largest token made of (start or a
 * non-alphanumeric char) + an optional letter + a number + `b`, followed by a non-alphanumeric char or the end.
 * `llama3.1:8b` → 8, `qwen3-235b-a22b` → 235, `gemma4:e2b` → 2, `mixtral-8x7b` → none.
 */
export function paramSize(model: string): number | undefined {
  let best: number | undefined;
  for (const m of model.toLowerCase().matchAll(/(?:^|[^a-z0-9])[a-z]?(\d+(?:\.\d+)?)b(?=$|[^a-z0-9])/g)) {
    const n = Number(m[1]);
    if (best === undefined || n > best) best = n;
  }
  return best;
}

/**
 * Multi-user signals of the trust-model heuristic, per channel and account (accounts inherit the channel's
 * keys): groupPolicy open; allowlist with non-empty groups/guilds/channels/rooms; dmPolicy open; a `"*"` in
 * allowFrom or groupAllowFrom; legacy dm.policy open or dm.allowFrom `"*"`.
 */
export function multiUserSignals(config: unknown): { path: PathSegment[]; label: string }[] {
  const out: { path: PathSegment[]; label: string }[] = [];
  for (const s of channelScopes(config)) {
    const base = s.account ? obj(get(config, 'channels', s.channel)) : {};
    const v = { ...base, ...s.value };
    const own = (k: string): PathSegment[] => (k in s.value ? [...s.path, k] : ['channels', s.channel, k]);
    const name = s.account ? `channels.${s.channel}.accounts.${s.account}` : `channels.${s.channel}`;
    // An unset groupPolicy is "allowlist" (OpenClaw's default), so configured groups are a signal on their own.
    const groupPolicy = v.groupPolicy ?? get(config, 'channels', 'defaults', 'groupPolicy') ?? 'allowlist';
    if (groupPolicy === 'open') out.push({ path: own('groupPolicy'), label: `${name}.groupPolicy="open"` });
    if (groupPolicy === 'allowlist') {
      for (const k of ['groups', 'guilds', 'channels', 'rooms']) if (isObj(v[k]) && Object.keys(v[k]).length > 0) out.push({ path: own(k), label: `${name}.${k} allowlisted` });
    }
    if (v.dmPolicy === 'open') out.push({ path: own('dmPolicy'), label: `${name}.dmPolicy="open"` });
    for (const k of ['allowFrom', 'groupAllowFrom']) if (strings(v[k]).includes('*')) out.push({ path: own(k), label: `${name}.${k} contains "*"` });
    if (get(v, 'dm', 'policy') === 'open') out.push({ path: [...own('dm'), 'policy'], label: `${name}.dm.policy="open"` });
    if (strings(get(v, 'dm', 'allowFrom')).includes('*')) out.push({ path: [...own('dm'), 'allowFrom'], label: `${name}.dm.allowFrom contains "*"` });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Channel accounts (reference §2.4, §3.2 Channels)
// ---------------------------------------------------------------------------------------------------------

export interface ChannelAccount {
  channel: string;
  account?: string;
  /** The account's settings over the channel's (an account inherits what it does not set). */
  value: Obj;
  /** Merged path of a key as this account sees it: in the account when set there, else in the channel. */
  pathOf(key: string): PathSegment[];
  /** `channels.<id>` or `channels.<id>.accounts.<a>`, for messages. */
  label: string;
}

/** Every enabled channel account: each `channels.<id>.accounts.<a>`, or the channel itself when it has none. */
export function channelAccounts(config: unknown, channel?: string): ChannelAccount[] {
  const out: ChannelAccount[] = [];
  for (const [id, ch] of Object.entries(obj(get(config, 'channels')))) {
    if (id === 'defaults' || !isObj(ch) || (channel !== undefined && id !== channel) || ch.enabled === false) continue;
    const accounts = Object.entries(obj(ch.accounts)).filter(([, a]) => isObj(a) && a.enabled !== false) as [string, Obj][];
    if (accounts.length === 0) {
      out.push({ channel: id, value: ch, pathOf: (k) => ['channels', id, k], label: `channels.${id}` });
      continue;
    }
    for (const [a, acc] of accounts) {
      const { accounts: _omit, ...base } = ch;
      out.push({ channel: id, account: a, value: { ...base, ...acc }, pathOf: (k) => (k in acc ? ['channels', id, 'accounts', a, k] : ['channels', id, k]), label: `channels.${id}.accounts.${a}` });
    }
  }
  return out;
}

/** Effective DM policy: `dmPolicy`, else legacy `dm.policy`, else `pairing`; with the key that sets it. */
export function dmPolicyOf(a: ChannelAccount): { policy: string; path: PathSegment[] } {
  if (typeof a.value.dmPolicy === 'string') return { policy: a.value.dmPolicy, path: a.pathOf('dmPolicy') };
  const legacy = get(a.value, 'dm', 'policy');
  if (typeof legacy === 'string') return { policy: legacy, path: [...a.pathOf('dm'), 'policy'] };
  return { policy: 'pairing', path: a.pathOf('dmPolicy') };
}

/** DM sender allowlist: `allowFrom`, else legacy `dm.allowFrom`. */
export function dmAllowFrom(a: ChannelAccount): { list: string[]; path: PathSegment[] } {
  if (Array.isArray(a.value.allowFrom)) return { list: arr(a.value.allowFrom).map((x) => String(x).trim()).filter(Boolean), path: a.pathOf('allowFrom') };
  return { list: arr(get(a.value, 'dm', 'allowFrom')).map((x) => String(x).trim()).filter(Boolean), path: [...a.pathOf('dm'), 'allowFrom'] };
}

/** Effective group policy: account/channel `groupPolicy`, else `channels.defaults.groupPolicy`, else `allowlist`. */
export function groupPolicyOf(config: unknown, a: ChannelAccount): { policy: string; path: PathSegment[] } {
  if (typeof a.value.groupPolicy === 'string') return { policy: a.value.groupPolicy, path: a.pathOf('groupPolicy') };
  const d = get(config, 'channels', 'defaults', 'groupPolicy');
  if (typeof d === 'string') return { policy: d, path: ['channels', 'defaults', 'groupPolicy'] };
  return { policy: 'allowlist', path: a.pathOf('groupPolicy') };
}

/** Discord's stable sender forms; anything else (names, `name#1234`) is a mutable entry. */
export function isMutableDiscordEntry(entry: string): boolean {
  const e = entry.trim();
  if (e === '*' || e.startsWith('accessGroup:')) return false;
  return !/^(\d+|<@!?\d+>|(discord|user|pk):\S+)$/i.test(e);
}

// ---------------------------------------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------------------------------------

/** CDP endpoints of the browser config: `browser.cdpUrl` and `browser.profiles.<name>.cdpUrl`. */
/**
 * The browser CDP URLs the config states. OpenClaw reads a URL after `${VAR}` substitution, so a URL that
 * cannot be parsed with its reference in place (`${BROWSER_CDP_URL}`) is unknown until deploy time and left
 * out; one that parses around its reference (`ws://chrome:9222/${TOKEN}`) is kept.
 */
export function cdpEndpoints(config: unknown): { path: PathSegment[]; url: string }[] {
  const out: { path: PathSegment[]; url: string }[] = [];
  const add = (path: PathSegment[], u: unknown) => {
    if (typeof u !== 'string') return;
    if ((envRefName(u) !== undefined || hasEnvRef(u)) && !URL.canParse(u.trim())) return;
    out.push({ path, url: u });
  };
  add(['browser', 'cdpUrl'], get(config, 'browser', 'cdpUrl'));
  for (const [name, p] of Object.entries(obj(get(config, 'browser', 'profiles')))) add(['browser', 'profiles', name, 'cdpUrl'], get(p, 'cdpUrl'));
  return out;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}
