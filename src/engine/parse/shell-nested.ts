/**
 * Shell inside shell: the script of `bash -c '…'`, `sh -c "…"`, `su - u -c '…'`, `sudo -u u bash -c …`,
 * `runuser -u u -- sh -c …`, `docker exec c sh -c …`, `docker compose exec svc sh -c …`, `kubectl exec … -- sh -c …`,
 * `ssh host '…'`, and heredocs fed to a shell (`bash -s <<EOF`, `sudo -u u bash <<'EOF'`, `ssh host 'bash -s' <<EOF`),
 * parsed as shell of its own with every position mapped back to the file (parse/shell.ts `ShellSource`).
 *
 * Exported for other parsers that meet shell in a string (cloud-init `runcmd`, compose `command:`): `nestedSources`
 * gives the sources, `parseShell` (which calls it) the pipelines.
 */
import type { ShellCommand, ShellHeredoc, ShellWord } from '../../model/target.js';

/** Shell text and the file offset of each of its characters (parse/shell.ts `ShellSource`, repeated: no import cycle). */
export interface ShellSource {
  text: string;
  at(i: number): number;
}

const SHELLS = /^(ba|da|z|k|a|mk|pdk)?sh$/;
const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const isAssignment = (w: string) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w);

/** Options that take a value, per wrapper (the value is the next word unless glued: `-uroot`, `--user=x`). */
const ARG_OPTS: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-p', '-C', '-D', '-r', '-t', '-U', '-h', '--user', '--group', '--chdir']),
  doas: new Set(['-u', '-C']),
  env: new Set(['-u', '-C', '--unset', '--chdir', '-S']),
  nice: new Set(['-n', '--adjustment']),
  ionice: new Set(['-c', '-n', '-p']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  stdbuf: new Set(['-i', '-o', '-e']),
  setpriv: new Set(['--reuid', '--regid', '--groups']),
  exec: new Set(['-a']),
};
const SIMPLE_WRAPPERS = new Set(['nohup', 'exec', 'command', 'time', 'setsid', 'builtin', 'xargs', 'chpst', 'gosu', 'su-exec', 'tini', 'dumb-init']);
const CONTAINER_EXEC_ARGS = new Set(['-u', '--user', '-w', '--workdir', '-e', '--env', '--env-file', '--index', '--detach-keys', '-c', '--container', '-n', '--namespace']);
const SSH_ARGS = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);

/** What in a command is shell code of its own: a word (its script) or the command's heredoc. */
export type NestedScript = { word: ShellWord } | { heredoc: ShellHeredoc };

/** The nested scripts a command runs (usually none, at most one). */
export function nestedScript(cmd: ShellCommand): NestedScript | undefined {
  return fromWords(cmd.words, 0, cmd, 0);
}

