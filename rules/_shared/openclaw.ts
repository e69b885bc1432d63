/**
 * Shared definitions for the OpenClaw config rules, reproducing `openclaw security audit` (2026.9.6, with the
 * 2026.3.x legacy behaviour where noted). See docs/openclaw.md for the decisions and
 * ../shared/reference/openclaw-audit.md §3.1 for the audit's own definitions these follow.
 */
import type { PathSegment } from '../../src/model/location.js';
import type { ProjectView } from '../../src/model/target.js';
import type { Severity } from '../../src/model/severity.js';
import type { OpenClawTarget } from '../../src/model/target.js';

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

/** The audit's warn / critical / info, in ClawScan's scale. */
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
      const m = image && /(?:^|\/)openclaw(?:\/openclaw)?:v?(\d{4}\.\d+\.\d+[\w.-]*)$/.exec(image);
      if (m) return m[1];
    }
  }
  return undefined;
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

/** Open inbound policies of the exposure matrix: groupPolicy open, dmPolicy open, legacy dm.policy open. */
export function openInboundScopes(config: unknown): ChannelScope[] {
  return channelScopes(config).filter((s) => s.value.groupPolicy === 'open' || s.value.dmPolicy === 'open' || get(s.value, 'dm', 'policy') === 'open');
}

/**
 * What the repository itself says about the deployment of a config: `.env` files (not templates) in the
 * config's folder or at the repository root. A compose service's environment and CLI flags join through
 * the seam above (DeployContext) once rules/_shared/compose-gateway.ts provides them.
 */
export function deployContext(target: OpenClawTarget, project?: ProjectView): DeployContext {
  const dir = target.file.includes('/') ? target.file.slice(0, target.file.lastIndexOf('/')) : '';
  const env: Record<string, string> = {};
  for (const d of project?.targets('dotenv') ?? []) {
    const ddir = d.file.includes('/') ? d.file.slice(0, d.file.lastIndexOf('/')) : '';
    if (d.template || (ddir !== dir && ddir !== '')) continue;
    for (const e of d.entries) if (env[e.key] === undefined || ddir === dir) env[e.key] = e.value;
  }
  return { env };
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
