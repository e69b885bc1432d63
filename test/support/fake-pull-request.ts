/**
 * One pull request on the fake GitHub server (test/support/fake-github.ts): its changed files (with real patches
 * from a git repository), its review comments, and the review endpoints Gatewarden uses. Like GitHub, creating a
 * review fails as a whole with 422 when a comment is not on a line of the diff. Every request body and every
 * response is checked against GitHub's REST description (test/support/openapi.ts); problems are collected in
 * `violations` for the test to assert empty.
 */
import type { FakeGitHub, FakeResponse, RecordedRequest } from './fake-github.js';
import type { GitRepo } from './git-repo.js';
import { operation, validate } from './openapi.js';

export interface DiffEntry {
  sha: string | null;
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
  previous_filename?: string;
}

export interface StoredComment {
  id: number;
  body: string;
  path: string;
  line: number;
  start_line: number | null;
  review_id: number;
}

const BOT = {
  login: 'github-actions[bot]',
  id: 41898282,
  node_id: 'MDM6Qm90NDE4OTgyODI=',
  avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
  gravatar_id: '',
  url: 'https://api.github.com/users/github-actions%5Bbot%5D',
  html_url: 'https://github.com/apps/github-actions',
  followers_url: 'https://api.github.com/users/github-actions%5Bbot%5D/followers',
  following_url: 'https://api.github.com/users/github-actions%5Bbot%5D/following{/other_user}',
  gists_url: 'https://api.github.com/users/github-actions%5Bbot%5D/gists{/gist_id}',
  starred_url: 'https://api.github.com/users/github-actions%5Bbot%5D/starred{/owner}{/repo}',
  subscriptions_url: 'https://api.github.com/users/github-actions%5Bbot%5D/subscriptions',
  organizations_url: 'https://api.github.com/users/github-actions%5Bbot%5D/orgs',
  repos_url: 'https://api.github.com/users/github-actions%5Bbot%5D/repos',
  events_url: 'https://api.github.com/users/github-actions%5Bbot%5D/events{/privacy}',
  received_events_url: 'https://api.github.com/users/github-actions%5Bbot%5D/received_events',
  type: 'Bot',
  site_admin: false,
};

const STATUS: Record<string, DiffEntry['status']> = { A: 'added', M: 'modified', D: 'removed', R: 'renamed', C: 'copied', T: 'changed' };

