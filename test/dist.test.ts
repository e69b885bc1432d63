/** dist/ is committed: it must equal a fresh build, and the bundles must run with no node_modules anywhere. */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers.js';

describe('dist/', () => {
  it('is what `npm run build` produces from the current sources (run it and commit dist/)', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'gatewarden-dist-'));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, env: { ...process.env, GATEWARDEN_BUILD_OUT: out } });
    for (const f of ['index.js', 'cli.js', 'worker.js', 'THIRD_PARTY_NOTICES.md']) {
      const fresh = readFileSync(path.join(out, f), 'utf8');
      const committed = readFileSync(path.join(ROOT, 'dist', f), 'utf8');
      expect(committed === fresh, `dist/${f} is stale: run \`npm run build\` and commit dist/`).toBe(true);
    }
  });

  it('names every bundled package with its licence in THIRD_PARTY_NOTICES.md', () => {
    const notices = readFileSync(path.join(ROOT, 'dist', 'THIRD_PARTY_NOTICES.md'), 'utf8');
    const rows = [...notices.matchAll(/^\| (\S+) \| (\S+) \| (.+) \|$/gm)].slice(1).map((m) => m[1]);
    // The runtime libraries the bundles are built from (package.json) are all named, each with a licence section.
    for (const name of ['@actions/core', '@actions/github', '@humanwhocodes/momoa', '@secretlint/core', 'dockerfile-ast', 'ignore', 'yaml']) {
      expect(rows).toContain(name);
      expect(notices).toMatch(new RegExp(`^## ${name.replace(/[/@.]/g, '\\$&')}@\\S+ \\(`, 'm'));
    }
    expect(notices).not.toMatch(/^## (vitest|typescript|esbuild|eslint)@/m);
  });

  it('runs the CLI bundle alone, with no node_modules, on the demo repository', () => {
    const alone = mkdtempSync(path.join(tmpdir(), 'gatewarden-alone-'));
    copyFileSync(path.join(ROOT, 'dist', 'cli.js'), path.join(alone, 'cli.js'));
    const r = spawnSync(process.execPath, [path.join(alone, 'cli.js'), 'scan', path.join(FIXTURES, 'demo-repo'), '--format', 'json'], { cwd: alone, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['dotenv.committed', 'secrets.anthropic_api_key', 'compose.privileged']));
  });
});
