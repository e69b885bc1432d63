import { GitHub as Octokit } from '@actions/github/lib/utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub, FORBIDDEN_FOR_FORK } from './support/fake-github.js';

describe('FakeGitHub', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = await new FakeGitHub().start();
  });
  afterEach(() => gh.stop());

  it('paginates with Link headers the way Octokit follows them', async () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ filename: `f${i}.yml` }));
    gh.on('GET', '/repos/:owner/:repo/pulls/:number/files', (req) => gh.page(req, files));
    const octokit = new Octokit({ baseUrl: gh.url, auth: 't0ken', log: { debug() {}, info() {}, warn() {}, error() {} } });
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: 'o', repo: 'r', pull_number: 1, per_page: 3 });
    expect(all.map((f) => f.filename)).toEqual(files.map((f) => f.filename));
    expect(gh.calls('GET', '/repos/o/r/pulls/1/files').map((r) => r.query.get('page') ?? '1')).toEqual(['1', '2', '3']);
    expect(gh.requests[0]?.headers.authorization).toBe('token t0ken');
  });

  it('injects failures for the next matching requests only', async () => {
    gh.on('POST', '/repos/:owner/:repo/pulls/:number/reviews', () => ({ status: 200, body: { id: 1 } }));
    gh.inject('POST', '/repos/:owner/:repo/pulls/:number/reviews', 1, FORBIDDEN_FOR_FORK);
    const octokit = new Octokit({ baseUrl: gh.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
    await expect(octokit.rest.pulls.createReview({ owner: 'o', repo: 'r', pull_number: 2, event: 'COMMENT' })).rejects.toMatchObject({ status: 403 });
    await expect(octokit.rest.pulls.createReview({ owner: 'o', repo: 'r', pull_number: 2, event: 'COMMENT' })).resolves.toMatchObject({ status: 200 });
    expect(gh.calls('POST', '/repos/o/r/pulls/2/reviews')[1]?.body).toEqual({ event: 'COMMENT' });
  });

  it('lets the first `after` matching requests through before injecting', async () => {
    gh.on('GET', '/orgs/:org/repos', () => ({ status: 200, body: [] }));
    gh.inject('GET', '/orgs/:org/repos', 2, { status: 502, body: { message: 'bad gateway' } }, { after: 2 });
    const octokit = new Octokit({ baseUrl: gh.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push(await octokit.rest.repos.listForOrg({ org: 'o' }).then((r) => r.status, (e: { status: number }) => e.status));
    expect(statuses).toEqual([200, 200, 502, 502, 200]);
  });
});
