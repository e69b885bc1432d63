/**
 * `npm run eval:secrets`: precision and recall per rule, for Gatewarden and for secretlint's recommended preset, on the
 * labelled corpus test/corpus/secrets (regenerate it with `npx tsx test/corpus/secrets/generate.ts`).
 * `--verbose` also lists every miss and false positive.
 */
import { evaluate, precision, recall, type Score } from '../test/corpus/secrets/evaluate.js';

const pct = (x: number) => (Number.isNaN(x) ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const e = await evaluate();
const ids = [...new Set([...e.gatewarden, ...e.secretlint].map((s) => s.ruleId))].sort();
const get = (list: Score[], id: string): Score => list.find((s) => s.ruleId === id) ?? { ruleId: id, labels: 0, tp: 0, fp: 0, fn: 0 };
const total = (list: Score[]) => list.reduce((a, s) => ({ ruleId: 'total', labels: a.labels + s.labels, tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { ruleId: 'total', labels: 0, tp: 0, fp: 0, fn: 0 });

const rows = [['rule', 'labels', 'Gatewarden P', 'Gatewarden R', 'TP/FP/FN', 'secretlint P', 'secretlint R', 'TP/FP/FN']];
for (const id of [...ids, 'total']) {
  const c = id === 'total' ? total(e.gatewarden) : get(e.gatewarden, id);
  const s = id === 'total' ? total(e.secretlint) : get(e.secretlint, id);
  if (c.labels + c.tp + c.fp + s.tp + s.fp === 0) continue;
  rows.push([id, String(Math.max(c.labels, s.labels)), pct(precision(c)), pct(recall(c)), `${c.tp}/${c.fp}/${c.fn}`, pct(precision(s)), pct(recall(s)), `${s.tp}/${s.fp}/${s.fn}`]);
}
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
for (const [i, r] of rows.entries()) {
  console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`\nfindings on the negative set (neg/): Gatewarden ${e.negativeFindings.gatewarden.length}, secretlint ${e.negativeFindings.secretlint.length}`);
if (process.argv.includes('--verbose')) {
  for (const engine of ['gatewarden', 'secretlint'] as const) {
    for (const h of e.missed[engine]) console.log(`${engine} missed   ${h.ruleId} ${h.file}:${h.line}`);
    for (const h of e.falsePositives[engine]) console.log(`${engine} false+   ${h.ruleId} ${h.file}:${h.line}`);
  }
}
