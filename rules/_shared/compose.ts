/**
 * Helpers for compose rules. Rules receive a `compose_project` target whose services are already merged and
 * interpolated (src/engine/compose/); these helpers read the spellings Compose accepts (ports, volumes,
 * command lines) so each rule stays a few lines.
 */
import { isRecord } from '../../src/lib/json.js';
import type { ComposeService, ComposeTarget } from '../../src/model/target.js';

export type ServiceMap = Record<string, unknown>;

/** `[name, service]` for every service that is a mapping, in one parsed file (not merged). */
export function services(target: ComposeTarget): [string, ServiceMap][] {
  const root = target.value;
  if (!isRecord(root) || !isRecord(root.services)) return [];
  return Object.entries(root.services).filter((e): e is [string, ServiceMap] => isRecord(e[1]));
}

/** YAML 1.1 booleans as compose authors write them (`true`, `yes`, `on`), whichever schema parsed them. */
export function isTruthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(true|yes|on|y)$/i.test(v.trim()));
}

/** A value still holding a variable the repository does not define (the engine leaves those as written). */
export function isUnresolved(v: unknown): boolean {
  return typeof v === 'string' && /\$(\{[A-Za-z_]|[A-Za-z_])/.test(v);
}

/** The variable names left unresolved in a value, for messages. */
export function unresolvedNames(v: string): string[] {
  return [...v.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
}

/** A list value (`cap_add`, `security_opt`, `devices`…) as strings; a lone string counts as a one-item list. */
export function stringList(v: unknown): { value: string; index: number }[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.flatMap((x, index) => (typeof x === 'string' || typeof x === 'number' ? [{ value: String(x), index }] : []));
}

/** The service's value at a key when it is a string (after interpolation). */
export function str(svc: ComposeService, key: string): string | undefined {
  const v = svc.value[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

// ---------------------------------------------------------------------------------------------------- ports

export type Exposure = 'all' | 'loopback' | 'specific' | 'unknown';

export interface PortBinding {
  /** Index in the merged `ports:` list. */
  index: number;
  /** Host address as written after interpolation ('' when none: all interfaces). */
  hostIp: string;
  exposure: Exposure;
  /** Published host port or range ('' when Docker picks one). */
  published: string;
  /** Container port or range. */
  target: string;
  protocol: string;
  /** Every port number the binding names, host or container side (ranges expanded, capped). */
  numbers: number[];
  text: string;
}

const UNRESOLVED_SPAN = /\$\{[^{}]{0,512}\}|\$[A-Za-z_][A-Za-z0-9_]{0,255}/g;

export function isLoopback(ip: string): boolean {
  const h = ip.replace(/^\[|\]$/g, '').toLowerCase();
  return /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1' || h === 'localhost' || /^::ffff:127\./.test(h);
}

function exposureOf(ip: string): Exposure {
  if (isUnresolved(ip)) return 'unknown';
  const h = ip.replace(/^\[|\]$/g, '');
  if (h === '' || h === '0.0.0.0' || h === '::' || h === '*') return 'all';
  return isLoopback(h) ? 'loopback' : 'specific';
}

function numbers(...parts: string[]): number[] {
  const out: number[] = [];
  for (const p of parts) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(p.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let n = a; n <= Math.min(b, a + 1000); n++) out.push(n);
  }
  return out;
}

/** Parses one `ports:` entry in short (`[IP:][HOST:]CONTAINER[/proto]`, IPv6 bracketed or not) or long form. */
export function parsePort(entry: unknown, index: number): PortBinding | undefined {
  if (isRecord(entry)) {
    const hostIp = entry.host_ip === undefined || entry.host_ip === null ? '' : String(entry.host_ip);
    const published = entry.published === undefined || entry.published === null ? '' : String(entry.published);
    const target = String(entry.target ?? '');
    return { index, hostIp, exposure: exposureOf(hostIp), published, target, protocol: String(entry.protocol ?? 'tcp'), numbers: numbers(published, target), text: `${hostIp ? `${hostIp}:` : ''}${published}:${target}` };
  }
  if (typeof entry !== 'string' && typeof entry !== 'number') return undefined;
  const text = String(entry).trim();
  // Unresolved variables may contain ':' (`${A:?err}`); mask them so the split sees one opaque token each.
  const spans: string[] = [];
  const masked = text.replace(UNRESOLVED_SPAN, (m) => `\uE000${spans.push(m) - 1}\uE001`);
  const unmask = (s: string) => s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => spans[Number(i)] ?? '');
  const slash = masked.lastIndexOf('/');
  const protocol = slash === -1 ? 'tcp' : masked.slice(slash + 1);
  const body = slash === -1 ? masked : masked.slice(0, slash);
  let hostIp = '';
  let rest: string[];
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    hostIp = body.slice(0, close + 1);
    rest = body.slice(close + 2).split(':');
  } else {
    const parts = body.split(':');
    if (parts.length <= 2) rest = parts;
    else {
      rest = parts.slice(-2);
      hostIp = parts.slice(0, -2).join(':');
    }
  }
  const target = unmask(rest[rest.length - 1] ?? '');
  const published = rest.length > 1 ? unmask(rest[0] ?? '') : '';
  hostIp = unmask(hostIp);
  return { index, hostIp, exposure: exposureOf(hostIp), published, target, protocol: unmask(protocol), numbers: numbers(published, target), text };
}

export function ports(svc: ComposeService): PortBinding[] {
  const list = Array.isArray(svc.value.ports) ? svc.value.ports : [];
  return list.flatMap((p, i) => parsePort(p, i) ?? []);
}

// -------------------------------------------------------------------------------------------------- volumes

export interface Mount {
  /** Index in the merged `volumes:` list. */
  index: number;
  type: 'bind' | 'volume' | 'anonymous' | 'tmpfs' | 'other';
  /** Host path as written after interpolation (binds), or the volume name. */
  source: string;
  /** `source` normalised for matching: `~`, `$HOME`, `${HOME}` → `~`; `.`/`..` and duplicate `/` folded. */
  hostPath: string;
  target: string;
  readOnly: boolean;
  /** The host path still holds an unresolved variable. */
  unknown: boolean;
}

/** A host path normalised for matching: home spellings → `~`, no trailing or duplicate `/`, `.` segments folded. */
export function normaliseHostPath(p: string): string {
  let s = p.trim().replace(/^(\$\{HOME\}|\$HOME)(?=\/|$)/, '~');
  const abs = s.startsWith('/');
  const out: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..' && out[out.length - 1] !== '~') out.pop();
    else out.push(seg);
  }
  s = (abs ? '/' : '') + out.join('/');
  return s === '' ? (abs ? '/' : '.') : s;
}

