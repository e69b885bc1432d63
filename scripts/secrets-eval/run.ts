/**
 * The generated-corpus modes of `npm run eval:secrets`: `--generate` (recall of our scanner per token type, key
 * format and carrier, every miss listed) and `--differential` (the same corpus through the peer rule sets: what they
 * catch that we miss, and the reverse, per type). See docs/secrets-evaluation.md for the figures and their causes.
 * No value is ever printed: cases are named by type, carrier and file.
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';
import { realKeys } from '../../test/support/real-keys.js';
import { buildCorpus, match, type Case, type Corpus, type Hit } from './corpus.js';
import { ROOT } from './formats.js';
import { loadPeers, PEER_RULES_DIR } from './peers.js';

export type Table = string[][];

export function printTable(rows: Table, out: (s: string) => void = console.log): void {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  rows.forEach((r, n) => {
    out(r.map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0))).join('  '));
    if (n === 0) out(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}

const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`);

export async function makeCorpus(log: (s: string) => void): Promise<Corpus> {
  const keys = await realKeys();
  for (const s of keys.skipped) log(`skipped key ${s.id}: ${s.reason}`);
  return buildCorpus(keys.keys);
}

export async function ourHits(corpus: Corpus): Promise<Hit[]> {
  const r = await scan({ paths: [corpus.dir], rules: RULES, noConfig: true });
  return r.findings.filter((f) => f.ruleId.startsWith('secrets.')).map((f) => ({ file: f.location.file, startLine: f.location.startLine, endLine: f.location.endLine, rule: f.ruleId }));
}

function group<K>(cases: readonly Case[], key: (c: Case) => K): Map<K, Case[]> {
  const m = new Map<K, Case[]>();
  for (const c of cases) m.set(key(c), [...(m.get(key(c)) ?? []), c]);
  return m;
}

/** Recall per token type, key format, carrier; then every miss. */
export function reportRecall(corpus: Corpus, found: Map<Case, string[]>, out: (s: string) => void = console.log): void {
  const hit = (c: Case) => (found.get(c)?.length ?? 0) > 0;
  const section = (title: string, cases: Case[], key: (c: Case) => string, showRules = true) => {
    out(`\n${title}`);
    const rows: Table = [['', 'found', 'of', 'recall', ...(showRules ? ['found by'] : [])]];
    for (const [k, list] of [...group(cases, key)].sort((a, b) => String(a[0]).localeCompare(String(b[0])))) {
      const f = list.filter(hit).length;
      const rules = [...new Set(list.flatMap((c) => found.get(c) ?? []))].map((r) => r.replace('secrets.', '')).join(',');
      rows.push([k, String(f), String(list.length), pct(f, list.length), ...(showRules ? [rules] : [])]);
    }
    const f = cases.filter(hit).length;
    rows.push(['total', String(f), String(cases.length), pct(f, cases.length), ...(showRules ? [''] : [])]);
    printTable(rows, out);
  };
  const tokens = corpus.cases.filter((c) => c.group === 'token');
  const keys = corpus.cases.filter((c) => c.group === 'key');
  section('Token types (every carrier)', tokens, (c) => c.label);
  section('Token carriers (every type)', tokens, (c) => c.carrier, false);
  section('Key formats (every key carrier)', keys, (c) => c.label);
  section('Key carriers (every key)', keys, (c) => c.carrier, false);
  section('Plain vs encoded (all cases)', corpus.cases, (c) => `${c.group} ${c.encoded ? 'encoded' : 'plain'}`, false);
  out('\nMisses (type or key: carriers)');
  for (const [k, list] of group(corpus.cases.filter((c) => !hit(c)), (c) => `${c.group} ${c.group === 'key' ? `${c.label} [${c.secretId}]` : c.label}`)) out(`  ${k}: ${list.map((c) => c.carrier).join(', ')}`);
}

/** `--generate` and/or `--differential`, on one corpus. */
export async function runGenerated(modes: { generate: boolean; differential: boolean }, log: (s: string) => void = console.log): Promise<void> {
  const corpus = await makeCorpus(log);
  try {
    const ours = match(corpus.cases, await ourHits(corpus));
    log(`Generated corpus: ${corpus.cases.length} secrets (${corpus.cases.filter((c) => c.group === 'token').length} tokens, ${corpus.cases.filter((c) => c.group === 'key').length} keys), one per file.`);
    if (modes.generate) reportRecall(corpus, ours, log);
    if (modes.differential) await differential(corpus, ours, log);
  } finally {
    rmSync(corpus.dir, { recursive: true, force: true });
  }
}

