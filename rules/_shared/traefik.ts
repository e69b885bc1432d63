/**
 * What the Traefik rules need from a compose file, read from its plain `value` only (services' `command`,
 * `environment`, `labels`, `ports`), so these rules do not depend on how compose parsing evolves.
 */
import { isRecord } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';

export interface Entry {
  key: string;
  value: string;
  /** Structural path of the entry in the compose file. */
  path: PathSegment[];
}

export interface TraefikService {
  name: string;
  /** Command-line arguments (`--api.insecure=true`), each with its path (a string command has one path). */
  args: Entry[];
  /** Environment variables, map or list form. */
  env: Entry[];
  /** Labels, map or list form. */
  labels: Entry[];
  ports: unknown[];
}

function keyValues(v: unknown, base: PathSegment[]): Entry[] {
  if (isRecord(v)) return Object.entries(v).map(([key, val]) => ({ key, value: val === null || val === undefined ? '' : String(val), path: [...base, key] }));
  if (Array.isArray(v))
    return v.flatMap((item, k) => {
      if (typeof item !== 'string') return [];
      const eq = item.indexOf('=');
      return [{ key: eq === -1 ? item : item.slice(0, eq), value: eq === -1 ? '' : item.slice(eq + 1), path: [...base, k] }];
    });
  return [];
}

export function composeServices(value: unknown): TraefikService[] {
  if (!isRecord(value) || !isRecord(value.services)) return [];
  return Object.entries(value.services).flatMap(([name, svc]) => {
    if (!isRecord(svc)) return [];
    const base: PathSegment[] = ['services', name];
    const cmd = svc.command;
    const args: Entry[] = Array.isArray(cmd)
      ? cmd.map((a, k) => ({ key: String(a), value: String(a), path: [...base, 'command', k] }))
      : typeof cmd === 'string'
        ? cmd.split(/\s+/).filter(Boolean).map((a) => ({ key: a, value: a, path: [...base, 'command'] }))
        : [];
    return [{ name, args, env: keyValues(svc.environment, [...base, 'environment']), labels: keyValues(svc.labels, [...base, 'labels']), ports: Array.isArray(svc.ports) ? svc.ports : [] }];
  });
}

/** A static-config flag given as `--name`, `--name=true` or env `TRAEFIK_NAME=true` (Traefik's env form). */
export function staticFlag(svc: TraefikService, flag: string): Entry | undefined {
  const env = `TRAEFIK_${flag.replace(/\./g, '_').toUpperCase()}`;
  return (
    svc.args.find((a) => a.value === `--${flag}` || new RegExp(`^--${flag.replace(/\./g, '\\.')}=(true|"true")$`, 'i').test(a.value)) ??
    svc.env.find((e) => e.key === env && /^true$/i.test(e.value))
  );
}

/** Whether container port `port` is published on a non-loopback host address. */
export function publishesPublicly(svc: TraefikService, port: number): boolean {
  return svc.ports.some((p) => {
    if (typeof p === 'number') return p === port;
    if (typeof p === 'string') {
      const parts = p.replace(/\/(tcp|udp)$/, '').split(':');
      const target = Number(parts[parts.length - 1]);
      if (target !== port) return false;
      if (parts.length < 2) return true; // container port only: a random host port on all interfaces
      const ip = parts.length >= 3 ? parts.slice(0, -2).join(':').replace(/^\[|\]$/g, '') : '';
      return !(ip.startsWith('127.') || ip === '::1' || ip === 'localhost');
    }
    if (isRecord(p)) {
      const ip = typeof p.host_ip === 'string' ? p.host_ip : '';
      return Number(p.target) === port && p.published !== undefined && !(ip.startsWith('127.') || ip === '::1');
    }
    return false;
  });
}
