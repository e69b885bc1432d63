/** Helpers for Caddyfile rules: site blocks, the reverse proxies inside them, and their upstreams. */
import type { CaddyTarget, NginxDirective } from '../../src/model/target.js';

/** Every directive of a tree, depth first, with the chain of blocks around it (outermost first). */
export function* walk(list: readonly NginxDirective[], chain: readonly NginxDirective[] = []): Generator<{ d: NginxDirective; chain: readonly NginxDirective[] }> {
  for (const d of list) {
    yield { d, chain };
    if (d.block) yield* walk(d.block, [...chain, d]);
  }
}

/** Site blocks: top-level blocks that are not the global options (`{ … }`), a snippet (`(name)`) or a matcher. */
export function sites(t: CaddyTarget): NginxDirective[] {
  return t.directives.filter((d) => d.block && d.name !== '' && !d.name.startsWith('(') && !d.name.startsWith('@'));
}

/** The upstreams of a `reverse_proxy` (its arguments, past a matcher, and `to` lines in its block). */
export function upstreams(d: NginxDirective): string[] {
  const args = d.args.map((a) => a.value).filter((v) => !v.startsWith('@') && v !== '*' && !v.startsWith('/'));
  const to = (d.block ?? []).filter((x) => x.name === 'to').flatMap((x) => x.args.map((a) => a.value));
  return [...args, ...to];
}

/** The port of an upstream (`openclaw:18789`, `http://127.0.0.1:18789`, `localhost:18789`), if written. */
export function upstreamPort(u: string): number | undefined {
  const m = /:(\d{1,5})\/?$/.exec(u.replace(/^[a-z]+:\/\//, ''));
  return m ? Number(m[1]) : undefined;
}

/** Directives that put authentication in front of what a site serves. */
export const AUTH_DIRECTIVES = new Set(['basic_auth', 'basicauth', 'forward_auth', 'jwtauth', 'authorize', 'authenticate', 'tailscale_auth', 'caddy-security']);
