/**
 * The one way Gatewarden runs git (test/architecture.test.ts fails when another module spawns it): a command's
 * output (`git`, `tryGit`), its output line by line (`streamLines`), and blobs by name from one long-lived
 * `git cat-file --batch` (`BlobReader`). Every call
 * - starts with GIT_SAFE_ARGS, so a scanned repository's config cannot run commands and a checkout owned by
 *   another user (a container job on a runner's workspace) is still read rather than refused as "dubious";
 * - never prompts (GIT_TERMINAL_PROMPT=0);
 * - has a time limit: a whole command (`timeoutMs`), or, for the streams, a wait for git's next output;
 * - reports git's own message, with credentials in URLs masked.
 */
import { spawn, type ChildProcessByStdio, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Readable, Writable } from 'node:stream';
import { UsageError } from '../model/errors.js';

/**
 * Options for every git call. `safe.directory=*` waives git's ownership check, which exists so a foreign
 * repository's config cannot run commands; the only such config our calls would honour is core.fsmonitor, which
 * is forced off.
 */
export const GIT_SAFE_ARGS = ['-c', 'safe.directory=*', '-c', 'core.fsmonitor=false'] as const;

/** A short command's time limit unless the caller gives one (a fetch or a clone gives more). */
export const DEFAULT_TIMEOUT_MS = 2 * 60_000;
/** How long a stream or the blob reader waits for git's next output before it gives up on git. */
export const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;

export class GitError extends Error {
  override readonly name = 'GitError';
}

export interface GitOptions {
  /** Written to git's stdin, then closed. */
  stdin?: string;
  /** Default DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Added to this process's environment (credentials for a clone travel here, never on the command line). */
  env?: NodeJS.ProcessEnv;
}

function spawnGit(cwd: string, args: readonly string[], stdin: 'pipe', env?: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams;
function spawnGit(cwd: string, args: readonly string[], stdin: 'pipe' | 'ignore', env?: NodeJS.ProcessEnv): ChildProcessByStdio<Writable | null, Readable, Readable>;
function spawnGit(cwd: string, args: readonly string[], stdin: 'pipe' | 'ignore', env?: NodeJS.ProcessEnv) {
  return spawn('git', [...GIT_SAFE_ARGS, ...args], { cwd, stdio: [stdin, 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env } });
}

/** Runs `git <args>` in `cwd` and returns its stdout; rejects with a GitError that quotes git's message. */
export function git(cwd: string, args: readonly string[], opts: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args, opts.stdin === undefined ? 'ignore' : 'pipe', opts.env);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const limit = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Settled at the time limit without waiting for 'close': a process git started may still hold the pipes.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      reject(new GitError(`git ${subcommand(args)} timed out after ${Math.round(limit / 1000)} s`));
    }, limit);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new GitError(`cannot run git: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${subcommand(args)} failed: ${gitMessage(Buffer.concat(err).toString('utf8')) || `exit code ${code}`}`));
    });
    if (opts.stdin !== undefined) {
      child.stdin?.on('error', () => {}); // git may exit before reading all of it; its exit code tells
      child.stdin?.end(opts.stdin);
    }
  });
}

/** `git <args>`'s stdout as trimmed text, or undefined when git fails. */
export async function tryGit(cwd: string, args: readonly string[], opts: GitOptions = {}): Promise<string | undefined> {
  try {
    return (await git(cwd, args, opts)).toString('utf8').trim();
  } catch {
    return undefined;
  }
}

/** The subcommand, for messages: the first argument that is not a `-c key=value` pair. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-c' || args[i] === '-C') i++;
    else return args[i] ?? '';
  }
  return '';
}

/** git's own complaint: its first `fatal:`/`error:` line (prefix dropped), else its last line; URL credentials masked. */
export function gitMessage(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const complaint = lines.find((l) => /^(fatal|error): /.test(l))?.replace(/^(fatal|error): /, '') ?? lines.at(-1) ?? '';
  return stripUrlCredentials(complaint);
}