/** `/a/b` is `/a` or inside it (path-boundary match, never a bare prefix: `/etcd` is not under `/etc`). */
export function isUnder(p: string, dir: string): boolean {
  return p === dir || (dir === '/' ? p.startsWith('/') : p.startsWith(`${dir}/`));
}

export function parseMount(entry: unknown, index: number): Mount | undefined {
  if (isRecord(entry)) {
    const type = String(entry.type ?? 'volume');
    const source = entry.source === undefined || entry.source === null ? '' : String(entry.source);
    const kind: Mount['type'] = type === 'bind' ? 'bind' : type === 'volume' ? (source ? 'volume' : 'anonymous') : type === 'tmpfs' ? 'tmpfs' : 'other';
    const hostPath = kind === 'bind' ? normaliseHostPath(source) : source;
    return { index, type: kind, source, hostPath, target: String(entry.target ?? ''), readOnly: isTruthy(entry.read_only), unknown: isUnresolved(hostPath) };
  }
  if (typeof entry !== 'string') return undefined;
  const masked: string[] = [];
  const text = entry.replace(UNRESOLVED_SPAN, (m) => `\uE000${masked.push(m) - 1}\uE001`);
  const unmask = (s: string) => s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => masked[Number(i)] ?? '');
  const parts = text.split(':').map(unmask);
  if (parts.length === 1) return { index, type: 'anonymous', source: '', hostPath: '', target: parts[0] ?? '', readOnly: false, unknown: false };
  const source = parts[0] ?? '';
  const mode = parts[2] ?? '';
  const bind = /^[./~]/.test(source) || (isUnresolved(source) && !/^[A-Za-z0-9][\w.-]*$/.test(source));
  const hostPath = bind ? normaliseHostPath(source) : source;
  return { index, type: bind ? 'bind' : 'volume', source, hostPath, target: parts[1] ?? '', readOnly: mode.split(',').includes('ro'), unknown: bind && isUnresolved(hostPath) };
}

