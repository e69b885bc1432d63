/**
 * Closing figures of issue 26: per OpenClaw version, how many OpenClaw configs of the deployment corpus
 * (../shared/corpus/deployments, read in place) config.schema_invalid says that version refuses, and the paths.
 * Each repository is scanned as itself (the real pipeline: classification, templates, heredocs, `$include`s), and
 * every OpenClaw config target is validated against every version (`startup()`, what the rule reports from).
 *
 *   GATEWARDEN_DEPLOYMENTS_CORPUS=… npx tsx scripts/openclaw-schema/refusals.ts [--list]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { schemaVersions } from '../../rules/_shared/openclaw/schema.js';
import { renderedBeforeRead, startup } from '../../rules/_shared/openclaw/validity.js';
import { scan } from '../../src/engine/scan.js';
import { defineRule } from '../../src/model/rule.js';
import type { OpenClawTarget } from '../../src/model/target.js';

const corpus = path.resolve(process.env.GATEWARDEN_DEPLOYMENTS_CORPUS ?? path.join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'deployments'));

function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      if (name !== '.git') walk(p, base, out);
    } else if (st.isFile()) out.push(path.relative(base, p).split(path.sep).join('/'));
  }
  return out;
}

const configs: { name: string; target: OpenClawTarget }[] = [];
for (const repo of readdirSync(corpus).filter((n) => statSync(path.join(corpus, n)).isDirectory()).sort()) {
  const dir = path.join(corpus, repo);
  const blobs = new Map<string, Buffer>();
  for (const rel of walk(dir)) blobs.set(rel, readFileSync(path.join(dir, rel)));
  const collector = defineRule({
    id: 'eval.openclaw_configs',
    title: 'collect OpenClaw configs',
    severity: 'info',
    description: '-',
    remediation: '-',
    appliesTo: ['openclaw'],
    check(t) {
      configs.push({ name: `${repo}/${t.file}${t.embedded ? `:${t.embedded.line}` : ''}`, target: t });
    },
  });
  await scan({ paths: [], rules: [collector], blobs: { base: dir, files: blobs } });
}

const fold = (p: readonly (string | number)[]) => p.map((s) => (typeof s === 'number' ? '[]' : s)).join('.').replace(/\.\[\]/g, '[]') || '<root>';
console.log(`${configs.length} OpenClaw configs in ${corpus}`);
if (process.argv.includes('--list')) for (const c of configs) console.log(`  ${c.name}${c.target.release ? ` (release ${c.target.release.version} from ${c.target.release.source})` : ''}`);
console.log('\n| version | configs refused | most frequent rejected paths (configs) |\n| --- | ---: | --- |');
for (const v of schemaVersions()) {
  let refused = 0;
  const paths = new Map<string, number>();
  for (const c of configs) {
    const s = startup(c.target.value, v, { renderedRefs: renderedBeforeRead(c.target) });
    if (s.valid) continue;
    refused++;
    for (const p of new Set(s.issues.map((i) => fold(i.path)))) paths.set(p, (paths.get(p) ?? 0) + 1);
  }
  const top = [...paths].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 6);
  console.log(`| ${v} | ${refused} of ${configs.length} | ${top.map(([p, n]) => `\`${p}\` (${n})`).join(', ')} |`);
}
if (process.argv.includes('--list')) {
  const latest = schemaVersions().at(-1)!;
  console.log(`\nPer config, ${latest}:`);
  for (const c of configs) {
    const s = startup(c.target.value, latest, { renderedRefs: renderedBeforeRead(c.target) });
    console.log(`  ${s.valid ? 'accepted' : 'REFUSED '} ${c.name} ${s.issues.map((i) => fold(i.path)).join(', ')}`);
  }
}
