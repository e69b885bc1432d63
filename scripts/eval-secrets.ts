/**
 * `npm run eval:secrets`: precision and recall per rule, for Gatewarden and for secretlint's recommended preset, on the
 * labelled corpus test/corpus/secrets (regenerate it with `npx tsx test/corpus/secrets/generate.ts`).
 * `--verbose` also lists every miss and false positive.
 *
 * Modes on a corpus generated at run time (scripts/secrets-eval; docs/secrets-evaluation.md holds the figures):
 *   --generate       real-format tokens (data/secrets/token-formats.json) and keys made by the real tools, planted
 *                    in the files people commit; recall per type, key format and carrier, every miss listed
 *   --differential   the same corpus through the peer rule sets (../shared/reference/peer-rules): what they catch
 *                    that we miss and the reverse, per type
 *   --property N     N random values per token type and key layout in a neutral carrier: drops, and which filter
 *                    dropped them (`--only id,id` restricts the types)
 *   --filters N      N seeded values per token type through the placeholder filters alone (no engine): the issue's
 *                    "none dropped by a filter" property at 100,000 per type in minutes, not the engine's hour
 */
import { evaluate, precision, recall, type Score } from '../test/corpus/secrets/evaluate.js';
import { propertyCheck, type PropertyRow } from './secrets-eval/property.js';
import { generate, seedRandom, TOKEN_TYPES } from './secrets-eval/formats.js';
import { isPlaceholder, isTypedPlaceholder } from '../src/lib/placeholders.js';
import { printTable, runGenerated } from './secrets-eval/run.js';

const args = process.argv.slice(2);
const modes = ['--generate', '--differential', '--property', '--filters'].filter((m) => args.includes(m));
if (args.includes('--filters')) {
  const n = Number(args[args.indexOf('--filters') + 1]);
  if (!Number.isInteger(n) || n <= 0) {
    console.error('usage: eval:secrets --filters N');
    process.exit(2);
  }
  const started = Date.now();
  let typed = 0;
  let whole = 0;
  for (const t of TOKEN_TYPES) {
    seedRandom(`filters:${t.id}`);
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const v = generate(t);
      if (isTypedPlaceholder(v)) a++;
      if (isPlaceholder(v)) b++;
    }
    seedRandom(undefined);
    typed += a;
    whole += b;
    if (a || b) console.log(`${t.id}: isTypedPlaceholder ${a}, isPlaceholder ${b}`);
  }
  console.log(`Filters: ${n} seeded values x ${TOKEN_TYPES.length} types; isTypedPlaceholder matched ${typed}, isPlaceholder matched ${whole} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
if (args.includes('--generate') || args.includes('--differential')) await runGenerated({ generate: args.includes('--generate'), differential: args.includes('--differential') });
if (args.includes('--property')) {
  const n = Number(args[args.indexOf('--property') + 1]);
  if (!Number.isInteger(n) || n <= 0) {
    console.error('usage: eval:secrets --property N [--only id,id]');
    process.exit(2);
  }
  const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '').split(',') : undefined;
  const started = Date.now();
  const cells = (r: PropertyRow) => [r.id, String(r.n), String(r.dropped), `${((100 * r.dropped) / r.n).toFixed(3)}%`, `${(r.ms / 1000).toFixed(0)} s`, [...r.reasons].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}: ${v}`).join('; ')];
  // Each row as soon as its type is done (a 100,000-per-type run takes an hour or more on a shared machine: what is
  // done is kept if it is stopped), then the table.
  const rows = await propertyCheck(n, {
    ...(only ? { types: only } : {}),
    onProgress: (s) => process.stderr.write(`\r${s.padEnd(60)}`),
    onRow: (r) => process.stderr.write(`\rdone: ${cells(r).join(' | ')}\n`),
  });
  process.stderr.write('\n');
  console.log(`\nProperty check: ${n} random values per type in a neutral carrier (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  printTable([['type / key layout', 'values', 'dropped', 'rate', 'time', 'filters matching the dropped values (filter: values)'], ...rows.map(cells)]);
}
if (modes.length) process.exit(0);

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
