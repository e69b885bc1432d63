/** SARIF: GitHub's ingestion rules (sarif-multitool, `--rule-kind Gh`), structure, and the empty-run case. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import { REPORTERS } from '../src/report/index.js';
import { FIXTURES, ROOT } from './helpers.js';

const MULTITOOL = path.join(ROOT, 'node_modules', '.bin', 'sarif-multitool');

async function sarifOf(dir: string): Promise<Log> {
  const r = await scan({ paths: [dir], rules: RULES });
  return JSON.parse(REPORTERS.sarif({ findings: r.findings, notes: r.notes, catalogue: RULES, stats: r.stats }, { showSuppressed: false, category: 'gatewarden/', color: false })) as Log;
}

/** Runs the multitool and returns its GitHub-rule errors (its exit code says nothing, so read its output file). */
function ghErrors(log: Log): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-sarif-'));
  writeFileSync(path.join(dir, 'in.sarif'), JSON.stringify(log));
  execFileSync(MULTITOOL, ['validate', '--rule-kind', 'Gh', '--output', path.join(dir, 'out.sarif'), path.join(dir, 'in.sarif')], { stdio: 'ignore', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  const out = JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8')) as Log;
  return (out.runs[0]?.results ?? []).filter((r) => r.level === 'error').map((r) => `${r.ruleId}: ${r.message.text ?? JSON.stringify(r.message.arguments)}`);
}

describe('SARIF', () => {
  it('passes GitHub ingestion rules for the demo scan and the whole fixture tree', async () => {
    expect(existsSync(MULTITOOL), 'sarif-multitool missing: npm ci').toBe(true);
    for (const dir of [path.join(FIXTURES, 'demo-repo'), FIXTURES]) {
      const log = await sarifOf(dir);
      expect(log.runs[0]?.results?.length).toBeGreaterThan(0);
      expect(ghErrors(log)).toEqual([]);
    }
  }, 120_000); // the whole fixture tree, scanned and validated by the multitool: ~10 s idle, past 30 s on a loaded runner

  it('has a validator that does catch what GitHub rejects (control)', async () => {
    const log = await sarifOf(path.join(FIXTURES, 'demo-repo'));
    for (const rule of log.runs[0]?.tool.driver.rules ?? []) delete rule.fullDescription;
    expect(ghErrors(log).some((e) => e.startsWith('GH2012'))).toBe(true);
  });

  it('describes every rule, uses relative URIs, regions, fingerprints and a category', async () => {
    const log = await sarifOf(path.join(FIXTURES, 'demo-repo'));
    const run = log.runs[0];
    expect(run?.automationDetails?.id).toBe('gatewarden/');
    expect(run?.tool.driver.rules?.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of run?.tool.driver.rules ?? []) {
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.help?.markdown).toContain('How to fix');
      expect(rule.properties?.tags).toContain('security');
      // An info rule has no score: its results are notes, not Low security alerts.
      if (RULES.find((r) => r.id === rule.id)?.severity === 'info') expect(rule.properties).not.toHaveProperty('security-severity');
      else expect(Number(rule.properties?.['security-severity'])).toBeGreaterThan(0);
    }
    for (const result of run?.results ?? []) {
      const loc = result.locations?.[0]?.physicalLocation;
      expect(loc?.artifactLocation?.uri).toMatch(/^(?![a-z]+:|\/)\S+$/); // relative: no scheme, no leading slash
      expect(existsSync(path.join(ROOT, decodeURI(loc?.artifactLocation?.uri ?? '')))).toBe(true);
      expect(loc?.region?.startLine).toBeGreaterThanOrEqual(1);
      expect(result.partialFingerprints?.['gatewarden/v1']).toMatch(/^[0-9a-f]{32}$/);
      expect(run?.tool.driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
  });

  it('still writes one run with the full rule list and empty results for a clean scan (that closes alerts)', async () => {
    const clean = mkdtempSync(path.join(tmpdir(), 'gatewarden-clean-'));
    writeFileSync(path.join(clean, 'README.md'), '# nothing to see\n');
    const log = await sarifOf(clean);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules?.length).toBe(RULES.length);
    expect(ghErrors(log)).toEqual([]);
  });
});
