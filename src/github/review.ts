/**
 * Review comments on the pull request: one review per run, inline comments on diff lines only, updated on the
 * next push instead of duplicated.
 *
 * - Where a comment may go comes from GitHub's own diff (`pulls.listFiles` patches): a line outside the hunks is
 *   rejected with 422 and would fail the whole review. A file is commented only when its blob at the PR head is
 *   the file that was scanned (the checkout may be the merge commit, where lines can differ); otherwise the
 *   finding stays in the annotations and the job summary.
 * - Every comment carries a hidden marker with the finding's fingerprint. On the next run, a finding that already
 *   has a comment gets that comment edited (only if its text changed); a comment whose finding is gone is edited
 *   to say so; only findings without a comment go into the new review. No review is created when there is
 *   nothing new to say.
 * - A ```suggestion block is added wherever the finding has a mechanical fix (`Finding.fix`).
 */
import type { Finding } from '../model/finding.js';
import { mdCode, mdLine } from '../report/escape.js';
import type { RuleMeta } from '../model/rule.js';
import { bySeverityDesc } from '../model/severity.js';
import { ruleDocUrl } from '../model/version.js';
import type { GitHubClient } from './octokit.js';
import type { PullRequestEvent } from './event.js';
import { buildSuggestion, suggestionBlock, type Suggestion } from './suggestion.js';

/** Inline comments in one review; the rest are listed in the review body and the job summary. */
export const MAX_REVIEW_COMMENTS = 30;
/** Edits of existing comments per run (each write is spaced by the throttling plugin); the rest wait for the next run. */
export const MAX_EDITS = 30;
/** GitHub rejects comment bodies over 65,536 characters. */
const MAX_BODY = 60_000;

const MARKER = /<!-- gatewarden:fp=([0-9a-f]+)(?: state=(\w+))? -->/;
const marker = (fp: string, state?: string) => `<!-- gatewarden:fp=${fp}${state ? ` state=${state}` : ''} -->`;
const REVIEW_MARKER = '<!-- gatewarden:review -->';

export interface ReviewInput {
  client: GitHubClient;
  pr: PullRequestEvent;
  /** New findings (not suppressed). */
  findings: readonly Finding[];
  /** Every finding of the head scan, for the secret check of suggestions. */
  allFindings: readonly Finding[];
  catalogue: readonly RuleMeta[];
  /** The scanned text of a file (repository-relative path), undefined if unreadable. */
  readText: (file: string) => Promise<string | undefined>;
  /** The git blob id of the scanned file, to compare with the PR head's. */
  blobSha: (file: string) => Promise<string | undefined>;
  /**
   * The login the token writes as: only comments by it are ever adopted (edited, counted, resolved). Default: the
   * login `GET /user` returns, or `github-actions[bot]` when the token cannot ask (the workflow's GITHUB_TOKEN).
   */
  identity?: string;
}

/** The workflow's GITHUB_TOKEN writes as this bot; `GET /user` is refused to it (an installation token). */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/** Who the token writes as (see ReviewInput.identity). */
export async function tokenIdentity(client: GitHubClient): Promise<string> {
  try {
    const { data } = await client.rest.users.getAuthenticated();
    return data.login;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) return ACTIONS_BOT_LOGIN;
    throw err;
  }
}

export interface ReviewOutcome {
  /** Comments posted in this run's review. */
  created: number;
  /** Existing comments edited because the finding's text changed. */
  updated: number;
  /** Existing comments edited because the finding is gone. */
  resolved: number;
  /** Findings that already had an identical comment. */
  unchanged: number;
  /** Findings that could not be commented (not on a diff line, file differs from the PR head, over the limit). */
  notCommented: Finding[];
  reviewId?: number;
}

