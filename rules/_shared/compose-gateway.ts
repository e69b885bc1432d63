/**
 * One effective view of an OpenClaw gateway run by Compose: what it binds to, on which port, whether the port
 * is published beyond loopback, and whether a token or password reaches it. Folds, in the gateway's own order
 * of precedence (command line over environment over config file over default):
 *   - `command:`/`entrypoint:` flags `--bind`, `--port`, `--token`, `--password`, `--auth`, `--allow-unconfigured`;
 *   - the service environment (`OPENCLAW_GATEWAY_TOKEN`, `OPENCLAW_GATEWAY_PASSWORD`, `OPENCLAW_GATEWAY_PORT`,
 *     `OPENCLAW_GATEWAY_BIND`), including values from `env_file:` files and the `.env` used for interpolation;
 *   - an `openclaw.json` from the repository mounted into the container (`gateway.bind`, `gateway.port`,
 *     `gateway.auth.*`);
 *   - `ports:` entries that publish the gateway port, and `network_mode: host`.
 * Everything is tri-state: a value the repository does not settle (`${OPENCLAW_GATEWAY_TOKEN}`) is `unknown`,
 * never "absent" and never "safe". Rules (e.g. `gateway.bind_no_auth`) decide what to report from this view.
 */
import path from 'node:path';
import { get, isRecord } from '../../src/lib/json.js';
import type { Anchor } from '../../src/model/location.js';
import type { ComposeProjectTarget, ComposeService, OpenClawTarget } from '../../src/model/target.js';
import { argv, environment, flag, isGatewayService, isLoopback, isUnresolved, mounts, type PortBinding, ports, str } from './compose.js';

export type Source = 'command' | 'environment' | 'env_file' | 'config' | 'default';
export type Tri = boolean | 'unknown';

export interface Setting<T> {
  value: T;
  source: Source;
  /** Where it was set (undefined for defaults). */
  at?: Anchor;
}

/** A credential's state, never its value: `set` (a real value), `unknown` (a variable the repository does not
 *  set), `none` (absent, empty, or one of the placeholders the gateway itself rejects). */
export type CredentialState = 'set' | 'unknown' | 'none';

export interface GatewayView {
  service: ComposeService;
  /** `loopback`, `lan`, `auto`, `tailnet`, `custom`, an address, or the unresolved text. Default `loopback` when
   *  the compose file gives the command line; `${IMAGE_CMD}` (unknown) when the image's own CMD runs. */
  bind: Setting<string>;
  /** The gateway listens beyond loopback inside its network namespace. */
  bindsBeyondLoopback: Tri;
  port: Setting<number>;
  authMode: Setting<string | undefined>;
  token: Setting<CredentialState>;
  password: Setting<CredentialState>;
  /** A token or password reaches the gateway (`false` also when `--auth none` / `auth.mode: "none"`). */
  hasAuth: Tri;
  allowUnconfigured: boolean;
  /** How far the gateway port reaches from the host: `host-network` means the bind decides. */
  published: { exposure: 'none' | 'loopback' | 'specific' | 'all' | 'unknown' | 'host-network'; at?: Anchor; binding?: PortBinding };
  /** Published beyond the host's loopback (all interfaces, a specific address, host networking, or unknown). */
  publishedBeyondLoopback: Tri;
  /** The repository's OpenClaw config mounted into the service, when there is one. */
  config?: OpenClawTarget;
}

/** The placeholders OpenClaw ships in its examples and refuses as credentials at startup. */
const PLACEHOLDER = /^(change-me-to-a-long-random-token|change-me-now|change-me-to-a-strong-password|undefined|null|)$/i;
export const DEFAULT_GATEWAY_PORT = 18789;

function credential(v: unknown): CredentialState {
  if (v === undefined || v === null) return 'none';
  const s = String(v).trim();
  if (isUnresolved(s)) return 'unknown';
  return PLACEHOLDER.test(s) ? 'none' : 'set';
}

/** The repository's OpenClaw config mounted at the container's `~/.openclaw` (or the file itself). */
function mountedConfig(svc: ComposeService, configs: readonly OpenClawTarget[]): OpenClawTarget | undefined {
  for (const m of mounts(svc)) {
    if (m.type !== 'bind' || m.unknown || !/^\.\.?(\/|$)/.test(m.source)) continue;
    const dir = path.posix.dirname(svc.fileOf(['volumes', m.index]));
    const host = path.posix.normalize(path.posix.join(dir, m.source));
    const candidates = /\.json5?$/.test(m.target) ? [host] : [`${host}/openclaw.json`, `${host}/openclaw.json5`];
    const found = configs.find((c) => candidates.includes(c.file));
    if (found) return found;
  }
  return undefined;
}

/** Where the container port `n` is published, if a `ports:` entry's container side covers it. */
function covers(p: PortBinding, n: number): boolean {
  const m = /^(\d+)(?:-(\d+))?$/.exec(p.target.trim());
  return !!m && Number(m[1]) <= n && n <= Number(m[2] ?? m[1]);
}