/** The PR's files as `pulls.listFiles` returns them, computed with git between two commits. */
export function diffEntries(repo: GitRepo, base: string, head: string): DiffEntry[] {
  const lines = repo.git('diff', '--name-status', '-M', base, head).split('\n').filter(Boolean);
  return lines.map((l) => {
    const [code = 'M', a = '', b] = l.split('\t');
    const filename = b ?? a;
    const status = STATUS[code[0] ?? 'M'] ?? 'modified';
    const full = repo.git('diff', '-M', base, head, '--', ...(b ? [a, b] : [a]));
    const patch = full.slice(full.indexOf('@@'));
    const additions = patch.split('\n').filter((x) => x.startsWith('+')).length;
    const deletions = patch.split('\n').filter((x) => x.startsWith('-')).length;
    const url = `https://github.com/octo/claw/blob/${head}/${filename}`;
    return {
      sha: status === 'removed' ? null : repo.git('rev-parse', `${head}:${filename}`),
      filename,
      status,
      additions,
      deletions,
      changes: additions + deletions,
      blob_url: url,
      raw_url: url.replace('/blob/', '/raw/'),
      contents_url: `https://api.github.com/repos/octo/claw/contents/${filename}?ref=${head}`,
      ...(patch.startsWith('@@') ? { patch } : {}),
      ...(b ? { previous_filename: a } : {}),
    };
  });
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

export class FakePullRequest {
  readonly comments: StoredComment[] = [];
  readonly violations: string[] = [];
  private nextId = 1000;
  private reviews = 0;

  constructor(
    private readonly gh: FakeGitHub,
    readonly number: number,
    public files: DiffEntry[],
    public headSha: string,
  ) {
    const base = `/repos/:owner/:repo/pulls/${number}`;
    gh.on('GET', `${base}/files`, (req) => this.answer('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', req, gh.page(req, this.files)));
    gh.on('GET', `${base}/comments`, (req) => this.answer('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', req, gh.page(req, this.comments.map((c) => this.render(c)))));
    gh.on('POST', `${base}/reviews`, (req) => this.answer('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', req, this.createReview(req)));
    gh.on('PATCH', '/repos/:owner/:repo/pulls/comments/:id', (req, p) => this.answer('PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}', req, this.update(req, Number(p.id))));
  }

  /** Reviews created so far. */
  get reviewCount(): number {
    return this.reviews;
  }

  private answer(key: string, req: RecordedRequest, res: FakeResponse): FakeResponse {
    const op = operation(key);
    if (op.requestBody && req.body !== undefined) for (const e of validate(op.requestBody, req.body, true)) this.violations.push(`${key} request ${e}`);
    const schema = op.responses[String(res.status)];
    if (!schema) this.violations.push(`${key}: status ${res.status} is not documented`);
    else for (const e of validate(schema, res.body)) this.violations.push(`${key} response ${e}`);
    return res;
  }

  private createReview(req: RecordedRequest): FakeResponse {
    const body = req.body as { commit_id?: string; body?: string; event?: string; comments?: { path: string; line?: number; start_line?: number; body: string }[] };
    for (const c of body.comments ?? []) {
      const file = this.files.find((f) => f.filename === c.path);
      const lines = rightLines(file?.patch);
      const wanted = [c.line, c.start_line].filter((x): x is number => x !== undefined);
      if (!file || !wanted.length || wanted.some((l) => !lines.has(l))) {
        return { status: 422, body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' } };
      }
    }
    const reviewId = ++this.reviews;
    for (const c of body.comments ?? []) this.comments.push({ id: this.nextId++, body: c.body, path: c.path, line: c.line ?? 0, start_line: c.start_line ?? null, review_id: reviewId });
    return {
      status: 200,
      body: {
        id: reviewId,
        node_id: `PRR_${reviewId}`,
        user: BOT,
        body: body.body ?? '',
        state: 'COMMENTED',
        commit_id: body.commit_id ?? this.headSha,
        html_url: `https://github.com/octo/claw/pull/${this.number}#pullrequestreview-${reviewId}`,
        pull_request_url: `https://api.github.com/repos/octo/claw/pulls/${this.number}`,
        _links: { html: { href: `https://github.com/octo/claw/pull/${this.number}#pullrequestreview-${reviewId}` }, pull_request: { href: `https://api.github.com/repos/octo/claw/pulls/${this.number}` } },
        author_association: 'NONE',
        submitted_at: '2026-11-21T09:00:00Z',
      },
    };
  }

  private update(req: RecordedRequest, id: number): FakeResponse {
    const c = this.comments.find((x) => x.id === id);
    if (!c) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
    c.body = (req.body as { body: string }).body;
    return { status: 200, body: this.render(c) };
  }

  private render(c: StoredComment): Record<string, unknown> {
    const url = `https://api.github.com/repos/octo/claw/pulls/comments/${c.id}`;
    return {
      url,
      pull_request_review_id: c.review_id,
      id: c.id,
      node_id: `PRRC_${c.id}`,
      diff_hunk: '@@ -1,1 +1,1 @@',
      path: c.path,
      position: 1,
      original_position: 1,
      commit_id: this.headSha,
      original_commit_id: this.headSha,
      user: BOT,
      body: c.body,
      created_at: '2026-11-21T09:00:00Z',
      updated_at: '2026-11-21T09:00:00Z',
      html_url: `https://github.com/octo/claw/pull/${this.number}#discussion_r${c.id}`,
      pull_request_url: `https://api.github.com/repos/octo/claw/pulls/${this.number}`,
      author_association: 'NONE',
      _links: { self: { href: url }, html: { href: `https://github.com/octo/claw/pull/${this.number}#discussion_r${c.id}` }, pull_request: { href: `https://api.github.com/repos/octo/claw/pulls/${this.number}` } },
      start_line: c.start_line,
      original_start_line: c.start_line,
      start_side: c.start_line === null ? null : 'RIGHT',
      line: c.line,
      original_line: c.line,
      side: 'RIGHT',
    };
  }
}
