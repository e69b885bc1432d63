/** The action bundle in full mode, end to end: SARIF file, annotations on stdout, job summary, outputs, exit code. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers.js';

function runAction(inputs: Record<string, string>, nodeArgs: string[] = []) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-action-'));
  const files = { output: path.join(dir, 'output'), summary: path.join(dir, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, GITHUB_EVENT_NAME: 'push', RUNNER_TEMP: dir };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = spawnSync(process.execPath, [...nodeArgs, path.join(ROOT, 'dist', 'index.js')], { cwd: dir, env, encoding: 'utf8' });
  const outputs = Object.fromEntries([...readFileSync(files.output, 'utf8').matchAll(/^(\S+)<<(\S+)\n([\s\S]*?)\n\2$/gm)].map((m) => [m[1], m[3]]));
  return { dir, code: r.status, stdout: r.stdout, summary: readFileSync(files.summary, 'utf8'), outputs };
}

describe('action (full mode)', () => {
  it('writes SARIF, annotations, a job summary and outputs, and fails on findings at or above fail-on', () => {
    const r = runAction({ path: path.join(FIXTURES, 'demo-repo'), 'sarif-file': 'out/gatewarden.sarif', 'fail-on': 'high' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=test\/fixtures\/demo-repo\/\.env,line=\d+.*title=secrets\.anthropic_api_key%3A/m);
    expect(r.stdout).toMatch(/^::error::Gatewarden: \d+ finding\(s\) at or above high\./m);
    expect(r.summary).toMatch(/## Gatewarden/);
    expect(r.summary).toMatch(/\| critical \| [1-9]/);
    expect(r.outputs['sarif-file']).toBe('out/gatewarden.sarif');
    expect(Number(r.outputs['findings-count'])).toBeGreaterThan(0);
    const sarif = JSON.parse(readFileSync(path.join(r.dir, 'out', 'gatewarden.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0]?.results.length).toBe(Number(r.outputs['findings-count']));
  });

  it('passes with fail-on never and without annotations when asked', () => {
    const r = runAction({ path: path.join(FIXTURES, 'demo-repo'), 'fail-on': 'never', annotations: 'false' });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^::error file=/m);
  });

  it('jobs: starts worker threads from dist/worker.js as asked, with the same report', () => {
    // A preload that counts the workers the bundle starts (syncBuiltinESMExports makes the ESM import see it).
    const counter = path.join(mkdtempSync(path.join(tmpdir(), 'gatewarden-workers-')), 'count.cjs');
    const log = `${counter}.log`;
    writeFileSync(
      counter,
      `const wt = require('node:worker_threads'); const fs = require('node:fs'); const W = wt.Worker;\n` +
        `wt.Worker = class extends W { constructor(file, opts) { fs.appendFileSync(${JSON.stringify(log)}, String(file) + '\\n'); super(file, opts); } };\n` +
        `require('node:module').syncBuiltinESMExports();\n`,
    );
    const tree = path.join(FIXTURES, 'rules');
    const sarif = (r: ReturnType<typeof runAction>) => JSON.parse(readFileSync(path.join(r.dir, 'gatewarden.sarif'), 'utf8')).runs[0].results as unknown[];
    const one = runAction({ path: tree, 'fail-on': 'never', annotations: 'false', jobs: '1' }, ['--require', counter]);
    expect(existsSync(log)).toBe(false);
    const three = runAction({ path: tree, 'fail-on': 'never', annotations: 'false', jobs: '3' }, ['--require', counter]);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([pathToFileURL(path.join(ROOT, 'dist', 'worker.js')).href, pathToFileURL(path.join(ROOT, 'dist', 'worker.js')).href]);
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(sarif(one).length).toBeGreaterThan(500);
    expect(sarif(three)).toEqual(sarif(one));
    expect(runAction({ path: tree, jobs: 'many' }).stdout).toMatch(/^::error::input jobs must be auto or a whole number from 1 to 64/m);
  });

  it('fails with one clear message on a bad input', () => {
    const r = runAction({ path: '.', 'fail-on': 'loud' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::input fail-on must be one of/m);
  });
});
