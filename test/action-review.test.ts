/**
 * Review comments end to end: the action against the fake GitHub server (test/support/fake-github.ts), with a
 * real git repository, checked against GitHub's REST description. Retry and throttling stay on, with their waits
 * shortened (retryAfterBaseValue, no spacing between writes) so the tests stay fast.
 */
import { randomUUID } from 'node:crypto';
// bottleneck comes with @octokit/plugin-throttling; unthrottled groups keep these tests fast (in production a
// write waits 1 s after the previous one, and 3 s for writes that notify people, such as reviews).
import Bottleneck from 'bottleneck';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction, pullRequestPayload, type ActionRun } from './support/action-run.js';
import { FakeGitHub, FORBIDDEN_FOR_FORK, SECONDARY_RATE_LIMIT } from './support/fake-github.js';
import { diffEntries, FakePullRequest, type DiffEntry } from './support/fake-pull-request.js';
import { FAKE_ANTHROPIC_KEYS } from './support/fake-secrets.js';
import { GitRepo } from './support/git-repo.js';
import { operation, validate } from './support/openapi.js';

const KEY = FAKE_ANTHROPIC_KEYS[1];
const COMPOSE_BASE = `services:
  gateway:
    image: ghcr.io/openclaw/openclaw:2026.9.6
    privileged: true
`;
const COMPOSE_HEAD = `${COMPOSE_BASE}  worker:
    image: alpine:3.20
    privileged: true
`;

/** Files of other parts of the PR, so the listing needs more than one page of 100. */
const padding = (n: number): DiffEntry[] =>
  Array.from({ length: n }, (_, i) => ({ sha: 'a'.repeat(40), filename: `docs/page-${i}.md`, status: 'added', additions: 1, deletions: 0, changes: 1, blob_url: 'https://github.com/x', raw_url: 'https://github.com/x', contents_url: 'https://api.github.com/x', patch: '@@ -0,0 +1 @@\n+text' }));

const unthrottled = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });

