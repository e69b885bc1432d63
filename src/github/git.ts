/**
 * The git plumbing pull-request mode needs, and nothing else: make sure the base commit is in the clone
 * (fetching it, with a clear message, when the checkout is shallow), work out the commit to compare with,
 * list the files the pull request changed, and read files out of a commit. No GitHub API involved.
 */
import { git as runGit, GitError, type GitOptions } from '../git/git.js';
import { splitNames } from '../lib/path-bytes.js';

/** git with paths printed as they are (`core.quotepath=off`): every call of this module parses paths. */
export function git(cwd: string, args: readonly string[], opts?: GitOptions): Promise<Buffer> {
  return runGit(cwd, ['-c', 'core.quotepath=off', ...args], opts);
}

const text = async (cwd: string, args: readonly string[]) => (await git(cwd, args)).toString('utf8').trim();

async function succeeds(cwd: string, args: readonly string[]): Promise<boolean> {
  try {
    await git(cwd, args);
    return true;
  } catch {
    return false;
  }
}

export function hasCommit(cwd: string, sha: string): Promise<boolean> {
  return succeeds(cwd, ['cat-file', '-e', `${sha}^{commit}`]);
}

export async function isShallow(cwd: string): Promise<boolean> {
  return (await text(cwd, ['rev-parse', '--is-shallow-repository'])) === 'true';
}

async function mergeBase(cwd: string, a: string, b: string): Promise<string | undefined> {
  try {
    return (await text(cwd, ['merge-base', a, b])) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The time limit of a git network call (fetch, deepen): GATEWARDEN_GIT_TIMEOUT_SECONDS, default 120 s. A remote
 * that accepts and never answers held the step until the job's own limit (security review, B9a); after the limit
 * pull-request mode reports every finding as new and says the fetch timed out.
 */
export function gitNetworkTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.GATEWARDEN_GIT_TIMEOUT_SECONDS);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 120_000;
}

/** A fetch from `origin`, within gitNetworkTimeoutMs. */
async function fetch(cwd: string, extra: readonly string[], shas: readonly string[]): Promise<void> {
  await git(cwd, ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', ...extra, 'origin', ...shas], { timeoutMs: gitNetworkTimeoutMs() });
}

export interface BaseCommit {
  sha: string;
  /** How it was found, for the summary. */
  how: 'merge-parent' | 'merge-base' | 'base-tip';
}

/**
 * The commit to compare the checkout (HEAD) with:
 * - HEAD is the merge commit GitHub made for the PR (actions/checkout's default on pull_request: first parent
 *   the base branch, second parent the PR head): compare with its first parent, which is exactly what merging
 *   would introduce. With `fetch-depth: 2` that parent is already there.
 * - otherwise (HEAD is the PR head): the merge base of the event's base SHA and HEAD.
 * Missing commits are fetched from `origin`; every fetch is announced through `log`. When the merge base
 * cannot be found even after deepening, the base tip is used and `log` says so.
 */
export async function resolveBase(cwd: string, pr: { baseSha: string; headSha: string }, log: (line: string) => void): Promise<BaseCommit> {
  // The raw commit object: in a shallow clone `rev-list --parents` hides the parents of a boundary commit.
  const parents = [...(await text(cwd, ['cat-file', '-p', 'HEAD'])).matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1] ?? '');
  const [first, second] = parents;
  if (first && second && (first === pr.baseSha || second === pr.headSha)) {
    await ensureCommit(cwd, first, log);
    return { sha: first, how: 'merge-parent' };
  }

  const baseSha = pr.baseSha;
  await ensureCommit(cwd, baseSha, log);
  let base = await mergeBase(cwd, baseSha, 'HEAD');
  if (!base && (await isShallow(cwd))) {
    for (const extra of [['--deepen=100'], ['--unshallow']]) {
      log(`The history is too shallow to find where the pull request branched off; fetching more: git fetch ${extra.join(' ')} origin.`);
      try {
        await fetch(cwd, extra, [baseSha]);
      } catch (e) {
        log(`Fetching more history failed (${(e as Error).message}).`);
        break;
      }
      base = await mergeBase(cwd, baseSha, 'HEAD');
      if (base) break;
    }
  }
  if (base) return { sha: base, how: 'merge-base' };
  log(`No common ancestor of the checkout and the base commit ${baseSha.slice(0, 7)} was found; comparing with the base commit itself.`);
  return { sha: baseSha, how: 'base-tip' };
}

