/** The browser's CDP endpoints (`browser.cdpUrl`, per-profile `cdpUrl`). */
import { get, obj } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';
import { envRefName, hasEnvRef } from './values.js';

/**
 * The browser CDP URLs the config states (`browser.cdpUrl`, `browser.profiles.<name>.cdpUrl`). OpenClaw reads a URL
 * after `${VAR}` substitution, so a URL that cannot be parsed with its reference in place (`${BROWSER_CDP_URL}`) is
 * unknown until deploy time and left out; one that parses around its reference (`ws://chrome:9222/${TOKEN}`) is kept.
 */
export function cdpEndpoints(config: unknown): { path: PathSegment[]; url: string }[] {
  const out: { path: PathSegment[]; url: string }[] = [];
  const add = (path: PathSegment[], u: unknown) => {
    if (typeof u !== 'string') return;
    if ((envRefName(u) !== undefined || hasEnvRef(u)) && !URL.canParse(u.trim())) return;
    out.push({ path, url: u });
  };
  add(['browser', 'cdpUrl'], get(config, 'browser', 'cdpUrl'));
  for (const [name, p] of Object.entries(obj(get(config, 'browser', 'profiles')))) add(['browser', 'profiles', name, 'cdpUrl'], get(p, 'cdpUrl'));
  return out;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}