/** RIGHT-side line numbers of a unified-diff patch that GitHub accepts comments on (added and context lines). */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let right = 0;
  for (const l of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(l);
    if (hunk) {
      right = Number(hunk[1]);
      continue;
    }
    if (right === 0) continue;
    if (l.startsWith('+') || l.startsWith(' ')) lines.add(right++);
    // '-' lines exist only on the left; '\ No newline at end of file' on neither
  }
  return lines;
}

interface Placement {
  path: string;
  startLine: number;
  line: number;
  suggestion?: Suggestion;
}

/** A comment's body. The message quotes names from the repository: escaped (report/escape.ts), so none can mention, link or embed HTML. */
export function commentBody(f: Finding, rule: RuleMeta | undefined, suggestion: Suggestion | undefined): string {
  const value = f.redacted ? ` (value: ${mdCode(f.redacted)})` : '';
  const parts = [`**Gatewarden · ${f.severity}** · [\`${f.ruleId}\`](${ruleDocUrl(f.ruleId)}): ${rule?.title ?? f.ruleId}`, '', `${mdLine(f.message)}${value}`];
  if (rule) parts.push('', `**How to fix:** ${rule.remediation}`);
  if (suggestion && f.fix) parts.push('', `${f.fix.description}:`, '', suggestionBlock(suggestion));
  parts.push('', `<sub>If this is intended: \`gatewarden-ignore ${f.ruleId} -- <reason>\` on the line or the line above.</sub>`, marker(f.fingerprint));
  const body = parts.join('\n');
  return body.length <= MAX_BODY ? body : `${body.slice(0, MAX_BODY)}…\n${marker(f.fingerprint)}`;
}

function resolvedBody(old: string, fp: string, sha: string): string {
  const text = old.replace(MARKER, '').trim();
  return `✅ **Resolved**: Gatewarden no longer reports this at ${sha.slice(0, 7)}.\n\n<details><summary>Earlier comment</summary>\n\n${text}\n\n</details>\n${marker(fp, 'resolved')}`;
}