async function differential(corpus: Corpus, ours: Map<Case, string[]>, log: (s: string) => void): Promise<void> {
  const peers = loadPeers(ROOT);
  if (!peers.length) {
    log(`differential: skipped, no peer rule sets in ${PEER_RULES_DIR(ROOT)} (set GATEWARDEN_PEER_RULES to their folder)`);
    return;
  }
  const theirs = new Map<string, Map<Case, string[]>>();
  for (const p of peers) {
    const hits: Hit[] = [];
    for (const file of new Set(corpus.cases.map((c) => c.file))) hits.push(...p.scanFile(file, await readFile(path.join(corpus.dir, file), 'latin1')));
    theirs.set(p.name, match(corpus.cases, hits));
  }
  for (const p of peers) {
    const compiled = p.rules.filter((r) => r.regex || r.path).length;
    log(`${p.name}: ${compiled} rules applied; ${p.untranslated.length} rule parts not translated${p.untranslated.length ? `: ${p.untranslated.map((u) => `${u.id} (${u.reason})`).join('; ')}` : ''}`);
    for (const f of p.partialFilters()) log(`  ${p.name}: filter function ${f.fn}() not implemented (treated as false) in ${f.rules.length} rule(s): ${f.rules.join(', ')}`);
  }
  const hit = (m: Map<Case, string[]> | undefined, c: Case) => (m?.get(c)?.length ?? 0) > 0;
  const where = (c: Case) => (c.group === 'key' ? `${c.carrier}(${c.secretId})` : c.carrier);
  const names = peers.map((p) => p.name);
  const rows: Table = [['type / key format', 'cases', 'ours', ...names, ...names.flatMap((n) => [`${n} only`, `ours not ${n}`])]];
  const byLabel = group(corpus.cases, (c) => `${c.group === 'key' ? 'key ' : ''}${c.label}`);
  const totals = new Map<string, number>();
  const add = (k: string, n: number) => totals.set(k, (totals.get(k) ?? 0) + n);
  for (const [label, list] of [...byLabel].sort((a, b) => a[0].localeCompare(b[0]))) {
    const o = list.filter((c) => hit(ours, c)).length;
    add('cases', list.length);
    add('ours', o);
    const cells = [label, String(list.length), String(o)];
    const diffs: string[] = [];
    for (const n of names) {
      const t = list.filter((c) => hit(theirs.get(n), c)).length;
      add(n, t);
      cells.push(String(t));
      const only = list.filter((c) => hit(theirs.get(n), c) && !hit(ours, c)).length;
      const mine = list.filter((c) => hit(ours, c) && !hit(theirs.get(n), c)).length;
      add(`${n} only`, only);
      add(`ours not ${n}`, mine);
      diffs.push(String(only), String(mine));
    }
    rows.push([...cells, ...diffs]);
  }
  rows.push(['total', ...rows[0]!.slice(1).map((h) => String(totals.get(h) ?? 0))]);
  log('\nDifferential, per type (a case is one secret in one carrier)');
  printTable(rows, log);
  const groups: Table = [['group', 'cases', 'ours', ...names]];
  for (const [g, list] of [...group(corpus.cases, (c) => `${c.group} ${c.encoded ? 'encoded' : 'plain'}`)].sort((a, b) => a[0].localeCompare(b[0])))
    groups.push([g, String(list.length), String(list.filter((c) => hit(ours, c)).length), ...names.map((n) => String(list.filter((c) => hit(theirs.get(n), c)).length))]);
  log('\nDifferential, per group');
  printTable(groups, log);
  for (const n of names) {
    log(`\n${n} catches, we miss (type: carriers [their rules])`);
    for (const [label, list] of group(corpus.cases.filter((c) => hit(theirs.get(n), c) && !hit(ours, c)), (c) => `${c.group === 'key' ? 'key ' : ''}${c.label}`))
      log(`  ${label}: ${list.map((c) => `${where(c)} [${theirs.get(n)?.get(c)?.join(',')}]`).join('; ')}`);
    log(`\nwe catch, ${n} misses (type: carriers [our rules])`);
    for (const [label, list] of group(corpus.cases.filter((c) => hit(ours, c) && !hit(theirs.get(n), c)), (c) => `${c.group === 'key' ? 'key ' : ''}${c.label}`))
      log(`  ${label}: ${list.map((c) => `${where(c)} [${ours.get(c)?.map((r) => r.replace('secrets.', '')).join(',')}]`).join('; ')}`);
  }
}
