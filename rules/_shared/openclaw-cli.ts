/**
 * How OpenClaw's gateway is started from a command line (a script, an ExecStart=): `openclaw gateway [run]
 * --bind <mode> --port <n> --token <t> --auth <mode>`. Shared by the shell and systemd rules.
 */
import { isRecord } from '../../src/lib/json.js';
import { isReference } from '../../src/lib/variables.js';

const CLI = /^(openclaw|clawdbot|moltbot)(@[^/\s]*)?(\.m?js)?$/;
/**
 * The package's bundled entry points, as `openclaw gateway install` and nvm/npm-global installs write them:
 * `…/node_modules/openclaw/dist/index.js`, `…/openclaw/dist/entry.js`, `…/openclaw/openclaw.mjs`, and `dist/index.js`
 * run from the package's own folder (its Docker image).
 */
const PACKAGE_ENTRY = /(^|\/)(openclaw|clawdbot|moltbot)\/(dist\/(index|entry)|openclaw|clawdbot|moltbot)\.[cm]?js$|^(\.\/)?dist\/(index|entry)\.[cm]?js$/;
const GATEWAY_ENTRY = /(^|\/)(openclaw|clawdbot|moltbot)\/dist\/gateway\/index\.[cm]?js$/;

/** A word that runs OpenClaw's CLI: `openclaw`, `openclaw@1.2`, `openclaw.mjs`, or a path to one of its entry points. */
export function isCliWord(w: string): boolean {
  return CLI.test(w.slice(w.lastIndexOf('/') + 1)) || PACKAGE_ENTRY.test(w) || GATEWAY_ENTRY.test(w);
}

export interface GatewayCommand {
  /** Index of the word after which the gateway's flags start. */
  gatewayIndex: number;
  bind?: { value: string; index: number };
  token?: { value: string; index: number };
  password?: { value: string; index: number };
  auth?: { value: string; index: number };
  tailscale?: { value: string; index: number };
}

/** The gateway invocation in a list of words, if they run one (`openclaw gateway`, `node dist/openclaw.mjs gateway run`). */
export function gatewayCommand(words: readonly string[]): GatewayCommand | undefined {
  const cli = words.findIndex(isCliWord);
  if (cli === -1) return undefined;
  // `node …/openclaw/dist/gateway/index.js`: the gateway's own entry point, no subcommand.
  const gw = GATEWAY_ENTRY.test(words[cli] ?? '') ? cli : words.indexOf('gateway', cli + 1);
  if (gw === -1) return undefined;
  const out: GatewayCommand = { gatewayIndex: gw };
  const flags: Record<string, 'bind' | 'token' | 'password' | 'auth' | 'tailscale'> = { '--bind': 'bind', '--token': 'token', '--password': 'password', '--auth': 'auth', '--tailscale': 'tailscale' };
  for (let k = gw + 1; k < words.length; k++) {
    const w = words[k] ?? '';
    const eq = w.indexOf('=');
    const name = eq === -1 ? w : w.slice(0, eq);
    const key = flags[name];
    if (!key) continue;
    if (eq !== -1) out[key] = { value: w.slice(eq + 1), index: k };
    else if (k + 1 < words.length) out[key] = { value: words[k + 1] ?? '', index: k + 1 };
  }
  return out;
}

/** `--bind` values that listen beyond loopback (the audit treats all but `loopback` so; `tailnet` stays on the tailnet). */
export function isPublicBind(value: string): boolean {
  const v = value.trim().replace(/^\[|\]$/g, '');
  if (!v || v.includes('$')) return false;
  if (['loopback', 'localhost', 'tailnet', '::1'].includes(v) || v.startsWith('127.')) return false;
  return ['lan', 'auto', 'custom', '0.0.0.0', '::'].includes(v) || /^\d{1,3}(\.\d{1,3}){3}$/.test(v) || v.includes(':');
}

/** A literal value (not `$VAR`, `${VAR}`, `$(…)`, a secret-manager URI or empty). */
export function isLiteral(value: string): boolean {
  return value.trim() !== '' && !value.includes('$') && !isReference(value);
}

/** Environment names that hold credentials. */
export const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)$/i;

/** Whether some OpenClaw config of the repository configures gateway auth (a token, a password or trusted-proxy). */
export function configHasGatewayAuth(configs: readonly { value: unknown }[]): boolean {
  return configs.some(({ value }) => {
    if (!isRecord(value) || !isRecord(value.gateway) || !isRecord(value.gateway.auth)) return false;
    const auth = value.gateway.auth;
    return auth.mode === 'trusted-proxy' || Boolean(auth.token) || Boolean(auth.password);
  });
}

/** The default gateway port. */
export const DEFAULT_GATEWAY_PORT = 18789;

/** Ports the gateway listens on: the default, plus every `gateway.port` set by the repository's OpenClaw configs. */
export function gatewayPorts(configs: readonly { value: unknown }[]): Set<number> {
  const ports = new Set([DEFAULT_GATEWAY_PORT]);
  for (const { value } of configs) {
    const port = isRecord(value) && isRecord(value.gateway) ? value.gateway.port : undefined;
    if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536) ports.add(port);
  }
  return ports;
}

/** Whether a port spec (`18789`, `18789/tcp`, `18000:19000`, `18000-19000/tcp`, `80,18789`) covers a gateway port. */
export function coversGatewayPort(spec: string, ports: ReadonlySet<number>): number | undefined {
  for (const part of spec.replace(/\/(tcp|udp)$/i, '').split(',')) {
    const [a, b] = part.split(/[:-]/);
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || a === '') continue;
    for (const p of ports) if (p >= lo && p <= hi) return p;
  }
  return undefined;
}