/** Credentials in a URL (`https://user:token@host/…`) never reach a message: the user-info part becomes `***`. */
export function stripUrlCredentials(message: string): string {
  let out = '';
  let rest = message;
  for (let i = rest.indexOf('://'); i >= 0; i = rest.indexOf('://')) {
    const start = i + 3;
    let end = start;
    while (end < rest.length && !'/@ \t\'"'.includes(rest[end] ?? '')) end++;
    const credentials = rest[end] === '@' && end > start;
    out += rest.slice(0, start) + (credentials ? '***' : rest.slice(start, end));
    rest = rest.slice(end);
  }
  return out + rest;
}

/** Output read ahead of the line consumer, at most: git pauses (pipe back-pressure) above it. */
const READ_AHEAD = 16 * 1024 * 1024;

/**
 * Runs `git <args>` in `cwd` and hands each output line (without its `\n`) to `onLine`, awaiting it only when
 * it returns a promise. Output is read ahead of the consumer (up to READ_AHEAD bytes) and the consumer yields to
 * the event loop after each chunk, so git keeps writing on one core while the rules run on the other; above
 * READ_AHEAD the pipe applies back-pressure. Output is decoded as UTF-8 with invalid bytes replaced (U+FFFD), as
 * the work-tree scan reads files. A line longer than `maxLine` is cut and passed with `truncated` set; the rest of
 * it is dropped unread, so one 50 MB line cannot fill memory. Rejects with git's own message when git exits
 * non-zero, and gives up when git writes nothing for `idleTimeoutMs` while the consumer waits for it.
 */
export async function streamLines(
  cwd: string,
  args: readonly string[],
  maxLine: number,
  onLine: (line: string, truncated: boolean) => void | Promise<void>,
  idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
): Promise<{ stderr: string }> {
  const child = spawnGit(cwd, args, 'ignore');
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 64 * 1024) stderr += s;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  exited.catch(() => undefined); // awaited below; a spawn failure must not surface as an unhandled rejection first

  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  child.stdout.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued > READ_AHEAD) child.stdout.pause();
    signal();
  });
  child.stdout.on('end', () => {
    ended = true;
    signal();
  });
  child.stdout.on('error', (err) => {
    failed = err;
    signal();
  });
  // Only while this side waits for output: a slow consumer pauses git, and that is not git hanging.
  const nextOutput = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        failed = new GitError(`git ${subcommand(args)} wrote nothing for ${Math.round(idleTimeoutMs / 1000)} s; stopped`);
        resolve();
      }, idleTimeoutMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const decoder = new StringDecoder('utf8');
  let carry = '';
  let dropping = false; // inside the unread rest of an over-long line
  try {
    for (;;) {
      if (failed) throw failed;
      const chunk = queue.shift();
      if (!chunk) {
        if (ended) break;
        await nextOutput();
        continue;
      }
      queued -= chunk.length;
      if (child.stdout.isPaused() && queued <= READ_AHEAD / 2) child.stdout.resume();
      const text = decoder.write(chunk);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        if (dropping) dropping = false;
        else {
          const line = carry ? carry + text.slice(start, nl) : text.slice(start, nl);
          carry = '';
          const p = line.length > maxLine ? onLine(line.slice(0, maxLine), true) : onLine(line, false);
          if (p) await p;
        }
        start = nl + 1;
      }
      if (!dropping && start < text.length) {
        carry += text.slice(start);
        if (carry.length > maxLine) {
          const p = onLine(carry.slice(0, maxLine), true);
          carry = '';
          dropping = true;
          if (p) await p;
        }
      }
      // Promises resolved by the rules never reach the event loop: let it read what git wrote meanwhile.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const rest = carry + decoder.end();
    if (rest && !dropping) {
      const p = onLine(rest, false);
      if (p) await p;
    }
  } catch (err) {
    child.kill('SIGKILL');
    child.stdout.destroy();
    child.stderr.destroy();
    throw err;
  }
  const code = await exited;
  if (code !== 0) throw new UsageError(`git ${subcommand(args)} failed: ${gitMessage(stderr) || `exit code ${code}`}`);
  return { stderr };
}

