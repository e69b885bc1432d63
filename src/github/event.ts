/**
 * The workflow event, read from GITHUB_EVENT_PATH. Only what pull-request mode needs: the PR number, the base
 * and head SHAs, and whether the head lives in a fork (its token is then read-only). No API call is involved:
 * everything here is in the payload the runner wrote to disk.
 */
import { readFile } from 'node:fs/promises';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestEvent {
  number: number;
  baseSha: string;
  headSha: string;
  baseRef: string;
  /** The repository the workflow runs in (the PR's base repository). */
  repo: RepoRef;
  /** The head branch is in another repository: the token cannot write to this one. */
  fork: boolean;
  /** A `merge_group` event (the merge queue): compared like a pull request, but there is no pull request to comment on. */
  mergeQueue?: boolean;
}

export interface WorkflowEvent {
  name: string;
  payload: Record<string, unknown>;
}

export async function readEvent(env: NodeJS.ProcessEnv = process.env): Promise<WorkflowEvent> {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return { name, payload: {} };
  try {
    const payload = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return { name, payload: isRecord(payload) ? payload : {} };
  } catch {
    return { name, payload: {} };
  }
}

export function isPullRequestEventName(name: string): boolean {
  return name === 'pull_request' || name === 'pull_request_target' || name === 'merge_group';
}

/** The pull request of the event, or undefined when the payload has none (or lacks the SHAs). */
export function pullRequestOf(event: WorkflowEvent, env: NodeJS.ProcessEnv = process.env): PullRequestEvent | undefined {
  const group = event.payload.merge_group;
  if (isRecord(group)) {
    // The merge queue tests the queued pull requests merged onto the base: compared like a pull request, so a
    // finding already on the base does not fail the queue after the pull request passed.
    const baseSha = str(group.base_sha);
    const headSha = str(group.head_sha);
    if (!baseSha || !headSha) return undefined;
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
    return { number: 0, baseSha, headSha, baseRef: (str(group.base_ref) ?? '').replace(/^refs\/heads\//, ''), repo: { owner, repo }, fork: false, mergeQueue: true };
  }
  const pr = event.payload.pull_request;
  if (!isRecord(pr)) return undefined;
  const base = isRecord(pr.base) ? pr.base : {};
  const head = isRecord(pr.head) ? pr.head : {};
  const baseSha = str(base.sha);
  const headSha = str(head.sha);
  const number = typeof pr.number === 'number' ? pr.number : typeof event.payload.number === 'number' ? event.payload.number : undefined;
  if (!baseSha || !headSha || number === undefined) return undefined;
  const baseRepo = isRecord(base.repo) ? str(base.repo.full_name) : undefined;
  const headRepo = isRecord(head.repo) ? str(head.repo.full_name) : undefined;
  const full = baseRepo ?? env.GITHUB_REPOSITORY ?? '';
  const [owner = '', repo = ''] = full.split('/');
  return {
    number,
    baseSha,
    headSha,
    baseRef: str(base.ref) ?? '',
    repo: { owner, repo },
    // A deleted fork has head.repo null: treat it as a fork too.
    fork: headRepo === undefined || (baseRepo !== undefined && headRepo !== baseRepo),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
