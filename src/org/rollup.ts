/**
 * The org roll-up: every job's outcomes merged into one report (JSON artifact) and a Markdown job summary.
 * It reads only counts, rule ids and repository names, so no secret can reach it. A repository reported by
 * several job files (a re-run job) counts once: the latest `generatedAt` wins.
 */
import type { RuleMeta } from '../model/rule.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import type { JobReport, RepoOutcome } from './sweep.js';

export interface RuleRollup {
  ruleId: string;
  title: string;
  severity?: Severity;
  repositories: number;
  findings: number;
}

export interface OrgReport {
  kind: 'gatewarden-org-report';
  version: 1;
  generatedAt: string;
  repositories: { total: number; scanned: number; failed: number };
  findings: { total: number; bySeverity: Record<Severity, number> };
  topRules: RuleRollup[];
  /** Repositories with secrets found in their history (findings carrying a commit), most first. */
  historySecrets: { repo: string; findings: number }[];
  failed: { repo: string; stage?: string; reason: string }[];
  /** Per repository: status and counts (no messages, no values). */
  repos: { repo: string; status: RepoOutcome['status']; total: number; bySeverity?: Record<Severity, number>; uploaded?: number; dropped?: number; warnings: number }[];
}

export function isJobReport(v: unknown): v is JobReport {
  return typeof v === 'object' && v !== null && (v as JobReport).kind === 'gatewarden-org-job' && Array.isArray((v as JobReport).repos);
}

export function rollup(jobs: readonly JobReport[], catalogue: readonly RuleMeta[], now = new Date()): OrgReport {
  const latest = new Map<string, { at: string; outcome: RepoOutcome }>();
  for (const job of jobs) {
    for (const o of job.repos) {
      const prev = latest.get(o.repo);
      if (!prev || prev.at <= job.generatedAt) latest.set(o.repo, { at: job.generatedAt, outcome: o });
    }
  }
  const outcomes = [...latest.values()].map((v) => v.outcome).sort((a, b) => a.repo.localeCompare(b.repo));
  const meta = new Map(catalogue.map((r) => [r.id, r]));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const rules = new Map<string, { repositories: number; findings: number }>();
  let total = 0;
  for (const o of outcomes) {
    if (!o.findings) continue;
    total += o.findings.total;
    for (const s of SEVERITIES) bySeverity[s] += o.findings.bySeverity[s] ?? 0;
    for (const [id, n] of Object.entries(o.findings.byRule)) {
      const r = rules.get(id) ?? { repositories: 0, findings: 0 };
      r.repositories++;
      r.findings += n;
      rules.set(id, r);
    }
  }
  const topRules: RuleRollup[] = [...rules]
    .map(([ruleId, r]) => {
      const m = meta.get(ruleId);
      return { ruleId, title: m?.title ?? ruleId, ...(m ? { severity: m.severity } : {}), ...r };
    })
    .sort((a, b) => b.repositories - a.repositories || b.findings - a.findings || a.ruleId.localeCompare(b.ruleId));
  const failed = outcomes.filter((o) => o.status === 'failed').map((o) => ({ repo: o.repo, ...(o.stage ? { stage: o.stage } : {}), reason: o.reason ?? 'unknown' }));
  return {
    kind: 'gatewarden-org-report',
    version: 1,
    generatedAt: now.toISOString(),
    repositories: { total: outcomes.length, scanned: outcomes.length - failed.length, failed: failed.length },
    findings: { total, bySeverity },
    topRules,
    historySecrets: outcomes
      .filter((o) => (o.findings?.historySecrets ?? 0) > 0)
      .map((o) => ({ repo: o.repo, findings: o.findings?.historySecrets ?? 0 }))
      .sort((a, b) => b.findings - a.findings || a.repo.localeCompare(b.repo)),
    failed,
    repos: outcomes.map((o) => ({
      repo: o.repo,
      status: o.status,
      total: o.findings?.total ?? 0,
      ...(o.findings ? { bySeverity: o.findings.bySeverity } : {}),
      ...(o.upload ? { uploaded: o.upload.results, dropped: o.upload.dropped } : {}),
      warnings: o.warnings.length,
    })),
  };
}

/** Markdown table cell: no pipes or newlines, HTML-escaped (repository names and reasons come from outside). */
function cell(s: string): string {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c).replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** GitHub shows at most 1 MiB of summary per step; long lists are cut well before that. */
export function renderMarkdown(report: OrgReport, opts: { maxRows?: number } = {}): string {
  const maxRows = opts.maxRows ?? 100;
  const r = report.repositories;
  const lines: string[] = [];
  lines.push('## Gatewarden org sweep', '');
  lines.push(`**${plural(r.total, 'repository', 'repositories')}**: ${r.scanned} scanned, ${r.failed} failed. **${plural(report.findings.total, 'finding')}**.`, '');
  lines.push('| Severity | Findings |', '| --- | ---: |');
  for (const s of SEVERITIES) lines.push(`| ${s} | ${report.findings.bySeverity[s]} |`);
  lines.push('');
  const more = (n: number) => (n > maxRows ? [`… and ${n - maxRows} more in the JSON report.`, ''] : []);
  if (report.topRules.length) {
    lines.push('### Top rules across the org', '');
    lines.push('| Rule | Severity | Repositories | Findings |', '| --- | --- | ---: | ---: |');
    for (const t of report.topRules.slice(0, maxRows)) lines.push(`| \`${t.ruleId}\` ${cell(t.title)} | ${t.severity ?? ''} | ${t.repositories} | ${t.findings} |`);
    lines.push('', ...more(report.topRules.length));
  }
  if (report.historySecrets.length) {
    lines.push('### Repositories with secrets in their history', '');
    lines.push('| Repository | Findings |', '| --- | ---: |');
    for (const h of report.historySecrets.slice(0, maxRows)) lines.push(`| ${cell(h.repo)} | ${h.findings} |`);
    lines.push('', ...more(report.historySecrets.length));
  }
  if (report.failed.length) {
    lines.push('### Repositories that could not be swept', '');
    lines.push('| Repository | Stage | Reason |', '| --- | --- | --- |');
    for (const f of report.failed.slice(0, maxRows)) lines.push(`| ${cell(f.repo)} | ${f.stage ?? ''} | ${cell(f.reason)} |`);
    lines.push('', ...more(report.failed.length));
  }
  return `${lines.join('\n')}\n`;
}
