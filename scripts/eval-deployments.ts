/**
 * `npm run eval:deployments`: scans the real-world OpenClaw deployment corpus (../shared/corpus/deployments, or
 * GATEWARDEN_DEPLOYMENTS_CORPUS), one scan per repository folder, and prints findings per file and per kind, the
 * share of deployment files that get more than the token scan, and the comparison with the hand triage
 * (test/accuracy/deployments-triage.tsv) and the expected problems (test/accuracy/deployments-expected.tsv).
 * The corpus is read in place, never copied; without it the script says so and exits 0.
 * Method and figures: docs/evaluation-deployments.md. Options: `--quiet` leaves out the per-file listing,
 * `--missed` lists every expected problem nothing reports.
 */
import { evaluateDeployments, corpusDir, TRIAGE_THRESHOLD, type KindFigures } from '../test/accuracy/deployments.js';

const args = new Set(process.argv.slice(2));
const e = await evaluateDeployments();
if (!e) {
  console.log(`eval:deployments: no corpus at ${corpusDir()} (set GATEWARDEN_DEPLOYMENTS_CORPUS to point at one); skipped.`);
  process.exit(0);
}
const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)}%`);

function table(rows: string[][]): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

if (!args.has('--quiet')) {
  console.log(`Findings per file (${TRIAGE_THRESHOLD} and above are triaged; verdict after the rule):`);
  const verdict = new Map(e.judged.map((j) => [j.finding, j.row.verdict]));
  const untriaged = new Set(e.untriaged);
  for (const f of e.files) {
    const own = e.findings.filter((x) => x.file === f.file);
    const reading = f.misread ? ', misread: token scan only' : f.structured ? '' : ', token scan only';
    console.log(`${f.file}  [${f.kindDetail}; engine: ${f.engineKind}${reading}]  ${own.length} finding(s)`);
    for (const x of own) {
      const v = verdict.get(x) ?? (untriaged.has(x) ? 'UNTRIAGED' : 'below threshold');
      console.log(`    ${String(x.line).padStart(4)} ${x.severity.padEnd(8)} ${x.ruleId}  (${v})  ${x.message}`);
    }
  }
  console.log('');
}

const row = (k: KindFigures) => [
  k.kind,
  String(k.files),
  `${k.structured} (${pct(k.structured / k.files)})`,
  String(k.findings),
  String(k.lowFindings),
  String(k.true),
  String(k.false),
  String(k.intended),
  String(k.untriaged),
  String(k.missed),
];
console.log(`Per kind (MANIFEST.md "Kind"); findings = ${TRIAGE_THRESHOLD} and above, low = below:`);
table([['kind', 'files', 'more than tokens', 'findings', 'low', 'true', 'false', 'intended', 'untriaged', 'missed'], ...e.byKind.map(row), row(e.total)]);

const deployment = e.files.filter((f) => f.deployment);
const misread = deployment.filter((f) => f.misread);
console.log(`\nDeployment files (not .gitignore): ${deployment.length}; more than the token scan: ${deployment.filter((f) => f.structured).length} (${pct(e.structuredShare)}); misread as another kind: ${misread.length}${misread.length ? ` (${misread.map((f) => `${f.file} as ${f.engineKind}`).join(', ')})` : ''}`);
console.log(`Precision (true / (true + false), triaged findings): ${pct(e.precision)}  [${e.total.true} true, ${e.total.false} false, ${e.total.intended} intended]`);
console.log(`Recall (problems reported / (reported + missed), a problem = a file and line): ${pct(e.recall)}  [${e.reportedProblems} reported by ${e.total.true} true findings, ${e.missedProblems} missed]`);
console.log(`${e.files.length} files in ${new Set(e.files.map((f) => f.repo)).size} repositories, ${e.findings.length} findings, ${e.internalErrors} rule errors, ${e.durationMs} ms`);

const categories = new Map<string, number>();
for (const m of e.missed) categories.set(m.category, (categories.get(m.category) ?? 0) + 1);
console.log('\nMissed problems per category:');
for (const [c, n] of [...categories].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(n).padStart(3)}  ${c}`);
if (args.has('--missed')) for (const m of e.missed) console.log(`  missed  ${m.ruleId}  ${m.file}:${m.line}  [${m.issue}, ${m.category}]  ${m.description}`);

const problems = e.formatErrors.length + e.untriaged.length + e.stale.length + e.nowReported.length;
if (problems) console.log('');
for (const m of e.formatErrors) console.log(`triage file: ${m}`);
for (const f of e.untriaged) console.log(`UNTRIAGED   ${f.ruleId}\t${f.file}\t${f.line}\t(${f.severity}) ${f.message}`);
for (const r of e.stale) console.log(`NO LONGER REPORTED (triage line ${r.at}, was ${r.verdict})   ${r.ruleId} ${r.file}:${r.line}`);
for (const { row: r } of e.nowReported) console.log(`NOW REPORTED (expected line ${r.at}: move it to the triage)   ${r.ruleId} ${r.file}:${r.line}`);
const falseWithoutReason = e.judged.filter((j) => j.row.verdict === 'false' && !j.row.reason.trim());
for (const j of falseWithoutReason) console.log(`FALSE POSITIVE WITHOUT A REASON   ${j.row.ruleId} ${j.row.file}:${j.row.line}`);
for (const n of e.notes.filter((x) => x.level !== 'info')) console.log(`note ${n.level} ${n.code} ${n.file ?? n.repo} ${n.message}`);
if (e.internalErrors || e.formatErrors.length) process.exitCode = 1;
