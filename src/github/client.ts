/**
 * The one Octokit the action uses: @octokit/rest with the throttling and retry plugins. Throttling queues
 * writes (GitHub's secondary limits: 80 content-creating requests a minute) and retries a rate-limited request
 * at most twice; retry repeats 5xx and other transient failures (never 400/401/403/404/410/422/451).
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { TOOL_VERSION } from '../version.js';

const ClawOctokit = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof ClawOctokit>;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL (GitHub Enterprise Server, or a test server). */
  baseUrl?: string;
  log: (line: string) => void;
  /** Tests: shorter waits (`retryAfterBaseValue`), a private limiter `id`. */
  throttle?: Partial<Omit<ThrottlingOptions, 'onRateLimit' | 'onSecondaryRateLimit'>>;
  retry?: { enabled?: boolean; retries?: number; retryAfterBaseValue?: number };
}

/** Rate-limited requests are retried twice at most, and only when the wait is short enough for a CI step. */
const MAX_RETRIES = 2;
const MAX_WAIT_SECONDS = 120;

export function createClient(opts: ClientOptions): GitHubClient {
  const onLimit = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < MAX_RETRIES && retryAfter <= MAX_WAIT_SECONDS;
    opts.log(`GitHub ${kind} rate limit on ${options.method} ${options.url}; ${again ? `retrying in ${retryAfter}s` : 'giving up'}.`);
    return again;
  };
  return new ClawOctokit({
    auth: opts.token,
    baseUrl: opts.baseUrl || 'https://api.github.com',
    userAgent: `clawscan/${TOOL_VERSION}`,
    log: { debug: () => {}, info: () => {}, warn: (m: string) => opts.log(m), error: () => {} },
    throttle: { ...opts.throttle, onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') } as ThrottlingOptions,
    retry: { ...opts.retry },
  });
}

/** The HTTP status of an Octokit RequestError, if that is what `err` is. */
export function statusOf(err: unknown): number | undefined {
  const s = (err as { status?: unknown })?.status;
  return typeof s === 'number' ? s : undefined;
}
