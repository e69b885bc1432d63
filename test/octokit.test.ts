/** The one GitHub client (src/github/octokit.ts): rate-limit policy and identification, against the fake API. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOctokit } from '../src/github/octokit.js';
import { TOOL_VERSION } from '../src/model/version.js';
import { FakeGitHub, SECONDARY_RATE_LIMIT } from './support/fake-github.js';

describe('createOctokit', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    gh.on('GET', '/repos/:owner/:repo', () => ({ status: 200, body: { full_name: 'acme/app' } }));
  });
  afterEach(() => gh.stop());

  const client = (warnings: string[], extra: { maxWaitSeconds?: number; limitRetries?: number } = {}) =>
    createOctokit({ purpose: 'action', baseUrl: `${gh.url}/`, token: 't', retries: 0, retryAfterUnitMs: 1, log: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} }, ...extra });

  it('says who calls, and waits out a short rate limit', async () => {
    gh.inject('GET', '/repos/:owner/:repo', 1, SECONDARY_RATE_LIMIT);
    const warnings: string[] = [];
    const r = await client(warnings).rest.repos.get({ owner: 'acme', repo: 'app' });
    expect(r.data).toEqual({ full_name: 'acme/app' });
    const calls = gh.calls('GET', '/repos/acme/app');
    expect(calls.length).toBe(2);
    expect(calls[0]?.headers['user-agent']).toContain(`gatewarden/${TOOL_VERSION} (action)`);
    expect(warnings).toEqual(['GitHub secondary rate limit on GET /repos/{owner}/{repo}: retrying in 1 s (attempt 1 of 3)']);
  });

  it('gives up at once when the wait asked for is longer than the bound', async () => {
    gh.inject('GET', '/repos/:owner/:repo', 5, { ...SECONDARY_RATE_LIMIT, headers: { 'retry-after': '600' } });
    const warnings: string[] = [];
    await expect(client(warnings, { maxWaitSeconds: 120 }).rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toMatchObject({ status: 403 });
    expect(gh.calls('GET', '/repos/acme/app').length).toBe(1);
    expect(warnings).toEqual(['GitHub secondary rate limit on GET /repos/{owner}/{repo}: giving up (it asks for a 600 s wait)']);
  });
});
