// Validates many configs with one installed OpenClaw package in one process: runs inside the package's own
// Node (24) from corpus-validity.mjs, never on its own.
//
//   node validate-probe.mjs PACKAGE_DIR CONFIGS_JSON  > results.json
//
// CONFIGS_JSON: [{ id, text, env: { NAME: value } }]. Each config is written to $OPENCLAW_CONFIG_PATH and read
// with the package's own readConfigFileSnapshot() (what `openclaw config validate`, the gateway and the audit
// use: JSON5, $include, ${VAR} substitution, the doctor's load-time migrations, schema and plugin validation).
// The bundle does not export it under its name, so a load hook appends one export line to the module that
// defines it. Starting the CLI once per config costs seconds; this costs milliseconds per config.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, listFile] = process.argv.slice(2);
const dist = path.join(pkgDir, 'dist');
const DEF = 'async function readConfigFileSnapshot(';
const candidates = [];
const walk = (rel) => {
  for (const e of readdirSync(path.join(dist, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) {
      if (!['extensions', 'worker', 'plugin-sdk', 'control-ui'].includes(e.name)) walk(r);
    } else if (/\.m?js$/.test(e.name) && readFileSync(path.join(dist, r), 'utf8').includes(DEF)) candidates.push(r);
  }
};
walk('');
// The config IO module: config/io.js (tsc output) or the io chunk; not a CLI bundle that inlined a copy.
const file = candidates.find((f) => /(^|\/)io[.-]/.test(path.basename(f)) || f === path.join('config', 'io.js')) ?? candidates[0];
if (!file) {
  console.log(JSON.stringify({ error: `no module defines readConfigFileSnapshot in ${dist}` }));
  process.exit(0);
}
const url = pathToFileURL(path.join(dist, file)).href;
const exported = /export (async )?function readConfigFileSnapshot\(/.test(readFileSync(path.join(dist, file), 'utf8'));
if (!exported)
  registerHooks({
    load(u, context, nextLoad) {
      const result = nextLoad(u, context);
      if (u === url) result.source = `${String(result.source)}\nexport { readConfigFileSnapshot as __gatewardenRead };\n`;
      return result;
    },
  });
const mod = await import(url);
const read = mod.__gatewardenRead ?? mod.readConfigFileSnapshot;

const configPath = process.env.OPENCLAW_CONFIG_PATH;
const results = [];
for (const c of JSON.parse(readFileSync(listFile, 'utf8'))) {
  writeFileSync(configPath, c.text, { mode: 0o600 });
  const saved = {};
  for (const [k, v] of Object.entries(c.env ?? {})) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    const snap = await read();
    const issues = (snap.issues ?? []).map((i) => ({ path: i.path, message: i.message }));
    results.push({ id: c.id, valid: snap.valid === true, issues, legacy: (snap.legacyIssues ?? []).map((i) => ({ path: i.path, message: i.message })) });
  } catch (e) {
    results.push({ id: c.id, valid: false, issues: [], error: String(e?.message ?? e).slice(0, 300) });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
console.log(JSON.stringify({ module: `dist/${file}`, results }));
