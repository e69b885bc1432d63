/**
 * The one place a REST client is built for the org sweep: @octokit/rest with the throttling plugin (whose two
 * handlers are mandatory) and the retry plugin. Kept minimal on purpose; a pull-request-mode factory may exist
 * on another branch and the two should be unified into this module.
 *
 * Policy: on a primary or secondary rate limit, wait what GitHub says and retry, at most `limitRetries` times
 * per request (default 3), logging a warning each time. 5xx and other retryable errors go to plugin-retry
 * (`retries`, default 3; its back-off is hard-coded, so tests pass `retries: 0`).
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export interface GitHubLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SweepOctokitOptions {
  token?: string;
  /** REST root, e.g. `https://api.github.com` or a GHES `https://HOST/api/v3`. */
  baseUrl?: string;
  log?: GitHubLog;
  /** plugin-retry attempts for 5xx and similar; 0 disables retries. */
  retries?: number;
  /** How many times one request may wait out a rate limit and retry. */
  limitRetries?: number;
  /** Milliseconds per second of `retry-after`; tests shrink it so a "wait 1 s" costs 1 ms. */
  retryAfterUnitMs?: number;
}

const ClawscanOctokit = Octokit.plugin(throttling, retry);
export type SweepOctokit = InstanceType<typeof ClawscanOctokit>;

const QUIET: GitHubLog = { debug() {}, info() {}, warn() {}, error() {} };

export function createSweepOctokit(opts: SweepOctokitOptions = {}): SweepOctokit {
  const log = opts.log ?? QUIET;
  const limitRetries = opts.limitRetries ?? 3;
  const retries = opts.retries ?? 3;
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    const what = `${options.method ?? 'GET'} ${options.url ?? ''}`;
    if (retryCount < limitRetries) {
      log.warn(`${kind} rate limit on ${what}: retrying in ${retryAfter} s (attempt ${retryCount + 1} of ${limitRetries})`);
      return true;
    }
    log.warn(`${kind} rate limit on ${what}: giving up after ${limitRetries} retries`);
    return false;
  };
  return new ClawscanOctokit({
    ...(opts.token ? { auth: opts.token } : {}),
    ...(opts.baseUrl ? { baseUrl: withoutTrailingSlashes(opts.baseUrl) } : {}),
    userAgent: 'clawscan-org-sweep',
    log,
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      ...(opts.retryAfterUnitMs !== undefined ? { retryAfterBaseValue: opts.retryAfterUnitMs } : {}),
    },
    // `retry.retries`, not `request.retries`: a request-level count makes plugin-retry retry every error,
    // 403 and 404 included.
    retry: retries === 0 ? { enabled: false } : { retries },
  });
}

/** `https://ghe.example/api/v3/` → without the slash, in one linear pass (`\/+$` backtracks on long runs). */
export function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}
