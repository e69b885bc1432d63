/**
 * Reads `git log -p -U0 --cc --format=%x00%H %at %aI` line by line into commits and, per file a commit
 * changed, the lines it added with their line numbers in the new file. Nothing but the current file's added
 * lines is held. Merges come as combined diffs (`--cc`): a line is new in the merge when every parent column
 * is `+`; lines a merge took from one side were added by that side's commits.
 */
import { unquotePath } from '../../git/git.js';

/** `--format` for git log: a NUL (never the first byte of a patch line), the sha, the author date twice. */
export const LOG_FORMAT = '--format=%x00%H %at %aI';

export interface Commit {
  sha: string;
  /** Author date, seconds since the epoch (for choosing the introducing commit). */
  time: number;
  /** Author date as git prints it (ISO 8601 with the author's offset). */
  date: string;
}

/** One file of one commit's patch. */
export interface FileDiff {
  commit: Commit;
  /** The path in the commit (the new path of a rename); undefined only if git printed none we could read. */
  path: string | undefined;
  /** A path this commit added: a new file, or the target of a rename or copy. */
  added: boolean;
  binary: boolean;
  /** Its added text went over the size limit: `lines` were dropped and the file is not scanned. */
  tooLarge: boolean;
  lines: string[];
  /** The file line number of each entry of `lines`. */
  lineNos: number[];
  /** Characters of added text so far (with newlines). */
  size: number;
}

export interface PatchSink {
  /** A file diff is complete. */
  file(diff: FileDiff): Promise<void>;
  /** A commit is complete (after its last file). */
  commit(commit: Commit): Promise<void>;
}

const HUNK = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)/;

export class PatchReader {
  private commit: Commit | undefined;
  private diff: FileDiff | undefined;
  /** Parent columns of the current hunk: 1, or more in a merge's combined diff. */
  private parents = 1;
  private inHunk = false;
  private newLine = 0;

  /** `maxAdded`: added text of one file above this many characters is dropped (`tooLarge`). */
  constructor(
    private readonly maxAdded: number,
    private readonly sink: PatchSink,
  ) {}

  /**
   * One line of git's output (`truncated`: cut by the reader for its length). Returns a promise only when a
   * file or commit ended and the sink is at work; the caller awaits it before the next line.
   */
  line(line: string, truncated: boolean): Promise<void> | undefined {
    const diff = this.diff;
    if (this.inHunk && diff) {
      const c = line.charCodeAt(0);
      if (this.parents === 1) {
        if (c === 43 /* + */) {
          this.add(diff, line.slice(1), this.newLine++, truncated);
          return undefined;
        }
        if (c === 45 /* - */ || c === 92 /* \ No newline at end of file */) return undefined;
        if (c === 32 /* context, with diff.interHunkContext */) {
          this.newLine++;
          return undefined;
        }
      } else if (c === 43 || c === 45 || c === 32) {
        const cols = line.slice(0, this.parents);
        if (cols.includes('-')) return undefined; // not in the merge result
        if (!cols.includes(' ')) this.add(diff, line.slice(this.parents), this.newLine, truncated);
        this.newLine++;
        return undefined;
      } else if (c === 92) return undefined;
    }
    if (line.startsWith('\0')) {
      const done = this.endCommit();
      const [sha = '', time = '0', date = ''] = line.slice(1).split(' ');
      this.commit = { sha, time: Number(time), date };
      return done;
    }
    if (line.startsWith('diff --git ')) {
      const done = this.endFile();
      this.diff = this.newDiff(diffGitPath(line.slice('diff --git '.length)));
      this.parents = 1;
      return done;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      const done = this.endFile();
      this.diff = this.newDiff(unquotePath(line.slice(line.indexOf(' ', 5) + 1)));
      return done;
    }
    if (!diff) return undefined;
    if (line.startsWith('@@')) {
      const m = HUNK.exec(line);
      if (m) {
        this.inHunk = true;
        this.parents = (m[1] ?? '@@').length - 1;
        this.newLine = Number(m[2]);
      }
    } else if (this.inHunk) {
      return undefined;
    } else if (line.startsWith('+++ ')) {
      // git ends a bare path holding a space with a tab; a quoted path never ends with one.
      const p = unquotePath(line.slice(4).replace(/\t$/, ''));
      if (p !== '/dev/null') diff.path = p.replace(/^b\//, '');
    } else if (line.startsWith('new file mode')) {
      diff.added = true;
    } else if (line.startsWith('rename to ') || line.startsWith('copy to ')) {
      diff.path = unquotePath(line.slice(line.indexOf(' to ') + 4));
      diff.added = true;
    } else if (line.startsWith('Binary files ') || line.startsWith('GIT binary patch')) {
      diff.binary = true;
    }
    return undefined;
  }

  /** The end of git's output: the last commit is complete. */
  end(): Promise<void> {
    return this.endCommit();
  }

  private newDiff(path: string | undefined): FileDiff | undefined {
    return this.commit && { commit: this.commit, path, added: false, binary: false, tooLarge: false, lines: [], lineNos: [], size: 0 };
  }

  private add(d: FileDiff, text: string, lineNo: number, truncated: boolean): void {
    if (d.tooLarge) return;
    d.size += text.length + 1;
    if (truncated || d.size > this.maxAdded) {
      d.tooLarge = true;
      d.lines = [];
      d.lineNos = [];
      return;
    }
    d.lines.push(text);
    d.lineNos.push(lineNo);
  }

  // The reader moves on as soon as an end is announced: each works on what it was called for.
  private async endFile(): Promise<void> {
    const d = this.diff;
    this.diff = undefined;
    this.inHunk = false;
    if (d) await this.sink.file(d);
  }

  private async endCommit(): Promise<void> {
    const c = this.commit;
    await this.endFile();
    if (c) await this.sink.commit(c);
  }
}

/** `diff --git a/P b/P`: the path when both sides are the same (renames say theirs in `rename to`). */
export function diffGitPath(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*") ("(?:[^"\\]|\\.)*"|\S.*)$/.exec(rest);
    const b = m?.[2];
    return b === undefined ? undefined : unquotePath(b).replace(/^b\//, '');
  }
  if ((rest.length - 5) % 2 !== 0) return undefined;
  const n = (rest.length - 5) / 2;
  const a = rest.slice(2, 2 + n);
  return rest.startsWith('a/') && rest.slice(2 + n) === ` b/${a}` ? a : undefined;
}
