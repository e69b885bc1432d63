/** Reading the pull request out of the event payload; keeping credentials out of git messages. */
import { describe, expect, it } from 'vitest';
import { isPullRequestEventName, pullRequestOf } from '../src/github/event.js';
import { stripUrlCredentials } from '../src/git/git.js';

const pr = (head: unknown) => ({
  name: 'pull_request',
  payload: { number: 4, pull_request: { number: 4, base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'octo/claw' } }, head: { sha: 'h'.repeat(40), ref: 'x', repo: head } } },
});

describe('pullRequestOf', () => {
  it('reads number, SHAs and the base repository', () => {
    expect(pullRequestOf(pr({ full_name: 'octo/claw' }), {})).toEqual({ number: 4, baseSha: 'b'.repeat(40), headSha: 'h'.repeat(40), baseRef: 'main', repo: { owner: 'octo', repo: 'claw' }, fork: false });
  });

  it('calls a head in another repository, or in a deleted one, a fork', () => {
    expect(pullRequestOf(pr({ full_name: 'someone/claw' }), {})?.fork).toBe(true);
    expect(pullRequestOf(pr(null), {})?.fork).toBe(true);
  });

  it('has nothing to say about events without a pull request or without SHAs', () => {
    expect(pullRequestOf({ name: 'push', payload: { ref: 'refs/heads/main' } }, {})).toBeUndefined();
    expect(pullRequestOf({ name: 'pull_request', payload: { pull_request: { number: 1, base: {}, head: {} } } }, {})).toBeUndefined();
    expect(isPullRequestEventName('pull_request')).toBe(true);
    expect(isPullRequestEventName('push')).toBe(false);
  });
});

describe('stripUrlCredentials', () => {
  it('hides the user-info part of URLs in git messages, and nothing else', () => {
    expect(stripUrlCredentials("fatal: unable to access 'https://x-access-token:ghs_abc123@github.com/o/r/': 403")).toBe("fatal: unable to access 'https://***@github.com/o/r/': 403");
    expect(stripUrlCredentials('ssh://git@host/x and https://github.com/o/r')).toBe('ssh://***@host/x and https://github.com/o/r');
    expect(stripUrlCredentials('no url here: a@b')).toBe('no url here: a@b');
  });
});
