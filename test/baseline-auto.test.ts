/** `.gatewarden-baseline.json` at the scanned directory is applied without `--baseline`, and the output says so. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scanReport } from '../src/app/scan-repository.js';
import { BASELINE_FILE, buildBaseline } from '../src/engine/postprocess/baseline.js';
import { scan } from '../src/engine/scan.js';
import { REPORTERS } from '../src/report/index.js';

const COMPOSE = 'services:\n  gw:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    privileged: true\n';

async function repoWithBaseline(): Promise<{ dir: string; known: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-auto-bl-'));
  writeFileSync(path.join(dir, 'docker-compose.yml'), COMPOSE);
  const before = await scan({ paths: [dir], rules: RULES });
  writeFileSync(path.join(dir, BASELINE_FILE), JSON.stringify(buildBaseline(before.findings)));
  return { dir, known: before.findings.length };
}

describe('baseline picked up at the scanned directory', () => {
  it('hides the findings it records, with a note and ScanResult.baseline saying where it came from', async () => {
    const { dir, known } = await repoWithBaseline();
    expect(known).toBeGreaterThan(0);
    const r = await scan({ paths: [dir], rules: RULES });
    expect(r.findings.filter((f) => !f.suppressed)).toEqual([]);
    expect(r.findings.filter((f) => f.suppressed?.kind === 'baseline')).toHaveLength(known);
    expect(r.baseline).toEqual({ file: BASELINE_FILE, automatic: true });
    expect(r.notes).toContainEqual(expect.objectContaining({ level: 'info', code: 'baseline.automatic', file: BASELINE_FILE }));
    const text = REPORTERS.text(scanReport(r), { showSuppressed: false, color: false });
    expect(text).toContain(`Baseline ${BASELINE_FILE} found in the scanned directory and applied (--baseline FILE names another): ${known} known findings hidden`);
  });

  it('is not used by the baseline command (noBaseline), nor when --baseline names another file', async () => {
    const { dir, known } = await repoWithBaseline();
    const all = await scan({ paths: [dir], rules: RULES, noBaseline: true });
    expect(all.findings.filter((f) => !f.suppressed)).toHaveLength(known);
    expect(all.baseline).toBeUndefined();
    const other = path.join(dir, 'empty-baseline.json');
    writeFileSync(other, JSON.stringify(buildBaseline([])));
    const named = await scan({ paths: [dir], rules: RULES, baselineFile: other });
    expect(named.findings.filter((f) => !f.suppressed)).toHaveLength(known);
    expect(named.baseline).toEqual({ file: 'empty-baseline.json', automatic: false });
    expect(named.notes.map((n) => n.code)).not.toContain('baseline.automatic');
  });

  it('is looked for only in the scanned directory, never through a symbolic link', async () => {
    const { dir, known } = await repoWithBaseline();
    // A baseline one level below the scanned directory is not the scanned root's.
    const parent = mkdtempSync(path.join(tmpdir(), 'gatewarden-auto-bl-parent-'));
    mkdirSync(path.join(parent, 'sub'));
    writeFileSync(path.join(parent, 'docker-compose.yml'), COMPOSE);
    writeFileSync(path.join(parent, 'sub', BASELINE_FILE), '{}');
    expect((await scan({ paths: [parent], rules: RULES })).baseline).toBeUndefined();
    const linked = mkdtempSync(path.join(tmpdir(), 'gatewarden-auto-bl-link-'));
    writeFileSync(path.join(linked, 'docker-compose.yml'), COMPOSE);
    symlinkSync(path.join(dir, BASELINE_FILE), path.join(linked, BASELINE_FILE));
    const r = await scan({ paths: [linked], rules: RULES });
    expect(r.baseline).toBeUndefined();
    expect(r.findings.filter((f) => !f.suppressed)).toHaveLength(known);
  });
});
