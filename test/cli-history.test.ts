/** `gatewarden scan --history` end to end through the CLI (from source, so it never tests a stale dist/). */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { fakeAnthropicKey, removeTempDirs, TestRepo } from './git-repo.js';

function cli(args: string[], cwd: string) {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const r = spawnSync(process.execPath, ['--import', tsx, path.join(ROOT, 'src', 'cli.ts'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(removeTempDirs);

describe('gatewarden scan --history', () => {
  it('prints the commit, whether HEAD still has it and what to do, never the value; exit 1 on findings', () => {
    const key = fakeAnthropicKey(3);
    const r = new TestRepo();
    r.write('bot/.env', `ANTHROPIC_API_KEY=${key}\n`);
    const leak = r.commit('leak', '2024-03-01T12:00:00Z');
    r.remove('bot/.env').commit('remove', '2024-03-02T12:00:00Z');

    const out = cli(['scan', '--history', '--fail-on', 'high'], r.dir);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`Introduced in commit ${leak.slice(0, 12)} (2024-03-01T12:00:00+00:00); it is no longer at HEAD`);
    expect(out.stdout).toMatch(/Revoke or rotate every secret first/);
    expect(out.stdout).toContain('2 commits');
    expect(out.stdout).not.toContain(key.slice(13));

    const sarif = cli(['scan', '--history', '--format', 'sarif', '--fail-on', 'never'], r.dir);
    expect(sarif.code).toBe(0);
    expect((JSON.parse(sarif.stdout) as { runs: { automationDetails: { id: string } }[] }).runs[0]?.automationDetails.id).toBe('gatewarden-history/');
  });

  it('rejects history options without --history, and bad values', () => {
    const r = new TestRepo();
    r.write('a.txt', 'x\n').commit('one', '2024-01-01T00:00:00Z');
    expect(cli(['scan', '--since', 'HEAD'], r.dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/need --history/) });
    expect(cli(['scan', '--history', '--max-commits', '0'], r.dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--max-commits must be a positive whole number/) });
    expect(cli(['scan', '--history', '--since', 'nope'], r.dir)).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown revision "nope"/) });
  });
});
