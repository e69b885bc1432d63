/**
 * The yardstick of issues 25 and 20: scans the real-world deployment corpus (../shared/corpus/deployments, public
 * OpenClaw deployment files of others with their provenance in its MANIFEST.md) and compares what Gatewarden
 * reports with two files kept in this folder:
 *   - deployments-triage.tsv: every finding at warning level (medium) and above, judged by hand (true, false,
 *     intended) with a reason;
 *   - deployments-expected.tsv: the problems a careful reviewer flags that nothing reports yet.
 * Used by `npm run eval:deployments` (prints the tables) and test/deployments-corpus.test.ts (asserts that every
 * finding is triaged). The corpus is read in place and never copied into this repository.
 *
 * Each corpus folder `<owner>__<repo>` is one repository and gets its own scan, as that repository would be
 * scanned: every file tracked (a `.gitignore` never hides a file the repository committed), cross-file relations
 * kept (a compose file with its `.env`, a config with its `$include`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import type { Finding, Note } from '../../src/model/finding.js';
import { defineRule } from '../../src/model/rule.js';
import { atOrAbove, type Severity } from '../../src/model/severity.js';
import type { FileKind } from '../../src/model/target.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const TRIAGE_FILE = path.join(import.meta.dirname, 'deployments-triage.tsv');
export const EXPECTED_FILE = path.join(import.meta.dirname, 'deployments-expected.tsv');
/** Findings at or above this severity are triaged (SARIF level `warning` and `error`). */
export const TRIAGE_THRESHOLD: Severity = 'medium';
export const VERDICTS = ['true', 'false', 'intended'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** `GATEWARDEN_DEPLOYMENTS_CORPUS` overrides `../shared/corpus/deployments` (a worktree that is not beside `shared/`). */
export function corpusDir(): string {
  return path.resolve(process.env.GATEWARDEN_DEPLOYMENTS_CORPUS ?? path.resolve(ROOT, '..', 'shared', 'corpus', 'deployments'));
}

export interface CorpusFile {
  /** Corpus-relative: `<owner>__<repo>/<path in the repository>`. */
  file: string;
  repo: string;
  /** The MANIFEST.md "Kind" column's first word (`compose`, `helm`, `systemd`, …); `unlisted` when absent. */
  kind: string;
  /** The whole "Kind" column (`systemd (user unit)`). */
  kindDetail: string;
  /** The engine's classification (engine/classify.ts, by path then by content). */
  engineKind: FileKind | 'unread';
  /** Read as the right structured kind and parsed without error: the file got more than the token scan. */
  structured: boolean;
  /** Read as a structured kind that it is not (a Render blueprint read as a compose file). */
  misread: boolean;
  /** A deployment file (not the repository's `.gitignore`): the denominator of the structured share. */
  deployment: boolean;
}

export interface CorpusFinding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  message: string;
}

export interface TriageRow {
  ruleId: string;
  file: string;
  line: number;
  /** When several findings of one rule share a line: a part of the message that tells this one apart (or empty). */
  match: string;
  verdict: Verdict;
  reason: string;
  /** Line in the TSV file, for messages. */
  at: number;
}

export interface ExpectedRow {
  ruleId: string;
  file: string;
  line: number;
  issue: string;
  category: string;
  description: string;
  at: number;
}

export interface KindFigures {
  kind: string;
  files: number;
  structured: number;
  /** Findings at warning and above. */
  findings: number;
  /** Below warning (low, info): counted, not triaged. */
  lowFindings: number;
  true: number;
  false: number;
  intended: number;
  untriaged: number;
  missed: number;
}

export interface DeploymentsEvaluation {
  corpus: string;
  files: CorpusFile[];
  findings: CorpusFinding[];
  notes: (Note & { repo: string })[];
  internalErrors: number;
  durationMs: number;
  triage: TriageRow[];
  expected: ExpectedRow[];
  /** Problems in the triage and expected files that are not well-formed (bad verdict, no reason, unknown file). */
  formatErrors: string[];
  /** Findings at warning and above with no triage row. */
  untriaged: CorpusFinding[];
  /** Triage rows no current finding matches (fixed, moved or re-graded: update the file). */
  stale: TriageRow[];
  /** Each triaged finding with its verdict. */
  judged: { finding: CorpusFinding; row: TriageRow }[];
  /** Expected problems that a finding now reports at the same file, line and rule: move them to the triage. */
  nowReported: { row: ExpectedRow; finding: CorpusFinding }[];
  /** Expected problems that nothing reports. */
  missed: ExpectedRow[];
  byKind: KindFigures[];
  total: KindFigures;
  /** true / (true + false) over triaged findings. */
  precision: number;
  /** Problems reported: distinct file:line that carry a true finding (two rules on one line are one problem). */
  reportedProblems: number;
  /** Problems missed: distinct file:line of expected rows nothing reports. */
  missedProblems: number;
  /** reportedProblems / (reportedProblems + missedProblems). */
  recall: number;
  /** Deployment files that got more than the token scan / deployment files. */
  structuredShare: number;
}

