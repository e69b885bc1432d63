/**
 * The four review endpoints the action uses, on the fake GitHub server (test/support/fake-github.ts), with what
 * the hostile suite needs beyond test/support/fake-pull-request.ts: comments written by other users (`user`),
 * and GitHub's refusal (403) when a token edits a comment its identity did not write. Like GitHub, a review whose
 * comment is not on a line of the diff fails as a whole with 422.
 */
import type { FakeGitHub, FakeResponse, RecordedRequest } from './fake-github.js';
import { diffEntries, type DiffEntry } from './fake-pull-request.js';
import type { GitRepo } from './git-repo.js';

/** The identity of the workflow's GITHUB_TOKEN, which writes the action's comments. */
export const ACTION_BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
export const MALLORY = { login: 'mallory', id: 666, type: 'User' };
export const OUTSIDER = { login: 'outsider', id: 777, type: 'User' };

export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  line: number;
  user: { login: string; id: number; type: string };
}

function rightLines(patch: string | undefined): Set<number> {
  const out = new Set<number>();
  let right = 0;
  for (const l of (patch ?? '').split('\n')) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(l);
    if (h) right = Number(h[1]);
    else if (right && (l.startsWith('+') || l.startsWith(' '))) out.add(right++);
  }
  return out;
}

export class FakeReviewApi {
  comments: ReviewComment[] = [];
  /** Review bodies and their comments, as posted. */
  readonly reviews: { body: string; comments: { path: string; line: number; body: string }[] }[] = [];
  readonly files: DiffEntry[];
  private nextId = 1000;

  constructor(
    private readonly gh: FakeGitHub,
    repo: { git(...args: string[]): string },
    base: string,
    readonly headSha: string,
    readonly number = 7,
  ) {
    // diffEntries only runs `git diff` and `git rev-parse` through `repo.git`.
    this.files = diffEntries(repo as GitRepo, base, headSha);
    const prefix = `/repos/:owner/:repo/pulls/${number}`;
    gh.on('GET', `${prefix}/files`, (req) => gh.page(req, this.files));
    gh.on('GET', `${prefix}/comments`, (req) => gh.page(req, this.comments.map((c) => this.render(c))));
    gh.on('POST', `${prefix}/reviews`, (req) => this.createReview(req));
    gh.on('PATCH', '/repos/:owner/:repo/pulls/comments/:id', (req, p) => this.update(req, Number(p.id)));
  }

  /** PATCH requests on comment `id`. */
  edits(id?: number): RecordedRequest[] {
    return this.gh.calls('PATCH', '/repos/:owner/:repo/pulls/comments/:id').filter((r) => id === undefined || r.path.endsWith(`/${id}`));
  }

  add(c: Omit<ReviewComment, 'id'> & { id?: number }): ReviewComment {
    const comment = { ...c, id: c.id ?? this.nextId++ };
    this.comments.push(comment);
    return comment;
  }

  private createReview(req: RecordedRequest): FakeResponse {
    const body = req.body as { body?: string; comments?: { path: string; line?: number; start_line?: number; body: string }[] };
    for (const c of body.comments ?? []) {
      const file = this.files.find((f) => f.filename === c.path);
      const lines = rightLines(file?.patch);
      const wanted = [c.line, c.start_line].filter((x): x is number => x !== undefined);
      if (!file || !wanted.length || wanted.some((l) => !lines.has(l))) return { status: 422, body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] } };
    }
    this.reviews.push({ body: body.body ?? '', comments: (body.comments ?? []).map((c) => ({ path: c.path, line: c.line ?? 0, body: c.body })) });
    for (const c of body.comments ?? []) this.add({ body: c.body, path: c.path, line: c.line ?? 0, user: ACTION_BOT });
    const id = this.reviews.length;
    return { status: 200, body: { id, node_id: `PRR_${id}`, user: ACTION_BOT, body: body.body ?? '', state: 'COMMENTED', commit_id: this.headSha, html_url: `https://github.com/octo/claw/pull/${this.number}#pullrequestreview-${id}`, pull_request_url: `https://api.github.com/repos/octo/claw/pulls/${this.number}`, _links: {}, author_association: 'NONE', submitted_at: '2026-11-21T09:00:00Z' } };
  }

  private update(req: RecordedRequest, id: number): FakeResponse {
    const c = this.comments.find((x) => x.id === id);
    if (!c) return { status: 404, body: { message: 'Not Found' } };
    // GitHub: an installation token cannot edit a comment another identity wrote.
    if (c.user.login !== ACTION_BOT.login) return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/pulls/comments#update-a-review-comment-for-a-pull-request' } };
    c.body = (req.body as { body: string }).body;
    return { status: 200, body: this.render(c) };
  }

  private render(c: ReviewComment): Record<string, unknown> {
    const url = `https://api.github.com/repos/octo/claw/pulls/comments/${c.id}`;
    return {
      url,
      pull_request_review_id: 1,
      id: c.id,
      node_id: `PRRC_${c.id}`,
      diff_hunk: '@@ -1,1 +1,1 @@',
      path: c.path,
      position: 1,
      original_position: 1,
      commit_id: this.headSha,
      original_commit_id: this.headSha,
      user: { ...c.user, node_id: `U_${c.user.id}`, avatar_url: '', html_url: `https://github.com/${c.user.login}`, url: `https://api.github.com/users/${c.user.login}`, site_admin: false },
      body: c.body,
      created_at: '2026-11-21T09:00:00Z',
      updated_at: '2026-11-21T09:00:00Z',
      html_url: `https://github.com/octo/claw/pull/${this.number}#discussion_r${c.id}`,
      pull_request_url: `https://api.github.com/repos/octo/claw/pulls/${this.number}`,
      author_association: c.user.login === ACTION_BOT.login ? 'NONE' : 'CONTRIBUTOR',
      _links: { self: { href: url } },
      start_line: null,
      original_start_line: null,
      start_side: null,
      line: c.line,
      original_line: c.line,
      side: 'RIGHT',
    };
  }
}
