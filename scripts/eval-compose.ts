/**
 * `npm run eval:compose`: scans the real-world compose corpus (../shared/corpus/compose by default, or the
 * folder given as the first argument, or GATEWARDEN_COMPOSE_CORPUS) with the compose and dockerfile rules and
 * prints every finding with a summary per rule. The corpus is data written by others: it is read in place,
 * never copied into this repository, and the script exits 0 with a notice when it is absent.
 * Each finding was judged by hand (docs/compose.md, "Evaluation"); this script is how those figures are
 * reproduced.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { exposedWithoutAuth, gatewayViews, type GatewayView } from '../rules/_shared/compose-gateway.js';
import { RULES } from '../rules/index.js';
import { scan } from '../src/engine/scan.js';
import { defineRule } from '../src/model/rule.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(process.argv[2] ?? process.env.GATEWARDEN_COMPOSE_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus', 'compose'));

if (!existsSync(corpus)) {
  console.log(`eval:compose: no corpus at ${corpus}; skipped.`);
  process.exit(0);
}

const rules = RULES.filter((r) => r.id.startsWith('compose.') || r.id.startsWith('dockerfile.') || r.id === 'scan.parse_error');
// Not a rule: collects the effective gateway view of every OpenClaw gateway service, for the summary below.
const views: { file: string; view: GatewayView }[] = [];
const collector = defineRule({
  id: 'eval.gateway_views',
  title: 'collect gateway views',
  severity: 'info',
  description: '-',
  remediation: '-',
  appliesTo: ['compose_project'],
  check(target, ctx) {
    for (const view of gatewayViews(target, ctx.project.targets('openclaw'))) if (target.owns.includes(view.service.fileOf([]))) views.push({ file: view.service.fileOf([]), view });
  },
});
const result = await scan({ paths: [corpus], rules: [...rules, collector] });
const byRule = new Map<string, Record<string, number>>();
for (const f of result.findings) {
  console.log(`${f.severity.padEnd(8)} ${f.ruleId.padEnd(34)} ${f.location.file}:${f.location.startLine}  ${f.message}`);
  const counts = byRule.get(f.ruleId) ?? {};
  counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  byRule.set(f.ruleId, counts);
}
console.log(`\n${result.stats.files} files, ${result.findings.length} findings, ${result.internalErrors} rule errors, ${result.stats.durationMs} ms`);
for (const [id, counts] of [...byRule].sort()) console.log(`  ${id.padEnd(36)} ${Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', ')}`);
console.log(`\nOpenClaw gateway services: ${views.length}`);
for (const { file, view: v } of views) {
  console.log(
    `  ${file} ${v.service.name}: bind ${v.bind.value} (${v.bind.source}), port ${v.port.value}, published ${v.published.exposure}, token ${v.token.value} (${v.token.source}), auth ${v.hasAuth}${v.allowUnconfigured ? ', --allow-unconfigured' : ''} → exposed without auth: ${exposedWithoutAuth(v)}`,
  );
}
for (const n of result.notes) console.log(`note ${n.level} ${n.code} ${n.file ?? ''} ${n.message}`);
if (result.internalErrors) process.exitCode = 1;
