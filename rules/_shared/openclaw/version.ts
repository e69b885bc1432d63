/** The OpenClaw version a config is written for, and whether a version-specific rule applies to it. */
import { get, obj, str } from '../../../src/lib/json.js';
import type { OpenClawTarget, ProjectView } from '../../../src/model/target.js';

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
