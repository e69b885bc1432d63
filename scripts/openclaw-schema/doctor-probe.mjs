// Asks an installed OpenClaw package what `openclaw doctor` knows about legacy config: runs inside the
// package's own Node (24) from extract.mjs, never on its own.
//
//   node doctor-probe.mjs PACKAGE_DIR PROBES_JSON  > result.json
//
// The doctor's legacy migrations are the array LEGACY_CONFIG_MIGRATION_SPECS of the bundled module
// src/commands/doctor/shared/legacy-config-migrations.ts: each spec has an `id`, a `describe` sentence,
// `legacyRules` ({ path, message, match? }: what `openclaw doctor` / `config validate` report as "Legacy
// config keys detected") and `apply(raw, changes)` (what `openclaw doctor --fix` rewrites). The bundle does
// not export the array, so a load hook appends one export line to that chunk; every fact then comes from the
// package's own objects and functions, not from reading its text.
//
// PROBES_JSON: [{ path: "logging.redactSensitive", value: <sample> }, ...], path patterns as in
// flatten.mjs (`*` record key, `[]` array item). For each probe the config holding only that value is checked
// against every spec's rules (as findLegacyConfigIssues does) and each matching spec's apply() is run on a
// copy; the result says which paths it removed and which it wrote.
/* global structuredClone */
import { readdirSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, probesFile] = process.argv.slice(2);
const dist = path.join(pkgDir, 'dist');

// Where the doctor's tables live. Since 2026.3: one array of specs (rules + apply together). Before: a rule
// table LEGACY_CONFIG_RULES and a migration table LEGACY_CONFIG_MIGRATIONS, bundled into one chunk (2026.2)
// or emitted as their own modules by tsc (2026.1, dist/config/legacy.{rules,migrations}.js, exported).
const TABLES = ['LEGACY_CONFIG_MIGRATION_SPECS', 'LEGACY_CONFIG_RULES', 'LEGACY_CONFIG_MIGRATIONS'];
const listFiles = (dir, rel = '') =>
  readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (rel === '' && e.name === 'extensions' ? [] : listFiles(dir, path.join(rel, e.name))) : /\.m?js$/.test(e.name) ? [path.join(rel, e.name)] : [],
  );
const sources = new Map();
for (const f of listFiles(dist)) {
  const text = readFileSync(path.join(dist, f), 'utf8');
  if (text.includes('//#region src/commands/doctor/') || TABLES.some((t) => text.includes(`const ${t} =`))) sources.set(f, text);
}
const defining = (table) => [...sources.keys()].filter((f) => sources.get(f).includes(`const ${table} =`));
let chunk = defining(TABLES[0])[0];
const wanted = chunk ? [TABLES[0]] : TABLES.slice(1);
chunk ??= defining(TABLES[1]).find((f) => sources.get(f).includes(`const ${TABLES[2]} =`)) ?? defining(TABLES[1])[0];
if (!chunk) {
  console.log(JSON.stringify({ error: `no module defines ${TABLES.join(' or ')} in ${dist}` }));
  process.exit(0);
}
const hooked = new Map(); // file URL -> names to export
for (const t of wanted) {
  const f = defining(t).find((x) => x === chunk) ?? defining(t)[0];
  const url = pathToFileURL(path.join(dist, f)).href;
  if (!new RegExp(`export const ${t} =`).test(sources.get(f))) hooked.set(url, [...(hooked.get(url) ?? []), t]);
}
registerHooks({
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    const names = hooked.get(url);
    if (names) result.source = `${String(result.source)}\nexport { ${names.map((n) => `${n} as __gatewarden_${n}`).join(', ')} };\n`;
    return result;
  },
});
const table = async (t) => {
  const f = defining(t).find((x) => x === chunk) ?? defining(t)[0];
  const mod = await import(pathToFileURL(path.join(dist, f)).href);
  return mod[`__gatewarden_${t}`] ?? mod[t];
};
/** Specs as since 2026.3; before, the rules form one pseudo-spec without apply and the migrations carry none. */
const specs =
  wanted[0] === TABLES[0]
    ? await table(TABLES[0])
    : [{ id: '(legacy rules)', legacyRules: await table(TABLES[1]) }, ...(await table(TABLES[2])).map((m) => ({ ...m, legacyRules: [], applyAlways: true }))];

/** The bundled source file (its `//#region` comment) that defines migration `id`, and the chunk holding it. */
function sourceOf(id) {
  const needle = `id: ${JSON.stringify(id)}`;
  if (!id) return { chunk: `dist/${chunk}` };
  for (const [f, text] of sources) {
    const at = text.indexOf(needle);
    if (at < 0) continue;
    const region = text.lastIndexOf('//#region ', at);
    const file = region >= 0 ? text.slice(region + 10, text.indexOf('\n', region)).trim() : undefined;
    return { chunk: `dist/${f}`, file };
  }
  return { chunk: `dist/${chunk}` };
}