const key = (ruleId: string, file: string, line: number) => `${ruleId}\t${file}\t${line}`;

/** The engine's kinds at the time of writing (model/target.ts `FileKind`). */
const TODAY_KINDS: ReadonlySet<string> = new Set(['compose', 'openclaw', 'dotenv', 'dockerfile', 'systemd', 'sshd', 'nginx', 'docker_daemon', 'shell', 'makefile', 'workflow', 'terraform', 'cloud_init', 'kubernetes', 'paas']);

/**
 * Which of those kinds reads each MANIFEST kind right. A file read as another of them is misread (render.yaml as a
 * compose file, a `#cloud-config` as a script), which is not "more than the token scan". A kind added later (a
 * Terraform or Helm reader) is not in TODAY_KINDS and is taken as the right reading.
 */
function rightKinds(kind: string, detail: string): readonly string[] {
  switch (kind) {
    case 'compose':
      return ['compose'];
    case 'openclaw-config':
      return ['openclaw'];
    case 'env-template':
      return ['dotenv'];
    case 'systemd':
      return ['systemd'];
    case 'script':
      return ['shell'];
    case 'dockerfile':
      return ['dockerfile'];
    case 'reverse-proxy':
      return detail.includes('nginx') ? ['nginx'] : [];
    case 'workflow':
      return ['workflow'];
    case 'makefile':
      return ['makefile'];
    case 'cloud-init':
      return detail.includes('#cloud-config') ? ['cloud_init'] : ['shell'];
    case 'terraform':
      return ['terraform'];
    case 'kubernetes':
    case 'helm':
      return ['kubernetes'];
    case 'paas':
      // A Cloud Run service is a Knative manifest: read as Kubernetes YAML, it is read right.
      return detail.includes('Knative') ? ['paas', 'kubernetes'] : ['paas'];
    default:
      return [];
  }
}

/** The MANIFEST.md table: local path → "Kind" column. */
export function readManifest(corpus: string): Map<string, string> {
  const kinds = new Map<string, string>();
  const manifest = path.join(corpus, 'MANIFEST.md');
  if (!existsSync(manifest)) return kinds;
  for (const line of readFileSync(manifest, 'utf8').split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line.split('|').map((c) => c.trim());
    const local = /^`(.+)`$/.exec(cells[1] ?? '')?.[1];
    const kind = cells[cells.length - 2];
    if (local && kind) kinds.set(local, kind);
  }
  return kinds;
}

function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const abs = path.join(dir, name);
    const r = rel ? `${rel}/${name}` : name;
    const st = statSync(abs);
    if (st.isDirectory()) out.push(...walk(abs, r));
    else if (st.isFile()) out.push(r);
  }
  return out;
}

/** Parses a TSV file: `#` lines are comments, the first other line is the header (checked). */
function readTsv(file: string, header: readonly string[], errors: string[]): { cells: string[]; at: number }[] {
  if (!existsSync(file)) return [];
  const rows: { cells: string[]; at: number }[] = [];
  let seenHeader = false;
  for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
    if (!line.trim() || line.startsWith('#')) continue;
    const cells = line.split('\t');
    if (!seenHeader) {
      seenHeader = true;
      if (cells.join('\t') !== header.join('\t')) errors.push(`${path.basename(file)}:${i + 1}: header must be ${header.join(' | ')}`);
      continue;
    }
    if (cells.length !== header.length) errors.push(`${path.basename(file)}:${i + 1}: ${cells.length} columns, expected ${header.length}`);
    rows.push({ cells, at: i + 1 });
  }
  return rows;
}

export const TRIAGE_HEADER = ['rule', 'file', 'line', 'match', 'verdict', 'reason'] as const;
export const EXPECTED_HEADER = ['rule', 'file', 'line', 'issue', 'category', 'description'] as const;

