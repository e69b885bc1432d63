/**
 * Discover: which files a scan reads. Inside a git work tree the index is the truth (`git ls-files`):
 * a tracked `.env` is scanned even when `.gitignore` lists it, and untracked files that are not ignored are
 * scanned too (they are one `git add` away). Outside git the tree is walked honouring `.gitignore` files.
 * Symlinks are never followed. Size and binary checks happen when the file is read (engine/read/read.ts).
 */
import { lstatSync } from 'node:fs';
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Ignore } from 'ignore';
import { git, tryGit } from '../../git/git.js';
import { gitignoreMatcher } from './gitignore.js';
import type { Note } from '../../model/finding.js';
import { UsageError } from '../../model/errors.js';
import { splitNames } from '../../lib/path-bytes.js';

export interface ScanRoot {
  /** Absolute directory every reported path is relative to: the git top level, or the scanned directory. */
  base: string;
  git: boolean;
}

export interface DiscoveredFile {
  /** Path relative to the base, with `/` separators. */
  path: string;
  abs: string;
  /**
   * The absolute path's bytes, for a name that is not UTF-8 (`path` and `abs` then show those bytes as `\xhh`:
   * lib/path-bytes.ts): the file is opened by these.
   */
  absBytes?: Uint8Array;
  /** The content, when it does not come from disk (a scan of a commit's blobs, ScanOptions.blobs). */
  bytes?: Buffer;
}

/**
 * The top level of the git work tree holding `dir`. A checkout owned by another user is listed too (git/git.ts,
 * GIT_SAFE_ARGS): refused, discovery would walk the directory and miss tracked files that .gitignore lists.
 */
async function gitTopLevel(dir: string): Promise<string | undefined> {
  const top = await tryGit(dir, ['rev-parse', '--show-toplevel']);
  try {
    return top ? await realpath(top) : undefined;
  } catch {
    return undefined;
  }
}

