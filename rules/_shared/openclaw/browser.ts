/** The browser's CDP endpoints (`browser.cdpUrl`, per-profile `cdpUrl`). */
import { get, obj } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';

/** CDP endpoints of the browser config: `browser.cdpUrl` and `browser.profiles.<name>.cdpUrl`. */
export function cdpEndpoints(config: unknown): { path: PathSegment[]; url: string }[] {
  const out: { path: PathSegment[]; url: string }[] = [];
  const top = get(config, 'browser', 'cdpUrl');
  if (typeof top === 'string') out.push({ path: ['browser', 'cdpUrl'], url: top });
  for (const [name, p] of Object.entries(obj(get(config, 'browser', 'profiles')))) {
    const u = get(p, 'cdpUrl');
    if (typeof u === 'string') out.push({ path: ['browser', 'profiles', name, 'cdpUrl'], url: u });
  }
  return out;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}