export function readTriage(file: string, errors: string[]): TriageRow[] {
  return readTsv(file, TRIAGE_HEADER, errors).map(({ cells, at }) => {
    const [ruleId = '', f = '', line = '', match = '', verdict = '', reason = ''] = cells;
    if (!(VERDICTS as readonly string[]).includes(verdict)) errors.push(`deployments-triage.tsv:${at}: verdict "${verdict}" is not one of ${VERDICTS.join(', ')}`);
    if (!reason.trim()) errors.push(`deployments-triage.tsv:${at}: ${ruleId} ${f}:${line} has no reason`);
    if (!/^\d+$/.test(line)) errors.push(`deployments-triage.tsv:${at}: line "${line}" is not a number`);
    return { ruleId, file: f, line: Number(line), match, verdict: verdict as Verdict, reason, at };
  });
}

export function readExpected(file: string, errors: string[]): ExpectedRow[] {
  return readTsv(file, EXPECTED_HEADER, errors).map(({ cells, at }) => {
    const [ruleId = '', f = '', line = '', issue = '', category = '', description = ''] = cells;
    if (!['20', '25'].includes(issue)) errors.push(`deployments-expected.tsv:${at}: issue "${issue}" is not 20 or 25`);
    if (!category.trim() || !description.trim()) errors.push(`deployments-expected.tsv:${at}: ${ruleId} ${f}:${line} needs a category and a description`);
    if (!/^\d+$/.test(line)) errors.push(`deployments-expected.tsv:${at}: line "${line}" is not a number`);
    return { ruleId, file: f, line: Number(line), issue, category, description, at };
  });
}

/** Scans one repository folder as that repository: every file tracked, no config file looked for. */
async function scanRepo(corpus: string, repo: string) {
  const dir = path.join(corpus, repo);
  const blobs = new Map<string, Buffer>();
  for (const rel of walk(dir)) blobs.set(rel, readFileSync(path.join(dir, rel)));
  const kinds = new Map<string, FileKind>();
  const failed = new Set<string>();
  // Not a rule: records the engine's kind of every file and the files whose parse failed.
  const collector = defineRule({
    id: 'eval.file_kinds',
    title: 'collect file kinds',
    severity: 'info',
    description: '-',
    remediation: '-',
    appliesTo: ['repo', 'parse_error'],
    check(target) {
      if (target.kind === 'repo') for (const f of target.files) kinds.set(f.path, f.kind);
      else failed.add(`${target.file}\n${target.fileKind}`);
    },
  });
  const result = await scan({ paths: [], rules: [...RULES, collector], blobs: { base: dir, files: blobs } });
  return { files: [...blobs.keys()], kinds, failed, result };
}