/** Works out the base directory for a list of paths given on the command line. */
export async function resolveRoot(paths: readonly string[]): Promise<ScanRoot & { targets: { abs: string; dir: boolean }[] }> {
  const targets: { abs: string; dir: boolean }[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await lstat(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    const abs = await realpath(p);
    targets.push({ abs, dir: st.isDirectory() });
  }
  const first = targets[0];
  if (!first) throw new UsageError('nothing to scan');
  const firstDir = first.dir ? first.abs : path.dirname(first.abs);
  const top = await gitTopLevel(firstDir);
  if (top && targets.every((t) => isInside(top, t.abs))) return { base: top, git: true, targets };
  const dirs = targets.map((t) => (t.dir ? t.abs : path.dirname(t.abs)));
  return { base: commonAncestor(dirs), git: false, targets };
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function commonAncestor(dirs: readonly string[]): string {
  let common = dirs[0] ?? process.cwd();
  for (const d of dirs.slice(1)) while (!isInside(common, d)) common = path.dirname(common);
  return common;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * The files to scan, in batches, with notes for what was passed over: first what is known at once (in a git work
 * tree the tracked files, from the index; elsewhere every file), then, in a git work tree, the untracked files
 * that are not ignored, which git lists by walking the tree while the caller reads the first batch
 * (docs/performance.md#discovery-in-two-batches). Each batch is sorted by path, and `keep` has filtered it; no file is in two.
 */
export async function* discover(
  root: ScanRoot & { targets: { abs: string; dir: boolean }[] },
  notes: Note[],
  keep: (files: DiscoveredFile[]) => DiscoveredFile[] = (files) => files,
): AsyncGenerator<DiscoveredFile[]> {
  const seen = new Set<string>();
  const files: DiscoveredFile[] = [];
  const add = (abs: string, out: DiscoveredFile[]) => {
    const rel = toPosix(path.relative(root.base, abs));
    if (!seen.has(rel)) {
      seen.add(rel);
      out.push({ path: rel, abs });
    }
  };
  // git names files relative to the work tree's top level, `/`-separated: the relative path is the name (behind
  // the top level's own path when that is below the base), with no path arithmetic per file.
  const linked = linkedDirectories();
  const addFromGit = (top: string, names: readonly { name: string; bytes?: Buffer }[], out: DiscoveredFile[]) => {
    const prefix = top === root.base ? '' : `${toPosix(path.relative(root.base, top))}/`;
    for (const { name, bytes } of names) {
      const rel = prefix + name;
      if (seen.has(rel)) continue;
      seen.add(rel);
      // An index can list a path under a directory that is a symbolic link in the work tree (a crafted index; a
      // clone cannot make one): reading it would read outside the tree (security review, B12).
      const link = name.includes('/') ? linked(top, name) : undefined;
      if (link !== undefined) {
        notes.push({ level: 'warning', code: 'skipped.symlink_dir', message: `under ${prefix}${link}, a symbolic link to a directory: not read (links are never followed)`, file: rel });
        continue;
      }
      const file: DiscoveredFile = { path: rel, abs: path.sep === '/' ? `${top}/${name}` : path.join(top, name) };
      if (bytes) file.absBytes = Buffer.concat([Buffer.from(`${top}${path.sep}`), bytes]);
      out.push(file);
    }
  };
  const untracked: Promise<{ top: string; names: { name: string; bytes?: Buffer }[] }>[] = [];
  for (const t of root.targets) {
    if (!t.dir) {
      add(t.abs, files);
      continue;
    }
    if (!root.git) {
      for (const f of await walk(t.abs, notes, root.base)) add(f, files);
      continue;
    }
    // The top level of the directory's own work tree: the scan's base, unless the directory is below it (it may
    // then be a submodule, a work tree of its own).
    const top = t.abs === root.base ? root.base : ((await gitTopLevel(t.abs)) ?? t.abs);
    const others = gitFiles(t.abs, ['--others', '--exclude-standard']);
    // Awaited after the first batch; a failure before then must not surface as an unhandled rejection.
    others.catch(() => undefined);
    untracked.push(others.then((names) => ({ top, names })));
    addFromGit(top, await gitFiles(t.abs, ['--cached']), files);
  }
  yield keep(files.sort(byPath));
  if (!untracked.length) return;
  const more: DiscoveredFile[] = [];
  for (const { top, names } of await Promise.all(untracked)) addFromGit(top, names, more);
  if (more.length) yield keep(more.sort(byPath));
}

/**
 * The first directory of a git name (relative to `top`) that is a symbolic link (or not a directory) in the work
 * tree, or undefined. Each directory is looked at once per scan.
 */
function linkedDirectories(): (top: string, name: string) => string | undefined {
  const known = new Map<string, boolean>();
  return (top, name) => {
    const parts = name.split('/');
    let dir = '';
    for (let i = 0; i < parts.length - 1; i++) {
      dir = dir ? `${dir}/${parts[i]}` : (parts[i] ?? '');
      const key = `${top}\0${dir}`;
      let ok = known.get(key);
      if (ok === undefined) {
        try {
          const st = lstatSync(path.join(top, dir));
          ok = st.isDirectory();
        } catch {
          ok = true; // not there: the file is not either, and the read says nothing of it (deleted)
        }
        known.set(key, ok);
      }
      if (!ok) return dir;
    }
    return undefined;
  };
}

/** Every file to scan at once, sorted by path. */
export async function discoverAll(root: ScanRoot & { targets: { abs: string; dir: boolean }[] }, notes: Note[]): Promise<DiscoveredFile[]> {
  const all: DiscoveredFile[] = [];
  for await (const batch of discover(root, notes)) for (const f of batch) all.push(f);
  return all.sort(byPath);
}

/** The files of a git tree given as contents (a scan of a commit: ScanOptions.blobs), as one batch sorted by path. */
export function blobFiles(blobs: { base: string; files: ReadonlyMap<string, Buffer> }): DiscoveredFile[] {
  const files = [...blobs.files].map(([rel, bytes]) => ({ path: rel, abs: path.join(blobs.base, rel), bytes }));
  return files.sort(byPath);
}

const byPath = (a: DiscoveredFile, b: DiscoveredFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The files git lists under `dir`, relative to the top level of its work tree (`--full-name`), by the bytes of
 * their names (lib/path-bytes.ts): a name that is not UTF-8 is still found and opened.
 */
async function gitFiles(dir: string, which: readonly string[]): Promise<{ name: string; bytes?: Buffer }[]> {
  // Untracked files make git walk and stat the whole tree: a cold one of a large repository takes a while.
  const stdout = await git(dir, ['ls-files', '-z', ...which, '--full-name', '.'], { timeoutMs: 10 * 60_000 });
  return splitNames(stdout);
}

async function walk(dir: string, notes: Note[], base: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (current: string, rules: { at: string; ig: Ignore }[]): Promise<void> => {
    let gitignore: string | undefined;
    try {
      gitignore = await readFile(path.join(current, '.gitignore'), 'utf8');
    } catch {
      /* no .gitignore here */
    }
    const scoped = gitignore === undefined ? rules : [...rules, { at: current, ig: gitignoreMatcher(gitignore) }];
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      notes.push({ level: 'warning', code: 'skipped.unreadable', message: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? 'error'}`, file: toPosix(path.relative(base, current)) || '.' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (e.name === '.git') continue;
      const abs = path.join(current, e.name);
      const ignored = scoped.some(({ at, ig }) => {
        const rel = toPosix(path.relative(at, abs));
        return ig.ignores(e.isDirectory() ? `${rel}/` : rel);
      });
      if (ignored) continue;
      if (e.isSymbolicLink()) {
        notes.push({ level: 'info', code: 'skipped.symlink', message: 'symbolic link not followed', file: toPosix(path.relative(base, abs)) });
      } else if (e.isDirectory()) {
        await visit(abs, scoped);
      } else if (e.isFile()) {
        out.push(abs);
      } else {
        // A FIFO would block a read forever; sockets and devices are not content.
        notes.push({ level: 'info', code: 'skipped.special', message: 'not a regular file (FIFO, socket or device)', file: toPosix(path.relative(base, abs)) });
      }
    }
  };
  await visit(dir, []);
  return out;
}
