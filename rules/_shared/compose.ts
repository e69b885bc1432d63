/**
 * Helpers for compose rules. Rules receive a `compose_project` target whose services are already merged and
 * interpolated, and ports and mounts normalised into the long form shared with Kubernetes (src/engine/assemble/
 * compose/, src/lib/exposure.ts); these helpers read the rest (command lines, environment) so each rule stays a
 * few lines.
 */
import { isRecord } from '../../src/lib/json.js';
import { isLoopback, isUnder, normaliseHostPath, parseMount, parsePort, type Mount, type PortBinding } from '../../src/lib/exposure.js';
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

export type Exposure = PortBinding['exposure'];
export type { Mount, PortBinding };
export { isLoopback, isUnder, normaliseHostPath, parseMount, parsePort };

/** The service's published ports, normalised by the engine (lib/exposure.ts). */
export function ports(svc: ComposeService): readonly PortBinding[] {
  return svc.ports;
}

/** The service's mounts, normalised by the engine (a named volume bound by `driver_opts` is the bind it is). */
export function mounts(svc: ComposeService): readonly Mount[] {
  return svc.mounts;
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