export async function evaluateDeployments(corpus = corpusDir()): Promise<DeploymentsEvaluation | undefined> {
  if (!existsSync(corpus)) return undefined;
  const started = performance.now();
  const manifest = readManifest(corpus);
  const repos = readdirSync(corpus)
    .filter((name) => statSync(path.join(corpus, name)).isDirectory())
    .sort();
  const files: CorpusFile[] = [];
  const findings: CorpusFinding[] = [];
  const notes: DeploymentsEvaluation['notes'] = [];
  let internalErrors = 0;
  for (const repo of repos) {
    const r = await scanRepo(corpus, repo);
    internalErrors += r.result.internalErrors;
    for (const rel of r.files) {
      const file = `${repo}/${rel}`;
      const detail = manifest.get(file) ?? 'unlisted';
      const engineKind = r.kinds.get(rel) ?? 'unread';
      const kind = detail.split(' ')[0] ?? detail;
      const misread = TODAY_KINDS.has(engineKind) && !rightKinds(kind, detail).includes(engineKind);
      const structured = engineKind !== 'text' && engineKind !== 'unread' && !misread && !r.failed.has(`${rel}\n${engineKind}`);
      files.push({ file, repo, kind, kindDetail: detail, engineKind, structured, misread, deployment: kind !== 'gitignore' && !/^readme/i.test(path.basename(rel)) });
    }
    for (const f of r.result.findings) {
      if (f.suppressed) continue;
      findings.push(toCorpusFinding(repo, f));
    }
    for (const n of r.result.notes) notes.push({ ...n, repo, ...(n.file ? { file: `${repo}/${n.file}` } : {}) });
  }

  const formatErrors: string[] = [];
  const triage = readTriage(TRIAGE_FILE, formatErrors);
  const expected = readExpected(EXPECTED_FILE, formatErrors);
  const known = new Set(files.map((f) => f.file));
  for (const row of [...triage, ...expected]) {
    if (!known.has(row.file)) formatErrors.push(`${'verdict' in row ? 'deployments-triage.tsv' : 'deployments-expected.tsv'}:${row.at}: no corpus file ${row.file}`);
  }
  const seen = new Map<string, number>();
  for (const row of triage) {
    const k = `${key(row.ruleId, row.file, row.line)}\t${row.match}`;
    if (seen.has(k)) formatErrors.push(`deployments-triage.tsv:${row.at}: same finding as line ${seen.get(k)}`);
    seen.set(k, row.at);
  }

  // Matching: a triage row judges the findings of its rule at its file and line; when several findings of one rule
  // share a line, a row with a `match` judges those whose message contains it, and a row without one the rest.
  const warned = findings.filter((f) => atOrAbove(f.severity, TRIAGE_THRESHOLD));
  const rowsByKey = new Map<string, TriageRow[]>();
  for (const r of triage) {
    const k = key(r.ruleId, r.file, r.line);
    rowsByKey.set(k, [...(rowsByKey.get(k) ?? []), r]);
  }
  const judged: DeploymentsEvaluation['judged'] = [];
  const untriaged: CorpusFinding[] = [];
  const matchedRows = new Set<TriageRow>();
  for (const f of warned) {
    const rows = rowsByKey.get(key(f.ruleId, f.file, f.line)) ?? [];
    const row = rows.find((r) => r.match && f.message.includes(r.match)) ?? rows.find((r) => !r.match);
    if (row) {
      judged.push({ finding: f, row });
      matchedRows.add(row);
    } else untriaged.push(f);
  }
  const stale = triage.filter((r) => !matchedRows.has(r));
  // A problem is a place (file and line): a line that one true finding reports is reported, whatever else reports
  // it. An expected row is missed unless a true finding lands on its line or a finding of its own rule does (that
  // one is untriaged or judged elsewhere: the eval asks to move the row to the triage).
  const at = (file: string, line: number) => `${file}\t${line}`;
  const reportedAt = new Set(judged.filter((j) => j.row.verdict === 'true').map((j) => at(j.finding.file, j.finding.line)));
  const findingByKey = new Map(warned.map((f) => [key(f.ruleId, f.file, f.line), f]));
  const nowReported: DeploymentsEvaluation['nowReported'] = [];
  const missed: ExpectedRow[] = [];
  for (const row of expected) {
    const f = findingByKey.get(key(row.ruleId, row.file, row.line));
    if (f) nowReported.push({ row, finding: f });
    else if (!reportedAt.has(at(row.file, row.line))) missed.push(row);
  }
  const missedAt = new Set(missed.map((r) => at(r.file, r.line)));

  const figures = (kind: string, inKind: (file: string) => boolean): KindFigures => {
    const fs = files.filter((f) => inKind(f.file));
    const j = judged.filter((x) => inKind(x.finding.file));
    return {
      kind,
      files: fs.length,
      structured: fs.filter((f) => f.structured).length,
      findings: warned.filter((f) => inKind(f.file)).length,
      lowFindings: findings.filter((f) => inKind(f.file) && !atOrAbove(f.severity, TRIAGE_THRESHOLD)).length,
      true: j.filter((x) => x.row.verdict === 'true').length,
      false: j.filter((x) => x.row.verdict === 'false').length,
      intended: j.filter((x) => x.row.verdict === 'intended').length,
      untriaged: untriaged.filter((f) => inKind(f.file)).length,
      missed: missed.filter((r) => inKind(r.file)).length,
    };
  };
  const kindOf = new Map(files.map((f) => [f.file, f.kind]));
  const kinds = [...new Set(files.map((f) => f.kind))].sort();
  const byKind = kinds.map((k) => figures(k, (file) => kindOf.get(file) === k));
  const total = figures('total', () => true);
  const deployment = files.filter((f) => f.deployment);
  return {
    corpus,
    files,
    findings,
    notes,
    internalErrors,
    durationMs: Math.round(performance.now() - started),
    triage,
    expected,
    formatErrors,
    untriaged,
    stale,
    judged,
    nowReported,
    missed,
    byKind,
    total,
    precision: total.true / (total.true + total.false),
    reportedProblems: reportedAt.size,
    missedProblems: missedAt.size,
    recall: reportedAt.size / (reportedAt.size + missedAt.size),
    structuredShare: deployment.filter((f) => f.structured).length / deployment.length,
  };
}

function toCorpusFinding(repo: string, f: Finding): CorpusFinding {
  return { ruleId: f.ruleId, severity: f.severity, file: `${repo}/${f.location.file}`, line: f.location.startLine, message: f.message };
}
