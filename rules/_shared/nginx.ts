/**
 * Helpers for nginx rules: servers and locations with their enclosing blocks, nginx's inheritance (an inner
 * level that sets a directive replaces what outer levels set), upstream resolution across the repository's
 * nginx files, and what a `proxy_pass` points at.
 */
import type { NginxDirective, NginxTarget, ProjectView } from '../../src/model/target.js';
import { gatewayPorts } from './openclaw-cli.js';

/** A block directive with the blocks around it, outermost first (`http`, `server`, `location`…). */
export interface Scoped {
  directive: NginxDirective;
  chain: readonly NginxDirective[];
}

/** Directives that came from an `include`d file: the file they are in (for anchoring findings there). */
const origin = new WeakMap<NginxDirective, string>();

export function fileOf(d: NginxDirective): string | undefined {
  return origin.get(d);
}

/** Included files whose name says they restrict access, when the file itself is not in the repository. */
const AUTH_INCLUDE = /auth|authelia|authentik|oauth|sso|protect|allowlist|whitelist|ip-?allow/i;

/**
 * One path segment against one glob segment whose `*` stands for any run of characters (the segments hold no `/`).
 * Greedy with a single backtrack point, the classic wildcard match: no regex, so no size limit and no backtracking
 * blow-up, and the work is at most the product of two segment lengths (a file name is short).
 */
