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
    for (const f of ['index.js', 'cli.js']) {
      const fresh = readFileSync(path.join(out, f), 'utf8');
      const committed = readFileSync(path.join(ROOT, 'dist', f), 'utf8');
      expect(committed === fresh, `dist/${f} is stale: run \`npm run build\` and commit dist/`).toBe(true);
    }
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
