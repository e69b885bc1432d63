import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { renderMarkdown, rollup } from '../src/org/rollup.js';
import type { JobReport, RepoOutcome } from '../src/org/sweep.js';

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
const job = (name: string, at: string, repos: RepoOutcome[]): JobReport => ({ kind: 'gatewarden-org-job', version: 1, job: name, generatedAt: at, repos });
const scanned = (repo: string, byRule: Record<string, number>): RepoOutcome => {
  const total = Object.values(byRule).reduce((a, b) => a + b, 0);
  return { repo, status: 'scanned', warnings: [], durationMs: 1, findings: { total, bySeverity: { ...zero, high: total }, byRule, historySecrets: 0 } };
};
const failed = (repo: string, reason: string): RepoOutcome => ({ repo, status: 'failed', stage: 'clone', reason, warnings: [], durationMs: 1 });

describe('rollup', () => {
  it('counts a repository reported by two jobs once, from the latest report', () => {
    const report = rollup(
      [job('b0-j0', '2026-11-21T08:00:00.000Z', [failed('acme/a', 'network'), scanned('acme/b', { 'x.y': 1 })]), job('b0-j0', '2026-11-21T09:00:00.000Z', [scanned('acme/a', { 'x.y': 2 })])],
      RULES,
    );
    expect(report.repositories).toEqual({ total: 2, scanned: 2, failed: 0 });
    expect(report.topRules).toEqual([{ ruleId: 'x.y', title: 'x.y', repositories: 2, findings: 3 }]);
  });

  it('keeps the Markdown short: at most maxRows rows per table, the rest in the JSON', () => {
    const many = Array.from({ length: 150 }, (_, i) => failed(`acme/r${String(i).padStart(3, '0')}`, 'a | pipe\nand <b>html</b>'));
    const md = renderMarkdown(rollup([job('j', '2026-11-21T08:00:00.000Z', many)], RULES), { maxRows: 100 });
    const rows = md.split('\n').filter((l) => l.startsWith('| acme/'));
    expect(rows).toHaveLength(100);
    expect(md).toContain('… and 50 more in the JSON report.');
    // Cells cannot break the table or inject markup.
    expect(rows[0]).toBe('| acme/r000 | clone | a \\| pipe and &lt;b&gt;html&lt;/b&gt; |');
  });
});
