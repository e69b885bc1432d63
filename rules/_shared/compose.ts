/** Helpers for compose rules: iterate services of a parsed compose file. */
import type { ComposeTarget } from '../../src/model/target.js';

export type ServiceMap = Record<string, unknown>;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `[name, service]` for every service that is a mapping. */
export function services(target: ComposeTarget): [string, ServiceMap][] {
  const root = target.value;
  if (!isRecord(root) || !isRecord(root.services)) return [];
  return Object.entries(root.services).filter((e): e is [string, ServiceMap] => isRecord(e[1]));
}

/** YAML 1.1 booleans as compose authors write them (`true`, `yes`, `on`), whichever schema parsed them. */
export function isTruthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && /^(true|yes|on|y)$/i.test(v.trim()));
}
