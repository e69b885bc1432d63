/** Hooks (`hooks.enabled`) and the npm install records plugins and hooks keep in the config (2026.3.x). */
import { get, isRecord, obj, type Obj } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';

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
  return Object.entries(obj(get(config, ...base))).filter(([, r]) => isRecord(r) && (r.source === 'npm' || r.source === undefined) && typeof r.spec === 'string') as [string, Obj][];
}
