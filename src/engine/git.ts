/**
 * Git plumbing for the history sweep: a line stream over a git command's output (never the whole output in
 * memory), a `git cat-file --batch` reader for single blobs, and git's C-style path quoting.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { UsageError } from '../model/errors.js';

/** Output read ahead of the line consumer, at most: git pauses (pipe back-pressure) above it. */
const READ_AHEAD = 16 * 1024 * 1024;

/**
 * Runs `git <args>` in `cwd` and hands each output line (without its `\n`) to `onLine`, awaiting it only when
 * it returns a promise. Output is read ahead of the consumer (up to READ_AHEAD bytes) and the consumer yields to
 * the event loop after each chunk, so git keeps writing on one core while the rules run on the other instead
 * of waiting on a full 64 KB pipe; above READ_AHEAD the pipe applies back-pressure. Output is decoded as UTF-8 with
 * invalid bytes replaced (U+FFFD), as the work-tree scan reads files. A line longer than `maxLine` is cut and
 * passed with `truncated` set; the rest of it is dropped unread, so one 50 MB line cannot fill memory.
 * Rejects with git's own message when git exits non-zero.
 */
export async function streamLines(
  cwd: string,
  args: readonly string[],
  maxLine: number,
  onLine: (line: string, truncated: boolean) => void | Promise<void>,
): Promise<{ stderr: string }> {
  const child = spawn('git', ['-C', cwd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 64 * 1024) stderr += s;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });

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

  const decoder = new StringDecoder('utf8');
  let carry = '';
  let dropping = false; // inside the unread rest of an over-long line
  try {
    for (;;) {
      if (failed) throw failed;
      const chunk = queue.shift();
      if (!chunk) {
        if (ended) break;
        await new Promise<void>((resolve) => (wake = resolve));
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
    child.kill();
    throw err;
  }
  const code = await exited;
  if (code !== 0) throw new UsageError(`git ${args[0] ?? ''} failed: ${firstLine(stderr) || `exit code ${code}`}`);
  return { stderr };
}

/** Runs a short git command and returns its stdout (trimmed), or undefined when git fails. */
export async function gitOutput(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn('git', ['-C', cwd, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    const parts: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => parts.push(b));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(parts).toString('utf8').trim() : undefined));
  });
}

function firstLine(s: string): string {
  return (s.split('\n').find((l) => l.trim() !== '') ?? '').replace(/^(fatal|error): /, '').trim();
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
 * Content above `limit` is read past without being kept.
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private buf: Buffer = Buffer.alloc(0);
  private readonly queue: Pending[] = [];

  constructor(private readonly cwd: string) {}

  read(name: string, limit: number): Promise<BlobResult> {
    // The batch protocol is line-based: a name with a newline cannot be asked for.
    if (name.includes('\n')) return Promise.resolve({ kind: 'missing' });
    const child = this.start();
    return new Promise((resolve) => {
      this.queue.push({ limit, resolve });
      child.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
    this.child = undefined;
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['-C', this.cwd, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.resume();
    const fail = () => {
      for (const p of this.queue.splice(0)) p.resolve({ kind: 'missing' });
      if (this.child === child) this.child = undefined;
    };
    child.on('error', fail);
    child.on('close', fail);
    child.stdin.on('error', fail);
    this.child = child;
    return child;
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