const describeRule = (r) => ({ path: r.path.join('.'), message: r.message, ...(r.match ? { conditional: true } : {}) });
const migrations = specs.map((s) => ({
  id: s.id,
  describe: s.describe,
  source: sourceOf(s.id),
  rules: (s.legacyRules ?? []).map(describeRule),
}));
// Before 2026.3 the rules were one table: attribute them to the migration-less pseudo-spec's module.
if (migrations[0]?.id === '(legacy rules)') migrations[0].source = { chunk: `dist/${defining(TABLES[1])[0]}` };

// Bundled plugins and channels carry their own doctor contract (dist/extensions/<id>/doctor-contract-api.js):
// `legacyConfigRules` as above and `normalizeCompatibilityConfig({ cfg })` -> { config, changes }.
const contracts = [];
const extDir = path.join(dist, 'extensions');
for (const id of (() => { try { return readdirSync(extDir).sort(); } catch { return []; } })()) {
  const file = path.join(extDir, id, 'doctor-contract-api.js');
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch {
    continue;
  }
  const rules = mod.legacyConfigRules ?? mod.default?.legacyConfigRules ?? [];
  const normalize = mod.normalizeCompatibilityConfig ?? mod.default?.normalizeCompatibilityConfig;
  if (!rules.length && typeof normalize !== 'function') continue;
  contracts.push({ id: `plugin:${id}`, rules, normalize, source: `dist/extensions/${id}/doctor-contract-api.js` });
}
migrations.push(...contracts.map((c) => ({ id: c.id, source: { chunk: c.source }, rules: c.rules.map(describeRule), ...(c.normalize ? { normalizes: true } : {}) })));

// ---- probes ----
const probes = probesFile ? JSON.parse(readFileSync(probesFile, 'utf8')) : [];
const SAMPLE_KEY = 'example';

/** Builds the smallest config holding `value` at `pattern`, and the concrete dotted path it used. */
function build(pattern, value) {
  const segs = [];
  for (const part of pattern.split('.')) {
    const m = /^(.*?)((?:\[\])*)$/.exec(part);
    if (m[1]) segs.push(m[1] === '*' ? SAMPLE_KEY : m[1]);
    for (let i = 0; i < m[2].length / 2; i++) segs.push(0);
  }
  const root = {};
  let cur = root;
  segs.forEach((seg, i) => {
    const last = i === segs.length - 1;
    const next = last ? value : typeof segs[i + 1] === 'number' ? [] : {};
    // An agent roster entry needs its id to be one.
    if (Array.isArray(cur) && !last && pattern.startsWith('agents.list')) next.id = 'main';
    cur[seg] = next;
    cur = next;
  });
  return { config: root, path: segs.join('.') };
}

const getPath = (root, p) => p.reduce((c, k) => (c && typeof c === 'object' ? c[k] : undefined), root);

/** Leaf paths and values of a JSON value ("a.b.0.c" -> value); an empty object or array is a leaf. */
function leaves(v, prefix = '', out = new Map()) {
  if (v && typeof v === 'object' && Object.keys(v).length) {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, v);
  return out;
}

function diff(before, after) {
  const a = leaves(before);
  const b = leaves(after);
  const removed = [...a.keys()].filter((k) => !b.has(k) || JSON.stringify(a.get(k)) !== JSON.stringify(b.get(k)));
  const written = Object.fromEntries([...b].filter(([k, v]) => !a.has(k) || JSON.stringify(a.get(k)) !== JSON.stringify(v)));
  return { removed, written };
}

const results = [];
for (const probe of probes) {
  const { config, path: concrete } = build(probe.path, probe.value);
  const hits = [];
  const matching = (rules) =>
    rules.filter((r) => {
      const cursor = getPath(config, r.path);
      try {
        return cursor !== undefined && (!r.match || r.match(cursor, config));
      } catch {
        return false;
      }
    });
  for (const s of specs) {
    const rules = matching(s.legacyRules ?? []);
    if (!rules.length && !s.applyAlways) continue;
    const copy = structuredClone(config);
    const changes = [];
    let error;
    try {
      s.apply?.(copy, changes);
    } catch (e) {
      error = String(e?.message ?? e).slice(0, 200);
    }
    const d = diff(config, copy);
    if (!rules.length && !changes.length && !d.removed.length) continue;
    hits.push({ id: s.id, messages: rules.map((r) => r.message), changes, after: copy, ...d, ...(error ? { error } : {}) });
  }
  for (const c of contracts) {
    const rules = matching(c.rules);
    let after = config;
    let changes = [];
    let error;
    if (c.normalize) {
      try {
        const out = c.normalize({ cfg: structuredClone(config) });
        if (out?.changes?.length) ({ config: after, changes } = out);
      } catch (e) {
        error = String(e?.message ?? e).slice(0, 200);
      }
    }
    const d = diff(config, after);
    if (!rules.length && !d.removed.length && !Object.keys(d.written).length) continue;
    hits.push({ id: c.id, messages: rules.map((r) => r.message), changes, after, ...d, ...(error ? { error } : {}) });
  }
  results.push({ path: probe.path, concrete, before: config, hits });
}

console.log(JSON.stringify({ chunk: `dist/${chunk}`, migrations, probes: results }));