function fromWords(w: readonly ShellWord[], k: number, cmd: ShellCommand, depth: number): NestedScript | undefined {
  if (depth > 8) return undefined;
  while (k < w.length && isAssignment(w[k]?.value ?? '')) k++;
  const word = w[k];
  if (!word) return undefined;
  const name = base(word.value);
  const skipOpts = (from: number, args: ReadonlySet<string>): number => {
    let j = from;
    while (j < w.length) {
      const v = w[j]?.value ?? '';
      if (v === '--') return j + 1;
      if (!v.startsWith('-') || v === '-') break;
      j += args.has(v) ? 2 : 1;
    }
    return j;
  };
  if (SHELLS.test(name)) {
    for (let j = k + 1; j < w.length; j++) {
      const v = w[j]?.value ?? '';
      if (/^-[a-zA-Z]+$/.test(v) && v.includes('c')) {
        const script = w[j + 1];
        return script ? { word: script } : undefined;
      }
      if (v === '-o' || v === '+o') j++;
      else if (!v.startsWith('-') && !v.startsWith('+')) return undefined; // a script file: not ours to read
    }
    // `bash`, `bash -s`, `sh -e -x`: the shell reads its standard input.
    const heredoc = cmd.heredocs[0];
    return heredoc ? { heredoc } : undefined;
  }
  if (name === 'su' || name === 'runuser') {
    for (let j = k + 1; j < w.length; j++) {
      const v = w[j]?.value ?? '';
      if (v === '-c' || v === '--command') return w[j + 1] ? { word: w[j + 1] as ShellWord } : undefined;
      if (v.startsWith('--command=')) return undefined; // glued: rare, left out
      if (v === '--') return fromWords(w, j + 1, cmd, depth + 1);
    }
    return undefined;
  }
  if (name === 'ssh') {
    let j = k + 1;
    while (j < w.length && (w[j]?.value ?? '').startsWith('-')) j += SSH_ARGS.has(w[j]?.value ?? '') ? 2 : 1;
    const rest = w.slice(j + 1); // after the host
    if (rest.length === 1 && rest[0]) {
      // `ssh host 'bash -s' <<EOF`: the remote shell reads the heredoc; `ssh host 'cmd; cmd'`: the string is shell.
      if (/^(sudo( -\S+)*( \S+)? )?(\S*\/)?(ba|da|z|k)?sh( -[a-z]+)*$/.test(rest[0].value.trim())) return cmd.heredocs[0] ? { heredoc: cmd.heredocs[0] } : undefined;
      return { word: rest[0] };
    }
    return rest.length ? fromWords(w, j + 1, cmd, depth + 1) : cmd.heredocs[0] ? { heredoc: cmd.heredocs[0] } : undefined;
  }
  if (name === 'docker' || name === 'podman' || name === 'nerdctl' || name === 'docker-compose' || name === 'kubectl' || name === 'oc') {
    let j = k + 1;
    if (name === 'kubectl' || name === 'oc') {
      const dd = w.findIndex((x, i) => i > k && x.value === '--');
      return dd === -1 ? undefined : fromWords(w, dd + 1, cmd, depth + 1);
    }
    if (w[j]?.value === 'compose') j++;
    if (w[j]?.value !== 'exec') return undefined;
    j = skipOpts(j + 1, CONTAINER_EXEC_ARGS);
    return fromWords(w, j + 1, cmd, depth + 1); // past the container / service
  }
  const args = ARG_OPTS[name];
  if (args || SIMPLE_WRAPPERS.has(name)) {
    let j = skipOpts(k + 1, args ?? new Set());
    if (name === 'timeout' && /^\d/.test(w[j]?.value ?? '')) j++;
    if ((name === 'gosu' || name === 'su-exec' || name === 'chpst') && j < w.length) j++; // the user
    return fromWords(w, j, cmd, depth + 1);
  }
  return undefined;
}

/** Characters of a word's unquoted value, each with the source index it came from. */
export function unquoted(src: ShellSource, start: number, end: number): ShellSource {
  const t = src.text;
  const chars: string[] = [];
  const at: number[] = [];
  const push = (c: string, i: number) => {
    chars.push(c);
    at.push(i);
  };
  let i = start;
  while (i < end) {
    const c = t[i] as string;
    if (c === "'") {
      let j = i + 1;
      while (j < end && t[j] !== "'") push(t[j] as string, j++);
      i = j + 1;
    } else if (c === '$' && t[i + 1] === "'") {
      let j = i + 2;
      while (j < end && t[j] !== "'") {
        if (t[j] === '\\' && j + 1 < end) j++;
        push(t[j] as string, j++);
      }
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < end && t[j] !== '"') {
        const d = t[j] as string;
        if (d === '\\' && j + 1 < end) {
          const e = t[j + 1] as string;
          if (e === '\n') j += 2;
          else if ('$`"\\'.includes(e)) {
            push(e, j + 1);
            j += 2;
          } else push(d, j++);
        } else if (d === '$' && t[j + 1] === '(') {
          // A command substitution is kept whole, its own quotes included.
          push(d, j++);
          let level = 0;
          do {
            const x = t[j] as string;
            if (x === '(') level++;
            else if (x === ')') level--;
            push(x, j++);
          } while (j < end && level > 0);
        } else push(d, j++);
      }
      i = j + 1;
    } else if (c === '\\' && i + 1 < end) {
      if (t[i + 1] !== '\n') push(t[i + 1] as string, i + 1);
      i += 2;
    } else push(c, i++);
  }
  const text = chars.join('');
  const last = at.length ? src.at(at[at.length - 1] as number) + 1 : src.at(start);
  return { text, at: (k) => (k < at.length ? src.at(at[k] as number) : last) };
}

/** A heredoc's body as a source, from the per-character offsets the parser kept. */
export function heredocSource(heredoc: ShellHeredoc, offsets: readonly number[]): ShellSource {
  return { text: heredoc.body, at: (k) => offsets[Math.min(k, offsets.length - 1)] ?? heredoc.end };
}
