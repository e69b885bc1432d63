/** Helpers for rules over shell code (scripts, Makefile recipes, Dockerfile RUN, workflow steps). */
import type { ShellCommand, ShellTarget, ShellWord } from '../../src/model/target.js';

export function* commands(target: ShellTarget): Generator<ShellCommand> {
  for (const p of target.pipelines) yield* p.commands;
}

export interface Invocation {
  /** Basename of the program (`/usr/bin/curl` → `curl`). */
  name: string;
  nameWord: ShellWord;
  args: readonly ShellWord[];
  /** `NAME=value` words before the program (including those given to `env`). */
  env: readonly ShellWord[];
}

const SUDO_ARG_OPTS = new Set(['-u', '-g', '-p', '-C', '-D', '-r', '-t', '-U', '-h']);
const WRAPPERS = new Set(['sudo', 'doas', 'env', 'exec', 'nohup', 'command', 'time', 'nice', 'ionice', 'stdbuf']);

/** The program a command runs, past assignments and wrappers (`sudo -u x env A=1 nohup openclaw …`). */
export function invocation(cmd: ShellCommand): Invocation | undefined {
  const w = cmd.words;
  const env: ShellWord[] = [];
  let k = 0;
  while (k < w.length) {
    const word = w[k];
    if (!word) break;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.value)) {
      env.push(word);
      k++;
      continue;
    }
    const base = basename(word.value);
    if (!WRAPPERS.has(base)) break;
    k++;
    while (k < w.length && (w[k]?.value ?? '').startsWith('-')) {
      const opt = w[k]?.value ?? '';
      k += base === 'sudo' && SUDO_ARG_OPTS.has(opt) ? 2 : base === 'nice' && opt === '-n' ? 2 : 1;
    }
  }
  const nameWord = w[k];
  if (!nameWord) return undefined;
  return { name: basename(nameWord.value), nameWord, args: w.slice(k + 1), env };
}

/** Every command of the target that runs a program, with its invocation (commands with no program are skipped). */
export function* invocations(target: ShellTarget): Generator<{ cmd: ShellCommand; inv: Invocation }> {
  for (const cmd of commands(target)) {
    const inv = invocation(cmd);
    if (inv) yield { cmd, inv };
  }
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Value of `--flag value` or `--flag=value` among words; `true` for a bare flag at the end or before another flag. */
export function flagValue(args: readonly ShellWord[], ...names: string[]): { value: string; word: ShellWord } | undefined {
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (!a) continue;
    for (const n of names) {
      if (a.value === n) {
        const next = args[k + 1];
        return next && !next.value.startsWith('-') ? { value: next.value, word: next } : { value: 'true', word: a };
      }
      if (a.value.startsWith(`${n}=`)) return { value: a.value.slice(n.length + 1), word: a };
    }
  }
  return undefined;
}

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'fish']);

/** Container CLIs: an `openclaw …` after them runs inside a container. */
export const CONTAINER_CLIS = new Set(['docker', 'podman', 'nerdctl', 'docker-compose', 'kubectl']);