function segmentMatches(glob: string, name: string): boolean {
  if (glob.length - countStars(glob) > name.length) return false;
  let g = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = n;
    } else if (g < glob.length && glob[g] === name[n]) {
      g++;
      n++;
    } else if (star !== -1) {
      g = star + 1;
      n = ++resume;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

function countStars(s: string): number {
  let n = 0;
  for (const c of s) if (c === '*') n++;
  return n;
}

/**
 * Whether `file` ends with a path the glob names (`snippets/*.conf` matches `nginx/snippets/x.conf`), `*` never
 * crossing a `/`: what the regex `(^|/)GLOB$` would say. Written without a regex because an `include` argument is
 * text from the scanned file: a 46 KB literal path made a regex too large to compile (an internal error).
 */
export function globEndsPath(glob: string, file: string): boolean {
  const want = glob.split('/');
  const have = file.split('/');
  if (want.length > have.length) return false;
  const tail = have.slice(have.length - want.length);
  return want.every((w, i) => segmentMatches(w, tail[i] ?? ''));
}

/** Repository nginx files an `include` pattern names (`/etc/nginx/snippets/*.conf` matches `…/snippets/x.conf`). */
function included(pattern: string, project: ProjectView, self: NginxTarget): NginxTarget[] {
  const rel = pattern.replace(/^\/etc\/nginx\//, '').replace(/^\.\//, '');
  return project.targets('nginx').filter((t) => t !== self && globEndsPath(rel, t.file));
}

/**
 * A block's directives with `include`s inlined from the repository's nginx files (servers excepted: each file's
 * servers are checked in that file). An include that is not in the repository but is named like an auth
 * snippet (`snippets/authelia-authrequest.conf`) stands for an `auth_request`.
 */
function expand(list: readonly NginxDirective[], project: ProjectView, self: NginxTarget, stack: readonly string[] = [self.file], budget = { left: 5000 }): NginxDirective[] {
  const out: NginxDirective[] = [];
  for (const d of list) {
    if (d.name === 'include' && d.args[0] && stack.length < 6 && budget.left > 0) {
      // A file already on the include stack is a cycle; the budget bounds what a hostile tree of includes costs.
      const files = included(d.args[0].value, project, self).filter((t) => !stack.includes(t.file));
      for (const t of files)
        for (const dd of expand(t.directives, project, t, [...stack, t.file], budget)) {
          if (dd.name === 'server' && dd.block) continue;
          if (--budget.left < 0) break;
          if (!origin.has(dd)) origin.set(dd, t.file);
          out.push(dd);
        }
      if (!files.length && AUTH_INCLUDE.test(d.args[0].value)) out.push({ name: 'auth_request', args: [{ value: `(${d.args[0].value})`, start: d.start, end: d.end }], start: d.start, end: d.end });
    }
    out.push(d.block ? copy(d, { ...d, block: expand(d.block, project, self, stack, budget) }) : d);
  }
  return out;
}

function copy(from: NginxDirective, to: NginxDirective): NginxDirective {
  const f = origin.get(from);
  if (f) origin.set(to, f);
  return to;
}

/** The `http` block of another repository file that includes this one (`include conf.d/*.conf;`), if any. */
function includingHttp(target: NginxTarget, project: ProjectView): NginxDirective[] {
  for (const t of project.targets('nginx')) {
    if (t === target) continue;
    for (const http of t.directives.filter((d) => d.name === 'http' && d.block)) {
      if ((http.block ?? []).some((d) => d.name === 'include' && d.args[0] && included(d.args[0].value, project, t).includes(target))) return [copy(http, { ...http, block: expand(http.block ?? [], project, t) })];
    }
  }
  return [];
}

/**
 * `server { … }` blocks of the http context (or at the top of a site file), with their enclosing blocks, includes
 * inlined, and, for a file included from another one's `http` block, that `http` block as the outermost level.
 */
export function servers(target: NginxTarget, project: ProjectView): Scoped[] {
  // Several rules ask for the same target in one scan; targets are per-scan objects, so the cache dies with it.
  const cached = serverCache.get(target);
  if (cached) return cached;
  const out: Scoped[] = [];
  const walk = (list: readonly NginxDirective[], chain: NginxDirective[]) => {
    for (const d of list) {
      if (!d.block || fileOf(d)) continue;
      if (d.name === 'server') out.push({ directive: d, chain: [...chain, d] });
      else if (d.name === 'http') walk(d.block, [...chain, d]);
    }
  };
  walk(expand(target.directives, project, target), includingHttp(target, project));
  serverCache.set(target, out);
  return out;
}

const serverCache = new WeakMap<NginxTarget, Scoped[]>();

/** Every `location` inside a server, nested ones included, each with its full chain. */
export function locations(server: Scoped): Scoped[] {
  const out: Scoped[] = [];
  const walk = (list: readonly NginxDirective[], chain: readonly NginxDirective[]) => {
    for (const d of list) {
      if (d.name !== 'location' || !d.block) continue;
      const c = [...chain, d];
      out.push({ directive: d, chain: c });
      walk(d.block, c);
    }
  };
  walk(server.directive.block ?? [], server.chain);
  return out;
}

/** The directives named `name` that apply at the innermost level of `chain` (nginx's array-directive inheritance). */
export function effective(chain: readonly NginxDirective[], ...names: string[]): NginxDirective[] {
  for (let k = chain.length - 1; k >= 0; k--) {
    const found = (chain[k]?.block ?? []).filter((d) => names.includes(d.name));
    if (found.length) return found;
  }
  return [];
}

export function arg(d: NginxDirective | undefined, k = 0): string {
  return d?.args[k]?.value ?? '';
}

/**
 * nginx applies allow/deny in order, first match wins: the list restricts access only if its first `all` rule is
 * `deny all` (`allow all`, or a blocklist of a few addresses, lets everyone else in).
 */
function deniesByDefault(rules: readonly NginxDirective[]): boolean {
  const catchAll = rules.find((r) => arg(r) === 'all');
  return catchAll?.name === 'deny';
}

/**
 * The location restricts who gets in: basic auth, auth_request, client certificates, an allow list ending in
 * `deny all`, or OpenResty's access phase (`access_by_lua_block`/`_file`: code that decides access, judged as auth).
 */
export function isRestricted(chain: readonly NginxDirective[]): boolean {
  if (effective(chain, 'access_by_lua_block', 'access_by_lua_file', 'access_by_lua').length) return true;
  const basic = effective(chain, 'auth_basic')[0];
  const request = effective(chain, 'auth_request')[0];
  const jwt = effective(chain, 'auth_jwt')[0];
  const mtls = effective(chain, 'ssl_verify_client')[0];
  return (
    (basic !== undefined && arg(basic) !== 'off') ||
    (request !== undefined && arg(request) !== 'off') ||
    (jwt !== undefined && arg(jwt) !== 'off') ||
    (mtls !== undefined && arg(mtls) === 'on') ||
    deniesByDefault(effective(chain, 'allow', 'deny'))
  );
}

export interface Listen {
  host: string;
  ssl: boolean;
  public: boolean;
}

function isLoopbackHost(h: string): boolean {
  const host = h.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** A server's listen sockets; a server without `listen` listens on *:80. */
export function listens(server: NginxDirective): Listen[] {
  const ls = (server.block ?? []).filter((d) => d.name === 'listen');
  if (!ls.length) return [{ host: '*', ssl: false, public: true }];
  return ls.map((l) => {
    const addr = arg(l);
    const ssl = l.args.slice(1).some((a) => a.value === 'ssl' || a.value === 'quic');
    if (addr.startsWith('unix:')) return { host: addr, ssl, public: false };
    const m = /^(\[[^\]]*\]|[^:]+):\d+$/.exec(addr);
    const host = m ? (m[1] ?? '*') : /^\d+$/.test(addr) ? '*' : addr;
    return { host, ssl, public: !isLoopbackHost(host) };
  });
}

export function isTls(server: NginxDirective): boolean {
  return listens(server).some((l) => l.ssl) || (server.block ?? []).some((d) => d.name === 'ssl' && arg(d) === 'on');
}

export interface Backend {
  host: string;
  port: number | undefined;
}

/** `upstream name { server host:port; }` of every nginx file of the repository. */
export function upstreams(project: ProjectView, target: NginxTarget): Map<string, Backend[]> {
  const map = new Map<string, Backend[]>();
  const files = project.targets('nginx');
  for (const t of files.includes(target) ? files : [...files, target]) {
    const walk = (list: readonly NginxDirective[]) => {
      for (const d of list) {
        if (d.name === 'upstream' && d.block) map.set(arg(d), d.block.filter((s) => s.name === 'server').map((s) => hostPort(arg(s), undefined)));
        else if (d.block) walk(d.block);
      }
    };
    walk(t.directives);
  }
  return map;
}

function hostPort(s: string, defaultPort: number | undefined): Backend {
  const m = /^(\[[^\]]*\]|[^:/]+)(?::(\d+))?$/.exec(s);
  if (!m) return { host: s, port: defaultPort };
  return { host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port: m[2] ? Number(m[2]) : defaultPort };
}

export interface ProxyTarget {
  scheme: string;
  /** The host as written (an upstream name, a host name, an address); empty for variables and sockets. */
  host: string;
  backends: Backend[];
  upstream: boolean;
}

/** Where a location's `proxy_pass` sends requests, with upstream names resolved. */
export function proxyTarget(location: NginxDirective, ups: Map<string, Backend[]>): ProxyTarget | undefined {
  const pass = (location.block ?? []).find((d) => d.name === 'proxy_pass');
  if (!pass) return undefined;
  const m = /^(\w+):\/\/([^/]+)/.exec(arg(pass));
  if (!m || m[2]?.includes('$') || m[2]?.startsWith('unix:')) return undefined;
  const scheme = (m[1] ?? '').toLowerCase();
  const hp = hostPort(m[2] ?? '', undefined);
  const up = hp.port === undefined ? ups.get(hp.host) : undefined;
  return { scheme, host: hp.host, backends: up ?? [{ host: hp.host, port: hp.port ?? (scheme === 'https' ? 443 : 80) }], upstream: up !== undefined };
}

/** The proxy target reaches the gateway: one of its backends is on a gateway port (`gatewayPorts` of the repository). */
export const isGateway = (p: ProxyTarget | undefined, ports: ReadonlySet<number>) => Boolean(p?.backends.some((b) => b.port !== undefined && ports.has(b.port)));

/**
 * A test for "this location proxies to the OpenClaw gateway": its `proxy_pass` (upstreams of the target resolved)
 * reaches the gateway port (18789, or a `gateway.port` of the scan's OpenClaw configs).
 */
export function gatewayLocationTest(project: ProjectView, target: NginxTarget): (location: NginxDirective) => boolean {
  const ups = upstreams(project, target);
  const ports = gatewayPorts(project.targets('openclaw'));
  return (location) => isGateway(proxyTarget(location, ups), ports);
}

export { isLoopbackHost };

/** Locations that are health checks or the gateway's webhook endpoint (reported by their own rule). */
export function sensitivePath(location: NginxDirective): 'hooks' | 'health' | undefined {
  const path = location.args[location.args.length - 1]?.value ?? '';
  if (/^\^?\/hooks(\/|$|\b)/.test(path)) return 'hooks';
  if (/^\^?\/(health|healthz|ready|readyz)\b/.test(path)) return 'health';
  return undefined;
}

/** The opening line of a block directive (`location /x {`) for anchoring findings. */
export function head(d: NginxDirective): [number, number] {
  const last = d.args[d.args.length - 1];
  return [d.start, last ? last.end : d.start + d.name.length];
}
