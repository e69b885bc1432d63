/**
 * Stages 3 to 5 of a scan, once every file is read and every shared target assembled: the shared targets, each
 * seeing all the others; the shell, one file at a time; the repository as a whole.
 */
import type { FileKind, RepoFile, RepoTarget } from '../../model/target.js';
import type { PendingShell } from '../assemble/assemble.js';
import type { SharedTargets } from '../assemble/shared-targets.js';
import type { Breather } from '../breather.js';
import { gitignoreMatcher } from '../discover/gitignore.js';
import { parseFile } from '../parse/index.js';
import { repoFileContext } from './file-context.js';
import type { RuleRunner } from './runner.js';

export async function checkShared(project: SharedTargets, runner: RuleRunner): Promise<void> {
  for (const target of project.all()) await runner.run(target, project.context, project, project.scopeOf(target));
}

/**
 * Shell, once every shared target is known (the shell rules read the OpenClaw configs, heredoc ones included).
 * No rule reads another file's shell and a syntax tree is many times its script, so each script, Makefile and
 * workflow is parsed in its turn, checked, and its context let go.
 */
export async function checkShells(project: SharedTargets, shells: readonly PendingShell[], runner: RuleRunner, breather: Breather): Promise<void> {
  for (const item of shells) {
    if ('index' in item) {
      // Only files some shell rule has a keyword in got here (read/file-pass.ts, textNeeded kept their text).
      const text = item.text as string;
      const { shells: found, shared } = await project.admit(item.path, text, parseFile(item.path, item.kind as Exclude<FileKind, 'text'>, text), runner);
      // None expected (the file has no heredoc), but a shared target found this late is still checked.
      for (const t of shared) await runner.run(t, project.context, project, project.scopeOf(t));
      for (const t of found) await runner.run(t, project.context, project);
      project.contexts.delete(item.path);
    } else {
      await runner.run(item, project.context, project);
      // A Dockerfile's, a compose file's or a user-data file's context stays: the file may hold more targets
      // (several user_data), and the repository rules may report in it.
      if (item.origin !== 'dockerfile' && item.origin !== 'user_data' && item.origin !== 'compose') project.contexts.delete(item.file);
    }
    await breather.breathe();
  }
}

/** The repository rules: one target with every file read and the root `.gitignore`. */
export async function checkRepository(project: SharedTargets, files: RepoFile[], git: boolean, readRepoFile: (rel: string) => string | undefined, runner: RuleRunner): Promise<void> {
  const gitignore = project.contexts.get('.gitignore')?.text ?? readRepoFile('.gitignore');
  const rootIgnore = gitignoreMatcher(gitignore ?? '');
  const target: RepoTarget = {
    kind: 'repo',
    file: '.',
    git,
    files,
    ...(gitignore !== undefined ? { gitignore } : {}),
    ignoredByRootGitignore: (p) => p !== '' && rootIgnore.ignores(p),
  };
  await runner.run(target, (file) => project.contexts.get(file) ?? repoFileContext(file), project);
}
