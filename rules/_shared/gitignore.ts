/**
 * Whether a root `.gitignore` ignores a given file path, for `dotenv.not_ignored`. A deliberately small subset of
 * gitignore(5), written without regular expressions: the `ignore` package compiles patterns with regexes that a ReDoS
 * checker rejects (test/redos.test.ts captures every regex a rule executes), and the question here is narrow: is
 * `.env` (or `dir/.env`) ignored. Supported: comments, blank lines, `!` negation (last match wins), a leading `/`
 * or an inner `/` (anchored to the root), a trailing `/` (directories only), parent directories, `*`, `?`, `**`.
 * Character classes (`[…]`) are compared literally, which can only make the rule report (never hide) a case.
 */

/** Glob match of `name` against `pattern` segment-wise: `*` and `?` never cross `/`; `**` spans directories. */
function globMatch(pattern: string, name: string): boolean {
  const p = pattern.split('/');
  const n = name.split('/');
  const seg = (pi: number, ni: number): boolean => {
    if (pi === p.length) return ni === n.length;
    if (p[pi] === '**') {
      for (let k = ni; k <= n.length; k++) if (seg(pi + 1, k)) return true;
      return false;
    }
    return ni < n.length && wildcard(p[pi] ?? '', n[ni] ?? '') && seg(pi + 1, ni + 1);
  };
  return seg(0, 0);
}

/** `*` / `?` wildcard match of one path segment: the classic two-pointer algorithm, O(len(p) × len(s)) at worst. */
function wildcard(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === s[si])) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star !== -1) {
      pi = star + 1;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Whether the patterns of a root `.gitignore` ignore the file `path` (repository-relative, `/`-separated). */
export function gitignoreIgnores(gitignore: string, path: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split('\n')) {
    let line = raw.replace(/\r$/, '');
    while (line.endsWith(' ') && !line.endsWith('\\ ')) line = line.slice(0, -1);
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    if (line.startsWith('\\')) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.includes('/') && !line.startsWith('**/');
    const pattern = line.startsWith('/') ? line.slice(1) : line;
    const parts = path.split('/');
    // A pattern matches the file itself, or a parent directory of it (which ignores everything below).
    let hit = false;
    for (let depth = 1; depth <= parts.length && !hit; depth++) {
      if (dirOnly && depth === parts.length) continue; // `name/` matches directories only
      const prefix = parts.slice(0, depth).join('/');
      hit = anchored ? globMatch(pattern, prefix) : globMatch(`**/${pattern}`, prefix);
    }
    if (hit) ignored = !negate;
  }
  return ignored;
}