describe('action, review comments', () => {
  let gh: FakeGitHub;
  let repo: GitRepo;
  let base: string;
  let head: string;
  let pr: FakePullRequest;

  beforeEach(async () => {
    gh = await new FakeGitHub().start();
    repo = GitRepo.init();
    base = repo.write({ 'docker-compose.yml': COMPOSE_BASE }).commit('base');
    head = repo.write({ 'docker-compose.yml': COMPOSE_HEAD, 'config/keys.txt': `ANTHROPIC=${KEY}\n` }).commit('head');
    pr = new FakePullRequest(gh, 12, [...padding(130), ...diffEntries(repo, base, head)], head);
  });
  afterEach(() => gh.stop());

  const review = (over: { fork?: boolean; headSha?: string; baseSha?: string } = {}): Promise<ActionRun> =>
    runAction({
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: 12, baseSha: over.baseSha ?? base, headSha: over.headSha ?? head, ...(over.fork ? { fork: true } : {}) }),
      inputs: { path: repo.dir, 'review-comments': 'true', token: 'ghs_faketoken', 'fail-on': 'never' },
      env: { GITHUB_API_URL: gh.url },
      options: { client: { throttle: { id: randomUUID(), retryAfterBaseValue: 1, write: unthrottled(), notifications: unthrottled() }, retry: { retryAfterBaseValue: 1 } } },
    });

  it('posts one review with inline comments on diff lines and a suggestion where the fix is mechanical', async () => {
    const r = await review();
    const posts = gh.calls('POST', '/repos/octo/claw/pulls/12/reviews');
    expect(posts).toHaveLength(1);
    const body = posts[0]?.body as { commit_id: string; event: string; comments: { path: string; line: number; side: string; body: string }[] };
    expect(body.commit_id).toBe(head);
    expect(body.event).toBe('COMMENT');
    expect(body.comments.map((c) => `${c.path}:${c.line}:${c.side}`).sort()).toEqual(['config/keys.txt:1:RIGHT', 'docker-compose.yml:7:RIGHT']);
    const compose = body.comments.find((c) => c.path === 'docker-compose.yml')?.body ?? '';
    expect(compose).toContain('```suggestion\n    privileged: false\n```');
    expect(compose).toContain('`compose.privileged`');
    const secret = body.comments.find((c) => c.path === 'config/keys.txt')?.body ?? '';
    expect(secret).not.toContain('suggestion');
    expect(secret).toMatch(/\(value: `sk-a…\(108 chars\)`\)/);
    // Both listings were followed past the first page of 100.
    expect(gh.calls('GET', '/repos/octo/claw/pulls/12/files').map((q) => q.query.get('page') ?? '1')).toEqual(['1', '2']);
    expect(gh.calls('GET', '/repos/octo/claw/pulls/12/files')[0]?.query.get('per_page')).toBe('100');
    expect(r.summary).toContain('Review comments: 2 posted in a new review.');
    expect(pr.violations).toEqual([]);
    for (const q of gh.requests) expect(JSON.stringify(q.body ?? '')).not.toContain(KEY.slice(12, 40));
    expect(gh.requests[0]?.headers.authorization).toBe('token ghs_faketoken');
  });

  it('updates its comments on the next push instead of duplicating them, and marks fixed ones resolved', async () => {
    // Humans have talked a lot: Gatewarden's comments are on the second page of the listing.
    await review();
    for (let i = 0; i < 110; i++) pr.comments.unshift({ id: 1 + i, body: `human remark ${i}`, path: 'docker-compose.yml', line: 6, start_line: null, review_id: 99 });
    const worker = pr.comments.find((c) => c.path === 'docker-compose.yml' && c.body.includes('gatewarden:fp='));
    if (!worker) throw new Error('no Gatewarden comment on docker-compose.yml');
    worker.body = worker.body.replace(/\*\*How to fix:\*\*[^\n]*/, '**How to fix:** (text of an older Gatewarden)');

    // Next push: the key is gone, one more privileged service, the worker unchanged.
    const next = repo.write({ 'docker-compose.yml': `${COMPOSE_HEAD}  cron:\n    image: alpine:3.20\n    privileged: true\n` }).commit('push 2');
    repo.git('rm', '--quiet', 'config/keys.txt');
    const head2 = repo.commit('remove key');
    expect(next).not.toBe(head2);
    pr.files = [...padding(130), ...diffEntries(repo, base, head2)];
    pr.headSha = head2;
    const r = await review({ headSha: head2 });

    const ours = pr.comments.filter((c) => c.body.includes('gatewarden:fp='));
    expect(ours).toHaveLength(3);
    expect(pr.reviewCount).toBe(2);
    const second = gh.calls('POST', '/repos/octo/claw/pulls/12/reviews')[1]?.body as { comments: { path: string; line: number }[] };
    expect(second.comments.map((c) => `${c.path}:${c.line}`)).toEqual(['docker-compose.yml:10']);
    expect(worker.body).toContain('**How to fix:** Remove `privileged: true`');
    const key = ours.find((c) => c.path === 'config/keys.txt');
    expect(key?.body).toMatch(/^✅ \*\*Resolved\*\*/);
    expect(key?.body).toContain('state=resolved');
    expect(gh.calls('GET', '/repos/octo/claw/pulls/12/comments').map((q) => q.query.get('page') ?? '1')).toEqual(['1', '1', '2']);
    // Issue 22: the key was added by a commit of the pull request and removed by a later one, so it stays in the
    // branch's history: the sweep of the PR's commits reports it as new (at the commit that added it), off the diff.
    expect(r.summary).toContain('Swept the 3 commit(s) of the pull request for secrets added and removed again: 1 found.');
    expect(r.summary).toContain("Review comments: 1 posted in a new review, 1 updated, 1 marked resolved, 1 not commented (not on a line of the pull request's diff");
    expect(pr.violations).toEqual([]);

    // A third run with nothing new: no review, no edit.
    const before = gh.requests.length;
    const r3 = await review({ headSha: head2 });
    expect(gh.requests.slice(before).filter((q) => q.method !== 'GET')).toEqual([]);
    expect(r3.summary).toContain('Review comments: 2 unchanged, 1 not commented');
  });

  it('does not mark a comment resolved when its finding only stopped being new (the base branch got the same change)', async () => {
    await review();
    repo.git('checkout', '--quiet', '-b', 'target', base);
    const baseTip = repo.write({ 'config/keys.txt': `ANTHROPIC=${KEY}\n` }).commit('the key lands on the base branch too');
    repo.git('checkout', '--quiet', '-B', 'feature', head);
    repo.git('merge', '--quiet', '--no-ff', '-m', 'Merge base', baseTip);
    const merged = repo.git('rev-parse', 'HEAD');
    pr.files = diffEntries(repo, baseTip, merged);
    pr.headSha = merged;
    const before = pr.comments.map((c) => c.body);
    const r = await review({ headSha: merged, baseSha: baseTip });
    expect(r.outputs['new-findings-count']).toBe('1');
    expect(pr.comments.map((c) => c.body)).toEqual(before);
    expect(gh.requests.filter((q) => q.method !== 'GET' && q.body !== undefined)).toHaveLength(1); // the first run's review only
    expect(r.summary).toContain('Review comments: 1 unchanged.');
  });

  it('leaves findings off the review when GitHub has no diff lines for them (large file: no patch), and says so', async () => {
    pr.files = pr.files.map((f) => (f.filename === 'config/keys.txt' ? (({ patch: _patch, ...rest }) => rest)(f) : f));
    const r = await review();
    const body = gh.calls('POST', '/repos/octo/claw/pulls/12/reviews')[0]?.body as { comments: { path: string }[] };
    expect(body.comments.map((c) => c.path)).toEqual(['docker-compose.yml']);
    expect(r.summary).toContain('Review comments: 1 posted in a new review, 1 not commented (not on a line of the pull request');
    expect(r.stdout).toMatch(/^::error file=config\/keys.txt,line=1/m);
    expect(pr.violations).toEqual([]);
  });

  it('does not comment on a file whose lines differ between the merge-commit checkout and the PR head', async () => {
    repo.git('checkout', '--quiet', '-b', 'target', base);
    // The base branch drops a line above: in the merge, the worker's line 7 becomes 6, a line GitHub's diff of
    // the PR head does have (its `image:` line), so only the blob check keeps the comment off the wrong line.
    const baseTip = repo.write({ 'docker-compose.yml': COMPOSE_BASE.replace('    image: ghcr.io/openclaw/openclaw:2026.9.6\n', '') }).commit('base moves');
    repo.git('merge', '--quiet', '--no-ff', '-m', 'Merge', head);
    expect(repo.git('rev-parse', 'HEAD^2')).toBe(head);
    const r = await runAction({
      eventName: 'pull_request',
      payload: pullRequestPayload({ number: 12, baseSha: baseTip, headSha: head }),
      inputs: { path: repo.dir, 'review-comments': 'true', token: 'ghs_faketoken', 'fail-on': 'never' },
      env: { GITHUB_API_URL: gh.url },
      options: { client: { throttle: { id: randomUUID(), retryAfterBaseValue: 1, write: unthrottled(), notifications: unthrottled() }, retry: { retryAfterBaseValue: 1 } } },
    });
    expect(r.stdout).toMatch(/^::error file=docker-compose.yml,line=6/m); // line 7 at the PR head
    const body = gh.calls('POST', '/repos/octo/claw/pulls/12/reviews')[0]?.body as { comments: { path: string }[] };
    expect(body.comments.map((c) => c.path)).toEqual(['config/keys.txt']);
    expect(r.summary).toContain('1 not commented');
    expect(pr.violations).toEqual([]);
  });

  it('on a fork pull request calls no API and says why in one line; annotations and summary still carry the findings', async () => {
    const r = await review({ fork: true });
    expect(gh.requests).toEqual([]);
    expect(r.summary).toContain('Review comments skipped: this pull request comes from a fork');
    expect(r.stdout).toMatch(/^::error file=docker-compose.yml,line=7/m);
    expect(r.failed).toBe(false);
  });

  it('degrades to annotations and summary when the token gets 403 (read-only token), without failing the run', async () => {
    gh.inject('POST', '/repos/:owner/:repo/pulls/:number/reviews', 1, FORBIDDEN_FOR_FORK);
    const r = await review();
    expect(gh.calls('POST', '/repos/octo/claw/pulls/12/reviews')).toHaveLength(1); // 403 is not retried
    expect(r.summary).toContain("Review comments skipped: the token cannot read or write this pull request's reviews (HTTP 403); grant `pull-requests: write`");
    expect(r.stdout).toMatch(/^::error file=config\/keys.txt,line=1/m);
    expect(r.failed).toBe(false);
    expect(r.outputs['new-findings-count']).toBe('2');
  });

  it('degrades the same way when even listing comments is forbidden', async () => {
    gh.inject('GET', '/repos/:owner/:repo/pulls/:number/comments', 1, FORBIDDEN_FOR_FORK);
    const r = await review();
    expect(gh.calls('POST', '/repos/octo/claw/pulls/12/reviews')).toEqual([]);
    expect(r.summary).toContain('Review comments skipped: the token cannot read or write');
    expect(r.failed).toBe(false);
  });

  it('waits and retries after a secondary rate limit, and after a server error', async () => {
    gh.inject('POST', '/repos/:owner/:repo/pulls/:number/reviews', 1, SECONDARY_RATE_LIMIT);
    gh.inject('GET', '/repos/:owner/:repo/pulls/:number/files', 1, { status: 503, body: { message: 'Service Unavailable', documentation_url: 'https://docs.github.com/rest' } });
    const r = await review();
    expect(gh.calls('POST', '/repos/octo/claw/pulls/12/reviews')).toHaveLength(2);
    expect(gh.calls('GET', '/repos/octo/claw/pulls/12/files').map((q) => q.query.get('page') ?? '1')).toEqual(['1', '1', '2']);
    expect(pr.reviewCount).toBe(1);
    expect(r.summary).toContain('Review comments: 2 posted in a new review.');
  });

  it('gives up after two retries of a secondary rate limit, with one line in the summary and a green run', async () => {
    gh.inject('POST', '/repos/:owner/:repo/pulls/:number/reviews', 5, SECONDARY_RATE_LIMIT);
    const r = await review();
    expect(gh.calls('POST', '/repos/octo/claw/pulls/12/reviews')).toHaveLength(3);
    expect(pr.reviewCount).toBe(0);
    expect(r.summary).toContain("Review comments skipped: GitHub's rate limit was still in force after the retries (HTTP 403)");
    expect(r.stdout).toContain('GitHub secondary rate limit on POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews: giving up after 2 retries');
    expect(r.failed).toBe(false);
  });

  it('does not retry creating the review after a server error (it may exist already), and still does not fail the run', async () => {
    gh.inject('POST', '/repos/:owner/:repo/pulls/:number/reviews', 1, { status: 502, body: { message: 'Server Error' } });
    const r = await review();
    expect(gh.calls('POST', '/repos/octo/claw/pulls/12/reviews')).toHaveLength(1);
    expect(r.summary).toContain('Review comments skipped: the GitHub API failed (Server Error');
    expect(r.failed).toBe(false);
  });

  it("the fake's error answers have the shapes GitHub documents", () => {
    const create = operation('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews');
    expect(validate(create.responses['403'] ?? {}, FORBIDDEN_FOR_FORK.body)).toEqual([]);
    expect(validate(create.responses['403'] ?? {}, SECONDARY_RATE_LIMIT.body)).toEqual([]);
    // and the validator does reject a wrong shape
    expect(validate(create.requestBody ?? {}, { event: 'COMMENT', comments: [{ path: 'a', body: 'b', lines: 3 }] }, true)).toEqual(['$.comments[0]: unknown property lines']);
  });
});
