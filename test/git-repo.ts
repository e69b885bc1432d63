/** A real git repository in a temp dir, built commit by commit with fixed author and committer dates. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const created: string[] = [];

/** A temp dir removed by `removeTempDirs()` (call it in `afterAll`). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export class TestRepo {
  readonly dir: string;
  /** A new repository in a temp dir, or an existing one (`dir`). */
  constructor(dir?: string) {
    this.dir = dir ?? tempDir('gatewarden-history-');
    if (!dir) this.git('init', '-q', '-b', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: { ...process.env, ...ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(file: string, content: string | Buffer): this {
    const abs = path.join(this.dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return this;
  }

  /** `git mv`, creating the destination folder. */
  move(from: string, to: string): this {
    mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
    this.git('mv', from, to);
    return this;
  }

  remove(file: string): this {
    rmSync(path.join(this.dir, file));
    return this;
  }

  /** Stages everything and commits with the given author/committer date (ISO 8601); returns the sha. */
  commit(message: string, date: string): string {
    this.git('add', '-A');
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
      cwd: this.dir,
      env: { ...process.env, ...ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      stdio: 'ignore',
    });
    return this.git('rev-parse', 'HEAD');
  }

  /** `git merge --no-commit`, then whatever `edit` changes, committed as the merge; returns the sha. */
  merge(branch: string, date: string, edit: (r: this) => void = () => undefined): string {
    try {
      execFileSync('git', ['merge', '-q', '--no-ff', '--no-commit', branch], { cwd: this.dir, env: { ...process.env, ...ENV }, stdio: 'ignore' });
    } catch {
      /* a conflict: `edit` resolves it */
    }
    edit(this);
    return this.commit(`merge ${branch}`, date);
  }
}

/** A fake Anthropic key of the exact shape (108 characters), distinct per `n`; contains `gatewardenTESTvalue`. */
export function fakeAnthropicKey(n: number): string {
  const noise = createHash('sha256').update(`fixture-${n}`).digest('base64url').repeat(3);
  return `sk-ant-api03-${`gatewardenTESTvalue${noise}`.slice(0, 93)}AA`;
}
