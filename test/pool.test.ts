/**
 * Worker threads (engine/threads/pool.ts) must never change a result: the same findings, notes and order with any number
 * of workers, and the same when a worker fails to start, dies, or answers with an error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan, type ScanResult } from '../src/engine/scan.js';
import { AUTO_MIN_FILES, AUTO_THREADS, autoPool, poolExecutor, poolFor } from '../src/engine/threads/pool.js';
import { FIXTURES, ROOT } from './helpers.js';

const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The bundle every worker thread runs. */
const WORKER = path.join(ROOT, 'dist', 'worker.js');
// Every rule's good and bad fixtures: all file kinds, files classified by content, parse errors, secrets.
const TREE = path.join(FIXTURES, 'rules');

const comparable = (r: ScanResult) => ({ findings: r.findings, notes: r.notes, stats: { ...r.stats, durationMs: 0 }, internalErrors: r.internalErrors });

function cli(jobs: number): { status: number | null; report: { findings: unknown[]; notes: unknown[]; summary: Record<string, unknown> } } {
  const r = spawnSync(process.execPath, [CLI, 'scan', TREE, '--jobs', String(jobs), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout);
  delete report.summary.durationMs;
  return { status: r.status, report };
}

function workerScript(body: string): URL {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'gatewarden-pool-')), 'worker.mjs');
  writeFileSync(file, body);
  return pathToFileURL(file);
}

describe('worker pool', () => {
  const single = scan({ paths: [TREE], rules: RULES, noConfig: true }).then(comparable);

  it('the CLI bundle gives the same report with 1, 2 and 4 threads', () => {
    const one = cli(1);
    expect(one.report.findings.length).toBeGreaterThan(500);
    for (const jobs of [2, 4]) expect(cli(jobs)).toEqual(one);
  });

  it('workers running the worker bundle give the same result as the main thread alone', async () => {
    const pooled = await scan({ paths: [TREE], rules: RULES, noConfig: true, fileStage: poolExecutor({ script: pathToFileURL(WORKER), workers: 2 }) });
    expect(comparable(pooled)).toEqual(await single);
  });

  it('starts workers only for scans of at least minFiles plain files (the default pool: AUTO_MIN_FILES)', async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), 'gatewarden-pool-')), 'started');
    // A worker that says it started, then exits: its batches go back to the main thread.
    const script = workerScript(`import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'yes');\nprocess.exit(0);\n`);
    const small = await scan({ paths: [TREE], rules: RULES, noConfig: true, fileStage: poolExecutor({ script, workers: 1, minFiles: 1_000_000 }) });
    expect(comparable(small)).toEqual(await single);
    expect(existsSync(marker)).toBe(false);
    const large = await scan({ paths: [TREE], rules: RULES, noConfig: true, fileStage: poolExecutor({ script, workers: 1, minFiles: 1 }) });
    expect(comparable(large)).toEqual(await single);
    expect(existsSync(marker)).toBe(true);
    const auto = autoPool(pathToFileURL(WORKER).href);
    if (availableParallelism() >= AUTO_THREADS) expect(auto).toMatchObject({ workers: AUTO_THREADS - 1, minFiles: AUTO_MIN_FILES });
    else expect(auto).toBeUndefined();
  });

  it('a worker that cannot start leaves the work to the main thread', async () => {
    const pooled = await scan({ paths: [TREE], rules: RULES, noConfig: true, fileStage: poolExecutor({ script: workerScript("throw new Error('broken worker');\n"), workers: 1 }) });
    expect(comparable(pooled)).toEqual(await single);
  });

  it('a worker that exits, or answers with an error, hands its batches back', async () => {
    const exits = workerScript("import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
    const errs = workerScript("import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => parentPort.postMessage({ batch: m.batch, error: 'boom' }));\n");
    for (const script of [exits, errs]) {
      const pooled = await scan({ paths: [TREE], rules: RULES, noConfig: true, fileStage: poolExecutor({ script, workers: 2 }) });
      expect(comparable(pooled)).toEqual(await single);
    }
  });

  it('only a bundle gets workers, and only when asked', () => {
    expect(poolFor('file:///x/src/cli.ts', 4)).toBeUndefined();
    expect(poolFor('file:///x/dist/cli.js')).toBeUndefined();
    expect(poolFor('file:///x/dist/cli.js', 1)).toBeUndefined();
    expect(poolFor('file:///x/dist/cli.js', 3)).toMatchObject({ workers: 2 });
  });

  it('--jobs is checked', () => {
    for (const bad of ['0', '2.5', '65', 'many']) {
      const r = spawnSync(process.execPath, [CLI, 'scan', TREE, '--jobs', bad], { encoding: 'utf8' });
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toMatch(/--jobs must be auto or a whole number from 1 to 64/);
    }
    expect(spawnSync(process.execPath, [CLI, 'scan', TREE, '--jobs', 'auto', '--fail-on', 'never', '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }).status).toBe(0);
  });
});