/**
 * The service's mounts. With the project's top-level `volumes:`, a named volume declared with
 * `driver_opts: { o: bind, device: /path }` (the local driver's hidden bind mount) is returned as the bind it is.
 */
export function mounts(svc: ComposeService, project?: { value: Readonly<Record<string, unknown>> }): Mount[] {
  const list = Array.isArray(svc.value.volumes) ? svc.value.volumes : [];
  const declared = isRecord(project?.value.volumes) ? project.value.volumes : {};
  return list.flatMap((v, i) => {
    const m = parseMount(v, i);
    if (!m || m.type !== 'volume') return m ?? [];
    const decl = declared[m.source];
    const opts = isRecord(decl) ? decl.driver_opts : undefined;
    if (!isRecord(opts) || typeof opts.device !== 'string' || !String(opts.o ?? '').split(',').includes('bind')) return m;
    const hostPath = normaliseHostPath(opts.device);
    return { ...m, type: 'bind' as const, hostPath, unknown: isUnresolved(hostPath) };
  });
}

// --------------------------------------------------------------------------------------------- command line

/** A `command:`/`entrypoint:` as argv: the list form as is, the string form split like a shell would (quotes). */
export function argv(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x));
  if (typeof v !== 'string') return [];
  const out: string[] = [];
  for (const m of v.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** The value of `--flag value` or `--flag=value` in argv, the last one winning, with the index it was at. */
export function flag(args: readonly string[], name: string): { value: string; index: number } | undefined {
  let found: { value: string; index: number } | undefined;
  args.forEach((a, i) => {
    if (a === name && i + 1 < args.length) found = { value: args[i + 1] ?? '', index: i + 1 };
    else if (a.startsWith(`${name}=`)) found = { value: a.slice(name.length + 1), index: i };
  });
  return found;
}

/** The effective argv of a service: entrypoint followed by command. */
export function commandLine(svc: ComposeService): string[] {
  return [...argv(svc.value.entrypoint), ...argv(svc.value.command)];
}

// ------------------------------------------------------------------------------------------------ services

/** The service's environment as a map (the engine normalised list and map spellings). */
export function environment(svc: ComposeService): Record<string, unknown> {
  return isRecord(svc.value.environment) ? svc.value.environment : {};
}

/** A service that runs the OpenClaw gateway: its image, or a command running `openclaw gateway` / `index.js gateway`. */
export function isGatewayService(svc: ComposeService): boolean {
  const image = str(svc, 'image') ?? '';
  const cmd = commandLine(svc).join(' ');
  if (/(^|\s)(openclaw|\S*index\.m?js)\s+gateway\b/.test(cmd) || /(^|\s)gateway(\s+(run|start))?\s+--(bind|port|token)/.test(cmd)) return true;
  // The same image also runs the CLI (`entrypoint: [node, dist/index.js]`, `command: [onboard]`): a command
  // line that does not mention the gateway is not the gateway.
  if (cmd.trim() !== '' && !/\bgateway\b/.test(cmd)) return false;
  // `openclaw`, `ghcr.io/openclaw/openclaw`, and community builds named `openclaw-docker` / `openclaw-gateway`;
  // not the many `openclaw-<something>` images of projects around it (`openclaw-projects-api`).
  return /(^|\/)openclaw(-docker|-gateway)?(:|@|$)/.test(image.replace(/\$\{[^{}]{0,512}\}/g, ''));
}

/** Reports every service whose `key` is `host` (pid, ipc, uts, userns_mode, network_mode). */
export function eachHostNamespace(services: readonly ComposeService[], key: string, report: (svc: ComposeService) => void): void {
  for (const svc of services) if (str(svc, key)?.trim().toLowerCase() === 'host') report(svc);
}

/** `[registry[:port]/]name[:tag][@digest]` → tag (undefined when none) and whether a digest pins it. */
export function imageTag(image: string): { tag: string | undefined; digest: boolean } {
  const at = image.indexOf('@');
  const ref = at === -1 ? image : image.slice(0, at);
  const lastSlash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':', lastSlash + 1);
  return { tag: colon === -1 ? undefined : ref.slice(colon + 1), digest: at !== -1 };
}