export function gatewayView(svc: ComposeService, configs: readonly OpenClawTarget[] = []): GatewayView {
  const ep = argv(svc.value.entrypoint);
  const args = [...ep, ...argv(svc.value.command)];
  /** The list item a flag's value came from (entrypoint then command), or the whole key for the string form. */
  const argKey = (index: number): Anchor => {
    const [key, i] = index < ep.length ? ['entrypoint', index] : ['command', index - ep.length];
    return Array.isArray(svc.value[key]) ? svc.at([key, i]) : svc.at([key]);
  };
  const env = environment(svc);
  const envValue = (name: string): Setting<string> | undefined => {
    if (Object.hasOwn(env, name) && env[name] !== null && env[name] !== undefined) return { value: String(env[name]), source: 'environment', at: svc.at(['environment', name]) };
    const f = svc.envFiles[name];
    if (f) return { value: f.value, source: 'env_file' };
    return undefined;
  };
  const config = mountedConfig(svc, configs);
  const cfg = config?.value;
  const cfgAt = (): Anchor | undefined => (config ? { kind: 'file', file: config.file } : undefined);

  // bind: --bind > OPENCLAW_GATEWAY_BIND (read by the official Docker scripts) > gateway.bind > loopback
  const bindFlag = flag(args, '--bind');
  const bindEnv = envValue('OPENCLAW_GATEWAY_BIND');
  const cfgBind = get(cfg, 'gateway', 'bind');
  const bind: Setting<string> = bindFlag
    ? { value: bindFlag.value, source: 'command', at: argKey(bindFlag.index) }
    : bindEnv
      ? bindEnv
      : typeof cfgBind === 'string'
        ? { value: cfgBind, source: 'config', ...(cfgAt() ? { at: cfgAt() as Anchor } : {}) }
        : args.length
          ? { value: 'loopback', source: 'default' }
          : // No command here: the image's own CMD decides, and it may well pass --bind lan.
            { value: '${IMAGE_CMD}', source: 'default' };
  const bindsBeyondLoopback: Tri = isUnresolved(bind.value) ? 'unknown' : !(bind.value === 'loopback' || isLoopback(bind.value));

  // port: --port > OPENCLAW_GATEWAY_PORT > gateway.port > 18789
  const portFlag = flag(args, '--port');
  const portEnv = envValue('OPENCLAW_GATEWAY_PORT');
  const cfgPort = get(cfg, 'gateway', 'port');
  const port: Setting<number> =
    portFlag && /^\d+$/.test(portFlag.value)
      ? { value: Number(portFlag.value), source: 'command', at: argKey(portFlag.index) }
      : portEnv && /^\d+$/.test(portEnv.value)
        ? { value: Number(portEnv.value), source: portEnv.source, ...(portEnv.at ? { at: portEnv.at } : {}) }
        : typeof cfgPort === 'number'
          ? { value: cfgPort, source: 'config' }
          : { value: DEFAULT_GATEWAY_PORT, source: 'default' };

  const cred = (flagName: string, envName: string, cfgKey: string): Setting<CredentialState> => {
    const f = flag(args, flagName);
    if (f) return { value: credential(f.value), source: 'command', at: argKey(f.index) };
    const e = envValue(envName);
    if (e) return { value: credential(e.value), source: e.source, ...(e.at ? { at: e.at } : {}) };
    const c = get(cfg, 'gateway', 'auth', cfgKey) ?? (cfgKey === 'token' ? get(cfg, 'gateway', 'remote', 'token') : undefined);
    // A SecretRef object in the config is a configured credential resolved at runtime.
    if (c !== undefined) return { value: isRecord(c) ? 'set' : credential(c), source: 'config' };
    return { value: 'none', source: 'default' };
  };
  const token = cred('--token', 'OPENCLAW_GATEWAY_TOKEN', 'token');
  const password = cred('--password', 'OPENCLAW_GATEWAY_PASSWORD', 'password');
  const authFlag = flag(args, '--auth');
  const cfgMode = get(cfg, 'gateway', 'auth', 'mode');
  const authMode: Setting<string | undefined> = authFlag
    ? { value: authFlag.value, source: 'command', at: argKey(authFlag.index) }
    : typeof cfgMode === 'string'
      ? { value: cfgMode, source: 'config' }
      : { value: undefined, source: 'default' };
  const hasAuth: Tri =
    authMode.value === 'none'
      ? false
      : authMode.value === 'trusted-proxy'
        ? true
        : token.value === 'set' || password.value === 'set'
          ? true
          : token.value === 'unknown' || password.value === 'unknown' || isUnresolved(authMode.value ?? '')
            ? 'unknown'
            : false;

  // published: the ports whose container side is the gateway port; host networking exposes the bind itself.
  let published: GatewayView['published'] = { exposure: 'none' };
  if (str(svc, 'network_mode') === 'host') published = { exposure: 'host-network', at: svc.at(['network_mode']) };
  else {
    const rank = { none: 0, loopback: 1, specific: 2, unknown: 3, all: 4 } as const;
    for (const p of ports(svc)) {
      if (!covers(p, port.value)) continue;
      if (rank[p.exposure] > rank[published.exposure as keyof typeof rank]) published = { exposure: p.exposure, at: svc.at(['ports', p.index]), binding: p };
    }
  }
  const publishedBeyondLoopback: Tri =
    published.exposure === 'unknown' ? 'unknown' : published.exposure === 'host-network' ? bindsBeyondLoopback : published.exposure === 'all' || published.exposure === 'specific';

  return {
    service: svc,
    bind,
    bindsBeyondLoopback,
    port,
    authMode,
    token,
    password,
    hasAuth,
    allowUnconfigured: args.includes('--allow-unconfigured'),
    published,
    publishedBeyondLoopback,
    ...(config ? { config } : {}),
  };
}

/** Every gateway service of a project, as effective views. */
export function gatewayViews(project: ComposeProjectTarget, configs: readonly OpenClawTarget[] = []): GatewayView[] {
  return project.services.filter(isGatewayService).map((svc) => gatewayView(svc, configs));
}

/**
 * The condition of `gateway.bind_no_auth` for a Compose-run gateway: it listens beyond loopback, its port
 * reaches beyond the host's loopback, and no token or password is provided. `unknown` anywhere is not `true`.
 */
export function exposedWithoutAuth(v: GatewayView): boolean {
  return v.bindsBeyondLoopback === true && v.publishedBeyondLoopback === true && v.hasAuth === false;
}