export type BlobResult = { kind: 'ok'; data: Buffer } | { kind: 'missing' } | { kind: 'too_large'; size: number };

interface Pending {
  limit: number;
  resolve: (r: BlobResult) => void;
  size?: number;
  type?: string;
  remaining?: number;
  parts?: Buffer[];
}

/**
 * One long-lived `git cat-file --batch`: blobs by name (`<commit>:<path>` or an object id), in request order.
 * Content above `limit` is read past without being kept. When git stops answering for `idleTimeoutMs` with a
 * request pending, it is stopped and every pending request is answered `missing`.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private readonly queue: Pending[] = [];
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly cwd: string,
    private readonly idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS,
  ) {}

  read(name: string, limit: number): Promise<BlobResult> {
    // The batch protocol is line-based: a name with a newline cannot be asked for.
    if (name.includes('\n')) return Promise.resolve({ kind: 'missing' });
    const child = this.start();
    return new Promise((resolve) => {
      this.queue.push({ limit, resolve });
      this.watch();
      child.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    clearTimeout(this.idle);
    this.child?.stdin.end();
    this.child = undefined;
  }

  /** (Re)starts the wait for git's next answer while a request is pending. */
  private watch(): void {
    clearTimeout(this.idle);
    if (!this.queue.length) return;
    const child = this.child;
    this.idle = setTimeout(() => {
      child?.kill('SIGKILL');
      this.failAll(child);
    }, this.idleTimeoutMs);
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawnGit(this.cwd, ['cat-file', '--batch'], 'pipe');
    child.stdout.on('data', (chunk: Buffer) => {
      this.onData(chunk);
      this.watch();
    });
    child.stderr.resume();
    const fail = () => this.failAll(child);
    child.on('error', fail);
    child.on('close', fail);
    child.stdin.on('error', fail);
    this.child = child;
    return child;
  }

  /** git is gone (or given up on): every pending request is answered `missing`. */
  private failAll(child: ChildProcessWithoutNullStreams | undefined): void {
    clearTimeout(this.idle);
    for (const p of this.queue.splice(0)) p.resolve({ kind: 'missing' });
    if (this.child === child) {
      this.child = undefined;
      this.buf = Buffer.alloc(0);
    }
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const cur = this.queue[0];
      if (!cur) return;
      if (cur.remaining === undefined) {
        const nl = this.buf.indexOf(10);
        if (nl === -1) return;
        const header = this.buf.subarray(0, nl).toString('utf8');
        this.buf = this.buf.subarray(nl + 1);
        const m = /^\S+ (\S+) (\d+)$/.exec(header);
        if (!m) {
          this.queue.shift();
          cur.resolve({ kind: 'missing' });
          continue;
        }
        cur.type = m[1];
        cur.size = Number(m[2]);
        cur.remaining = cur.size + 1; // the content, then a newline
        cur.parts = [];
      }
      const take = Math.min(cur.remaining, this.buf.length);
      if (take === 0) return;
      if ((cur.size ?? 0) <= cur.limit) cur.parts?.push(this.buf.subarray(0, take));
      this.buf = this.buf.subarray(take);
      cur.remaining -= take;
      if (cur.remaining > 0) return;
      this.queue.shift();
      const size = cur.size ?? 0;
      if (cur.type !== 'blob') cur.resolve({ kind: 'missing' });
      else if (size > cur.limit) cur.resolve({ kind: 'too_large', size });
      else cur.resolve({ kind: 'ok', data: Buffer.concat(cur.parts ?? []).subarray(0, size) });
    }
  }
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it: bare, or in double quotes with C escapes (`\t`, `\"`, `\303\251` octal bytes) when
 * it holds special characters or, without core.quotepath=off, non-ASCII. Bytes are decoded as UTF-8 (lossy).
 */
export function unquotePath(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"') || s.length < 2) return s;
  const bytes: number[] = [];
  const body = [...s.slice(1, -1)];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4).join(''));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