export async function postReview(input: ReviewInput): Promise<ReviewOutcome> {
  const { client, pr } = input;
  const { owner, repo } = pr.repo;
  const rules = new Map(input.catalogue.map((r) => [r.id, r]));

  const files = await client.paginate(client.rest.pulls.listFiles, { owner, repo, pull_number: pr.number, per_page: 100 });
  const diff = new Map(files.map((f) => [f.filename, { sha: f.sha ?? '', lines: commentableLines(f.patch) }]));

  // Only the action's own comments carry state: a marker is public and easily copied, so a comment by anyone
  // else that carries one is never edited, counted or resolved (security review, B6).
  const identity = input.identity ?? (await tokenIdentity(client));
  const existing = new Map<string, { id: number; body: string; state?: string }>();
  const comments = await client.paginate(client.rest.pulls.listReviewComments, { owner, repo, pull_number: pr.number, per_page: 100 });
  for (const c of comments) {
    if (c.user?.login !== identity) continue;
    const m = MARKER.exec(c.body);
    if (m?.[1] && !existing.has(m[1])) existing.set(m[1], { id: c.id, body: c.body, ...(m[2] ? { state: m[2] } : {}) });
  }

  const outcome: ReviewOutcome = { created: 0, updated: 0, resolved: 0, unchanged: 0, notCommented: [] };
  const fresh: { placement: Placement; body: string }[] = [];
  const sameFile = new Map<string, Finding[]>();
  for (const f of input.allFindings) sameFile.set(f.location.file, [...(sameFile.get(f.location.file) ?? []), f]);

  // An edit GitHub refuses (403: the comment is not the token's after all) never abandons the review.
  const edit = async (id: number, body: string): Promise<boolean> => {
    try {
      await client.rest.pulls.updateReviewComment({ owner, repo, comment_id: id, body });
      return true;
    } catch (err) {
      if ((err as { status?: number }).status === 403) return false;
      throw err;
    }
  };
  let edits = 0;
  const ordered = [...input.findings].sort((a, b) => bySeverityDesc(a.severity, b.severity));
  for (const f of ordered) {
    const placement = await place(f, diff, input, sameFile.get(f.location.file) ?? []);
    const body = commentBody(f, rules.get(f.ruleId), placement?.suggestion);
    const old = existing.get(f.fingerprint);
    if (old) {
      // Without a verified placement (the file differs from the PR head) the text would lose its suggestion and
      // flap between runs: leave the comment as it is.
      if (old.body === body || !placement || edits >= MAX_EDITS) outcome.unchanged++;
      else if (await edit(old.id, body)) {
        outcome.updated++;
        edits++;
      } else if (placement && fresh.length < MAX_REVIEW_COMMENTS) fresh.push({ placement, body });
      else outcome.notCommented.push(f);
      continue;
    }
    if (!placement || fresh.length >= MAX_REVIEW_COMMENTS) {
      outcome.notCommented.push(f);
      continue;
    }
    fresh.push({ placement, body });
  }

  // A comment is resolved only when its finding is gone from the head, not when it merely stopped being new
  // (the same change reached the base branch).
  const present = new Set(input.allFindings.filter((f) => !f.suppressed).map((f) => f.fingerprint));
  for (const [fp, c] of existing) {
    if (present.has(fp) || c.state === 'resolved' || edits >= MAX_EDITS) continue;
    edits++;
    if (await edit(c.id, resolvedBody(c.body, fp, pr.headSha))) outcome.resolved++;
  }

  if (fresh.length) {
    const more = outcome.notCommented.length;
    const body = [
      `**Gatewarden** found ${input.findings.length} new finding${input.findings.length === 1 ? '' : 's'} in this pull request; ${fresh.length} ${fresh.length === 1 ? 'is' : 'are'} commented below.`,
      more ? `${more} other${more === 1 ? '' : 's'} (not on a changed line, or over the limit of ${MAX_REVIEW_COMMENTS} comments) ${more === 1 ? 'is' : 'are'} in the job summary and the annotations.` : '',
      REVIEW_MARKER,
    ]
      .filter(Boolean)
      .join('\n\n');
    const { data } = await client.rest.pulls.createReview({
      // Not retried on a 5xx: GitHub may have created the review anyway, and a second one would duplicate every
      // comment. (Rate limits are still waited out and retried: those requests were not processed.)
      request: { retries: 0 },
      owner,
      repo,
      pull_number: pr.number,
      commit_id: pr.headSha,
      event: 'COMMENT',
      body,
      comments: fresh.map(({ placement: p, body: b }) => ({
        path: p.path,
        line: p.line,
        side: 'RIGHT' as const,
        ...(p.startLine !== p.line ? { start_line: p.startLine, start_side: 'RIGHT' as const } : {}),
        body: b,
      })),
    });
    outcome.created = fresh.length;
    outcome.reviewId = data.id;
  }
  return outcome;
}

async function place(f: Finding, diff: Map<string, { sha: string; lines: Set<number> }>, input: ReviewInput, sameFile: readonly Finding[]): Promise<Placement | undefined> {
  const file = diff.get(f.location.file);
  if (!file) return undefined;
  const local = await input.blobSha(f.location.file);
  if (!local || local !== file.sha) return undefined;
  const inDiff = (a: number, b: number) => {
    for (let l = a; l <= b; l++) if (!file.lines.has(l)) return false;
    return true;
  };
  const text = f.fix ? await input.readText(f.location.file) : undefined;
  const suggestion = text !== undefined ? buildSuggestion(f, text, sameFile) : undefined;
  if (suggestion && inDiff(suggestion.startLine, suggestion.endLine)) return { path: f.location.file, startLine: suggestion.startLine, line: suggestion.endLine, suggestion };
  if (inDiff(f.location.startLine, f.location.endLine)) return { path: f.location.file, startLine: f.location.startLine, line: f.location.endLine };
  return undefined;
}
