/**
 * The audit's view of the gateway: bind, Tailscale exposure, auth mode and credentials, resolved as OpenClaw
 * 2026.9.6's audit does (`src/security/audit-gateway-config.ts`), from the config and what the deployment adds.
 */
import { arr, get, obj, str } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';
import type { OpenClawTarget, ProjectView } from '../../../src/model/target.js';
import { deployContext } from './deploy.js';
import { targetVersion, validate } from './schema.js';
import { renderedBeforeRead } from './validity.js';
import { credential, credentialPresent, envRefName, type Credential, type DeployContext } from './values.js';

/** Whether the deployment sets a variable: known to, or possibly in an environment the repository does not show all of. */
const envSet = (deploy: DeployContext, name: string) => deploy.env?.[name] !== undefined || deploy.providedEnv?.has(name) === true || deploy.envOpen === true;

/**
 * The audit's view of the gateway, from the config and what the deployment adds: bind (`gateway.bind`, else
 * loopback), Tailscale mode, whether a token or password is configured (config, `OPENCLAW_GATEWAY_TOKEN` /
 * `OPENCLAW_GATEWAY_PASSWORD`, `gateway.remote.token`), and whether the resolved auth mode has a credential.
 */
export interface GatewayView {
  /** The bind mode; `unknown` when it is a reference whose value the repository does not give. */
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
  /**
   * Auth settings written in the config that the target release does not read (it rejects or ignores the key or
   * its value), in words for a message ("gateway.auth.mode (OpenClaw 2026.1.30 rejects its value)"): they do not
   * count as auth. Empty when every auth setting is read.
   */
  unread: string[];
  /** The env var that supplies the token when the config has none (its value, when known). */
  envToken: Credential;
  envPassword: Credential;
}

export function gatewayView(config: unknown, deploy: DeployContext = {}, unread: string[] = []): GatewayView {
  const gw = obj(get(config, 'gateway'));
  const auth = obj(gw.auth);
  const bindRaw = deploy.flags?.bind ?? gw.bind;
  // `"bind": "${GATEWAY_BIND}"` (or a template's expression) is the deployment's value when it is known, else
  // unknown: never taken for a non-loopback bind, nor for loopback.
  const bindRef = envRefName(bindRaw);
  const bindValue = bindRef !== undefined ? deploy.env?.[bindRef] : bindRaw;
  const bind = typeof bindValue === 'string' ? bindValue : bindRef !== undefined ? 'unknown' : 'loopback';
  const nonLoopback = bind !== 'loopback' && bind !== 'unknown';
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
  // An environment the repository does not show all of may hold either credential: that makes neither the mode.
  const passwordKnown = credentialPresent(configPassword) || deploy.env?.OPENCLAW_GATEWAY_PASSWORD !== undefined || deploy.providedEnv?.has('OPENCLAW_GATEWAY_PASSWORD') === true;
  const mode = explicitMode ?? (passwordKnown ? 'password' : 'token');
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
    unread,
    envToken,
    envPassword,
  };
}

/** The gateway as deployed from this repository: the config as its target release reads it, plus the deployment it can see. */
export function gatewayOf(target: OpenClawTarget, project?: ProjectView): GatewayView {
  const read = authAsRead(target);
  return gatewayView(read.config, deployContext(target, project), read.unread);
}

/** The settings that make the gateway authenticated: one the target release does not read is no auth. */
const AUTH_SETTINGS: readonly (readonly string[])[] = [
  ['gateway', 'auth', 'mode'],
  ['gateway', 'auth', 'token'],
  ['gateway', 'auth', 'password'],
  ['gateway', 'auth', 'trustedProxy'],
  ['gateway', 'remote', 'token'],
];
const asRead = new WeakMap<OpenClawTarget, { config: unknown; unread: string[] }>();

/**
 * The config as the target release (`OpenClawTarget.release`, else the latest line) reads its auth settings: an
 * auth key or value it rejects or ignores is dropped. Only settings that grant protection are dropped, never
 * ones that expose the gateway (a rejected `gateway.bind: "0.0.0.0"` is still a bind beyond loopback: the
 * doctor turns it into `lan`).
 */
export function authAsRead(target: OpenClawTarget): { config: unknown; unread: string[] } {
  const known = asRead.get(target);
  if (known) return known;
  const { version } = targetVersion(target.release);
  const v = validate(target.value, version, { renderedRefs: renderedBeforeRead(target) });
  const unread: string[] = [];
  let config = target.value;
  for (const setting of AUTH_SETTINGS) {
    const hit = [...v.issues, ...v.ignored].find((i) => i.path.length >= setting.length && setting.every((s, k) => i.path[k] === s));
    if (!hit || get(config, ...setting) === undefined) continue;
    const how = hit.kind === 'ignored_key' ? 'ignores it' : hit.kind === 'unknown_key' && hit.path.length === setting.length ? 'does not know the key' : 'rejects its value';
    unread.push(`${setting.join('.')} (OpenClaw ${version} ${how})`);
    config = without(config, setting);
  }
  const out = { config, unread };
  asRead.set(target, out);
  return out;
}

/** A copy of `value` without the key at `path` (objects along the path copied, the rest shared). */
function without(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0 || !value || typeof value !== 'object' || Array.isArray(value)) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (!(head in value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete copy[head];
  else copy[head] = without(copy[head], rest);
  return copy;
}

/** For a message: which auth settings were not counted, because the target release does not read them. */
export function unreadNote(v: GatewayView): string {
  return v.unread.length ? ` Not counted as auth: ${v.unread.join(', ')}; that release refuses to start with such a config, and a setting it does not read protects nothing.` : '';
}

/** 2026.9 `gateway.nodes.commands.{allow,deny}`, 2026.3 `gateway.nodes.{allowCommands,denyCommands}`. */
export function nodeLists(config: unknown): { allow: { path: PathSegment[]; list: unknown[] }; deny: { path: PathSegment[]; list: unknown[] } } {
  const current = get(config, 'gateway', 'nodes', 'commands');
  if (current !== undefined) return { allow: { path: ['gateway', 'nodes', 'commands', 'allow'], list: arr(get(current, 'allow')) }, deny: { path: ['gateway', 'nodes', 'commands', 'deny'], list: arr(get(current, 'deny')) } };
  return { allow: { path: ['gateway', 'nodes', 'allowCommands'], list: arr(get(config, 'gateway', 'nodes', 'allowCommands')) }, deny: { path: ['gateway', 'nodes', 'denyCommands'], list: arr(get(config, 'gateway', 'nodes', 'denyCommands')) } };
}
