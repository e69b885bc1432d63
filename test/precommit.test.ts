/** The pre-commit hook definition, and the CLI scanning exactly the staged files it is given. */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { GitRepo } from './support/git-repo.js';

const exec = promisify(execFile);

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks whose entry is the package bin, which is committed', () => {
    expect(hooks.map((h) => h.id)).toEqual(['gatewarden', 'gatewarden-repo', 'gatewarden-docker']);
    for (const h of hooks.filter((x) => x.language !== 'docker_image')) {
      expect(h.name && h.entry && h.language).toBeTruthy();
      expect(h.language).toBe('node');
      const bin = h.entry.split(' ')[0] ?? '';
      expect(pkg.bin[bin]).toBe('dist/cli.js');
    }
    expect(existsSync(path.join(ROOT, 'dist', 'cli.js'))).toBe(true);
    expect(hooks[0]?.pass_filenames).toBe(true);
  });

  it('declares a docker_image hook: the release image at the package version, with the staged-files arguments', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const docker = hooks.find((h) => h.id === 'gatewarden-docker');
    expect(docker?.language).toBe('docker_image');
    const [image, ...args] = docker?.entry.split(' ') ?? [];
    expect(image).toBe(`ghcr.io/gatewarden/gatewarden:${version}`);
    expect(args).toEqual(hooks[0]?.entry.split(' ').slice(1));
    expect(docker?.pass_filenames).toBe(true);
  });

  it('the staged-files hook scans exactly the files it is given, names with glob characters included', async () => {
    const repo = GitRepo.init();
    repo.write({
      'app/[id]/compose.yaml': 'services:\n  gw:\n    image: alpine:3.20\n    privileged: true\n',
      'app/1/compose.yaml': 'services:\n  other:\n    image: alpine:3.20\n    privileged: true\n',
      'README.md': '# x\n',
    });
    repo.git('add', '--', 'app/[[]id]/compose.yaml', 'README.md');
    const staged = repo.git('diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean);
    expect(staged.sort()).toEqual(['README.md', 'app/[id]/compose.yaml']);

    const args = [...(hooks[0]?.entry.split(' ').slice(1) ?? []), ...staged];
    const run = exec(process.execPath, ['--import', pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href, path.join(ROOT, 'src', 'cli.ts'), ...args], { cwd: repo.dir, env: { ...process.env, NO_COLOR: '1' } });
    const err = (await run.then(() => undefined, (e: unknown) => e)) as { code: number; stdout: string } | undefined;
    expect(err?.code).toBe(1);
    expect(err?.stdout).toContain('app/[id]/compose.yaml');
    expect(err?.stdout).not.toContain('app/1/compose.yaml');
    expect(err?.stdout).toContain('compose.privileged');
    expect(err?.stdout).toMatch(/ in 1 file · 2 files /); // findings in the one compose file; the two staged files scanned
  });
});
