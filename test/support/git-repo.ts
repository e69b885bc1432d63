/** A throw-away git repository in a temp dir, for tests of pull-request mode. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export class GitRepo {
  constructor(readonly dir: string) {}

  static init(): GitRepo {
    const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-repo-'));
    const repo = new GitRepo(dir);
    repo.git('init', '--quiet', '--initial-branch=main');
    return repo;
  }

  /** A `git clone` of `source` (e.g. with `--depth=1`) into a new temp dir. */
  static clone(source: GitRepo, ...args: string[]): GitRepo {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'gatewarden-clone-')), 'repo');
    execFileSync('git', ['clone', '--quiet', ...args, `file://${source.dir}`, dir], { env: ENV });
    return new GitRepo(dir);
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, env: ENV, encoding: 'utf8' }).trim();
  }

  write(files: Record<string, string>): this {
    for (const [rel, content] of Object.entries(files)) {
      const abs = path.join(this.dir, rel);
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, content);
    }
    return this;
  }

  /** Stages everything and commits; returns the new commit's SHA. */
  commit(message: string): string {
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }
}