async function ensureCommit(cwd: string, sha: string, log: (line: string) => void): Promise<void> {
  if (await hasCommit(cwd, sha)) return;
  const short = sha.slice(0, 7);
  log(`The checkout does not contain the pull request's base commit ${short} (shallow clone); fetching it: git fetch --depth=1 origin ${short}. Use actions/checkout with fetch-depth: 2 to avoid this step.`);
  try {
    await fetch(cwd, ['--depth=1'], [sha]);
  } catch (e) {
    throw new GitError(`cannot fetch the base commit ${short}: ${(e as Error).message}. Check out with fetch-depth: 2 (or 0), keeping persist-credentials for private repositories`);
  }
}

export interface ChangedFile {
  /** Path at HEAD (for a deletion, the deleted path). */
  path: string;
  /** Path at the base when the file was renamed or copied. */
  oldPath?: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed';
}

const STATUS: Record<string, ChangedFile['status']> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type-changed' };

/** Files that differ between `base` and HEAD, renames detected. */
export async function changedFiles(cwd: string, base: string): Promise<ChangedFile[]> {
  // Names by their bytes, shown as the scan shows them (lib/path-bytes.ts), so a name that is not UTF-8 matches.
  const parts = [...splitNames(await git(cwd, ['diff', '--name-status', '-z', '-M', '--no-color', '--no-ext-diff', base, 'HEAD'])).map((n) => n.name), ''];
  const out: ChangedFile[] = [];
  for (let i = 0; i < parts.length - 1; ) {
    const code = parts[i++] ?? '';
    const status = STATUS[code[0] ?? ''] ?? 'modified';
    if (status === 'renamed' || status === 'copied') {
      const oldPath = parts[i++] ?? '';
      out.push({ path: parts[i++] ?? '', oldPath, status });
    } else out.push({ path: parts[i++] ?? '', status });
  }
  return out;
}

export interface TreeEntry {
  mode: string;
  sha: string;
}

/** Regular files of a commit (no symlinks, no submodules), by path. */
export async function listTree(cwd: string, commit: string): Promise<Map<string, TreeEntry>> {
  const entries = splitNames(await git(cwd, ['ls-tree', '-r', '-z', '--full-tree', commit])).map((n) => n.name);
  const out = new Map<string, TreeEntry>();
  for (const e of entries) {
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(e);
    if (m && m[2] === 'blob' && (m[1] === '100644' || m[1] === '100755')) out.set(m[4] ?? '', { mode: m[1], sha: m[3] ?? '' });
  }
  return out;
}

/** Blob contents, in one `git cat-file --batch`. */
export async function readBlobs(cwd: string, shas: readonly string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (!shas.length) return out;
  const buf = await git(cwd, ['cat-file', '--batch'], { stdin: `${[...new Set(shas)].join('\n')}\n` });
  let pos = 0;
  while (pos < buf.length) {
    const eol = buf.indexOf(0x0a, pos);
    if (eol < 0) break;
    const [sha = '', type, size] = buf.subarray(pos, eol).toString('utf8').split(' ');
    pos = eol + 1;
    if (type === undefined || size === undefined) continue; // "<sha> missing"
    const n = Number(size);
    out.set(sha, buf.subarray(pos, pos + n));
    pos += n + 1;
  }
  return out;
}

/**
 * A regular file of a commit (mode 100644/100755: never a link or a submodule), at most `limit` bytes, or
 * undefined when the commit has no such file. For the policy files pull-request mode reads at the base commit.
 */
export async function readFileAt(cwd: string, commit: string, relPath: string, limit: number): Promise<Buffer | undefined> {
  const entry = (await git(cwd, ['ls-tree', '-z', '--full-tree', commit, '--', relPath])).toString('utf8').split('\0')[0] ?? '';
  const m = /^(\d+) blob ([0-9a-f]+)\t/.exec(entry);
  if (!m || (m[1] !== '100644' && m[1] !== '100755')) return undefined;
  const size = Number((await git(cwd, ['cat-file', '-s', m[2] ?? ''])).toString('utf8').trim());
  if (!(size <= limit)) throw new GitError(`${relPath} at ${commit.slice(0, 7)} is larger than ${limit} bytes`);
  return git(cwd, ['cat-file', 'blob', m[2] ?? '']);
}

/** The lines of `relPath` at HEAD (1-based) that differ from `base`: what the pull request added or changed there. */
export async function addedLines(cwd: string, base: string, relPath: string): Promise<Set<number>> {
  const diff = (await git(cwd, ['diff', '-U0', '--no-color', '--no-ext-diff', base, 'HEAD', '--', `:(literal)${relPath}`])).toString('utf8');
  const out = new Set<number>();
  for (const m of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let l = start; l < start + count; l++) out.add(l);
  }
  return out;
}
