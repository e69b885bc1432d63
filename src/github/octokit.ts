/**
 * The one place a GitHub REST client is built, for the action (pull-request mode: reviews) and for the org sweep
 * (listing, SARIF uploads): @actions/github's client (Octokit with the REST methods and pagination, and the
 * runner's proxy settings) with the throttling plugin (whose two handlers are mandatory) and the retry plugin,
 * as `getOctokit(token, options, throttling, retry)` builds it; a client without a token is built the same way.
 *
 * Policy: on a primary or secondary rate limit, wait what GitHub says and retry, at most `limitRetries` times per
 * request, and never wait longer than `maxWaitSeconds` (a CI step has a time budget; the action gives up and says
 * so in the summary). Throttling also queues writes under GitHub's secondary limits (80 content-creating requests
 * a minute). 5xx and other transient failures go to plugin-retry (`retries`; it never repeats 400/401/403/404/410/
 * 422/451, and its back-off is hard-coded, so tests pass `retries: 0` or a short `retry.retryAfterBaseValue`).
 */
import { getOctokitOptions, GitHub } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { TOOL_VERSION } from '../model/version.js';

export interface GitHubLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface OctokitOptions {
  token?: string;
  /** REST root: `https://api.github.com`, a GHES `https://HOST/api/v3` (GITHUB_API_URL), or a test server. */
  baseUrl?: string;
  /** Who is calling, for the User-Agent (`gatewarden/<version> (<purpose>)`). */
  purpose: 'action' | 'org-sweep';
  /** Octokit's own warnings and the rate-limit lines; silent by default. */
  log?: GitHubLog;
  /** How many times one request may wait out a rate limit and retry (default 3). */
  limitRetries?: number;
  /** Give up instead of waiting longer than this for a rate limit to end (default: no bound). */
  maxWaitSeconds?: number;
  /** plugin-retry attempts for 5xx and similar (default 3); 0 disables them. */
  retries?: number;
  /** Milliseconds per second of `retry-after`; tests shrink it so a "wait 1 s" costs 1 ms. */
  retryAfterUnitMs?: number;
  /** Tests: a private limiter `id`, unthrottled write groups, plugin-retry's base wait. */
  throttle?: Partial<Omit<ThrottlingOptions, 'onRateLimit' | 'onSecondaryRateLimit'>>;
  retry?: { retryAfterBaseValue?: number };
  /**
   * Each request is aborted after this long (default: GATEWARDEN_API_TIMEOUT_SECONDS, else 30 s); a GET or HEAD
   * that timed out is tried once more, never a write (it may have been done). A server that accepts and never
   * answers would otherwise hold the step for undici's 300 s, and again for each retry (security review, B9b).
   */
  requestTimeoutMs?: number;
}

/** The request time limit from the environment (GATEWARDEN_API_TIMEOUT_SECONDS), in ms. */
export function apiTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.GATEWARDEN_API_TIMEOUT_SECONDS);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 30_000;
}

type Fetch = typeof globalThis.fetch;

/** `inner` with a time limit per request (see OctokitOptions.requestTimeoutMs). */
export function timedFetch(inner: Fetch, ms: number): Fetch {
  return async (url, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const tries = method === 'GET' || method === 'HEAD' ? 2 : 1;
    for (let attempt = 1; ; attempt++) {
      const timer = AbortSignal.timeout(ms);
      const signal = init?.signal ? AbortSignal.any([init.signal, timer]) : timer;
      try {
        return await inner(url, { ...init, signal });
      } catch (err) {
        if (!timer.aborted) throw err;
        if (attempt >= tries) {
          // An AbortError is passed on as it is by @octokit/request, and plugin-retry does not retry it.
          const e = new Error(`the GitHub API timed out: no answer within ${Math.round(ms / 100) / 10} s${tries > 1 ? ', twice' : ''}`);
          e.name = 'AbortError';
          throw e;
        }
      }
    }
  };
}

const GatewardenOctokit = GitHub.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof GatewardenOctokit>;

const QUIET: GitHubLog = { debug() {}, info() {}, warn() {}, error() {} };

export function createOctokit(opts: OctokitOptions): GitHubClient {
  const log = opts.log ?? QUIET;
  const limitRetries = opts.limitRetries ?? 3;
  const maxWait = opts.maxWaitSeconds ?? Infinity;
  const retries = opts.retries ?? 3;
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const what = `GitHub ${kind} rate limit on ${options.method ?? 'GET'} ${options.url ?? ''}`;
    if (retryCount < limitRetries && retryAfter <= maxWait) {
      log.warn(`${what}: retrying in ${retryAfter} s (attempt ${retryCount + 1} of ${limitRetries})`);
      return true;
    }
    log.warn(`${what}: giving up ${retryAfter > maxWait ? `(it asks for a ${retryAfter} s wait)` : `after ${limitRetries} retries`}`);
    return false;
  };
  const options = {
    ...(opts.baseUrl ? { baseUrl: withoutTrailingSlashes(opts.baseUrl) } : {}),
    userAgent: `gatewarden/${TOOL_VERSION} (${opts.purpose})`,
    log,
    throttle: {
      ...opts.throttle,
      ...(opts.retryAfterUnitMs !== undefined ? { retryAfterBaseValue: opts.retryAfterUnitMs } : {}),
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    } as ThrottlingOptions,
    // `retry.retries`, not `request.retries`: a request-level count makes plugin-retry retry every error,
    // 403 and 404 included.
    retry: retries === 0 ? { enabled: false } : { retries, ...opts.retry },
  };
  const built = (opts.token ? getOctokitOptions(opts.token, options) : options) as typeof options & { request?: { fetch?: Fetch } };
  built.request = { ...built.request, fetch: timedFetch(built.request?.fetch ?? globalThis.fetch, opts.requestTimeoutMs ?? apiTimeoutMs()) };
  return new GatewardenOctokit(built);
}

/** The HTTP status of an Octokit RequestError, if that is what `err` is. */
export function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}

/** `https://ghe.example/api/v3/` → without the slash, in one linear pass (`\/+$` backtracks on long runs). */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}
