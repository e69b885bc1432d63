// The compact form of the schema data that the bundle carries (rules/_shared/openclaw/schema-data.ts): every
// version's validation facts in one table, each distinct entry stored once with the versions it holds for, and
// the retired/narrowed facts of migrations.json reduced to what a finding says. Derived, never edited:
//   node scripts/openclaw-schema/compact.mjs          writes rules/_shared/openclaw/schema-data.ts
//   node scripts/openclaw-schema/compact.mjs --check  fails when it is stale (test/oracle/validity-parity.test.ts runs it)
//   node scripts/openclaw-schema/compact.mjs --print  prints the JSON it holds (to read or diff it)
// The JSON is stored gzipped and base64-encoded (about 12× smaller than the JSON, 100× smaller than the
// version files); the module inflates it once, when first used.
// What is left out and why (docs/openclaw-schema.md, "The compact form"): descriptions of channels and plugins a
// version does not bundle (it does not enforce them), defaults, formats, value patterns, `required`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Buffer } from 'node:buffer';
import { gunzipSync, gzipSync } from 'node:zlib';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'openclaw-schema');
const OUT = path.join(DATA, '..', '..', 'rules', '_shared', 'openclaw', 'schema-data.ts');

/** The fields a check reads, under short names. */
const FIELDS = [
  ['type', 't'],
  ['keys', 'k'],
  ['enum', 'e'],
  ['min', 'n'],
  ['max', 'x'],
  ['gt', 'g'],
  ['lt', 'l'],
  ['minLength', 'nl'],
  ['maxLength', 'xl'],
  ['minItems', 'ni'],
  ['maxItems', 'xi'],
];

const byVersion = (a, b) => a.localeCompare(b, 'en', { numeric: true });

/** A path under a channel or plugin the version does not bundle: descriptive only, not enforced. */
function unenforced(p, bundled) {
  const s = p.split('.');
  if (s[0] === 'channels' && s.length >= 2 && s[1] !== '*' && !bundled.has(s[1]) && !CORE_CHANNEL_KEYS.has(s[1])) return true;
  if (s[0] === 'plugins' && s[1] === 'entries' && s.length >= 3 && s[2] !== '*' && !bundled.has(s[2])) return true;
  return false;
}
/** Keys of `channels` that belong to the core schema, not to a channel plugin. */
const CORE_CHANNEL_KEYS = new Set(['defaults', 'modelByChannel']);

export function compact(dir = DATA) {
  const versions = readdirSync(dir)
    .map((f) => /^(\d+\.\d+\.\d+)\.json$/.exec(f)?.[1])
    .filter(Boolean)
    .sort(byVersion);
  const files = versions.map((v) => JSON.parse(readFileSync(path.join(dir, `${v}.json`), 'utf8')));
  const entries = [];
  const entryIndex = new Map();
  const paths = {};
  files.forEach((file, i) => {
    const bundled = new Set(file.bundled);
    for (const [p, e] of Object.entries(file.paths)) {
      if (unenforced(p, bundled)) continue;
      const c = {};
      for (const [long, short] of FIELDS) if (e[long] !== undefined) c[short] = long === 'type' ? e.type.join(',') : e[long];
      const key = JSON.stringify(c);
      let idx = entryIndex.get(key);
      if (idx === undefined) {
        idx = entries.length;
        entries.push(c);
        entryIndex.set(key, idx);
      }
      // [mask, entry, mask, entry, …]: bit i = versions[i].
      const list = (paths[p] ??= []);
      const at = list.findIndex((x, j) => j % 2 === 1 && x === idx);
      if (at === -1) list.push(1 << i, idx);
      else list[at - 1] |= 1 << i;
    }
  });
  const mask = (vs) => (vs ?? []).reduce((m, v) => m | (1 << versions.indexOf(v)), 0);
  const fixOf = (f) => f && f.map((x) => ({ doctor: x.doctor, id: x.id, ...(x.changes?.length ? { changes: x.changes } : {}), writes: Object.keys(x.writes ?? {}) }));
  const migrations = JSON.parse(readFileSync(path.join(dir, 'migrations.json'), 'utf8'));
  const retired = {};
  for (const r of migrations.retired) {
    retired[r.path] = {
      last: r.lastAcceptedIn,
      removed: r.removedIn,
      ...(r.status === 'ignored' ? { ignored: true } : {}),
      ...(r.loadsIn ? { loads: mask(r.loadsIn) } : {}),
      ...(r.fix ? { fix: fixOf(r.fix) } : {}),
      ...(r.latestFix && r.latestFix !== 'same' ? { latestFix: fixOf(r.latestFix) } : {}),
    };
  }
  const narrowed = {};
  for (const n of migrations.narrowed) {
    const fixes = {};
    for (const [value, f] of Object.entries(n.fixes ?? {})) {
      fixes[value] = { ...(f.loadsIn ? { loads: mask(f.loadsIn) } : {}), ...(f.fix ? { fix: fixOf(f.fix) } : {}) };
    }
    (narrowed[n.path] ??= []).push({ last: n.lastAcceptedIn, removed: n.removedIn, ...(n.values ? { values: n.values } : {}), ...(n.types ? { types: n.types } : {}), ...(Object.keys(fixes).length ? { fixes } : {}) });
  }
  // The doctor's legacy-config rules by path ([mask, migration id, message, …]): what `openclaw doctor` says about
  // a key or value, also for values the schema never accepted (`gateway.bind: "0.0.0.0"`).
  const doctor = {};
  files.forEach((file, i) => {
    for (const m of file.doctor ?? []) {
      for (const r of m.rules) {
        const list = (doctor[r.path] ??= []);
        const at = list.findIndex((x, j) => j % 3 === 1 && x === m.id && list[j + 1] === r.message);
        if (at === -1) list.push(1 << i, m.id, r.message);
        else list[at - 1] |= 1 << i;
      }
    }
  });
  // A trie of path segments (`[]` = array items, `*` = any key of a record); `#` holds the entry list, or one
  // entry index when every version has the same entry.
  const all = (1 << versions.length) - 1;
  const tree = {};
  for (const p of Object.keys(paths).sort()) {
    let node = tree;
    for (const seg of p === '' ? [] : p.match(/[^.[\]]+|\[\]/g)) node = node[seg] ??= {};
    const v = paths[p];
    node['#'] = v.length === 2 && v[0] === all ? v[1] : v;
  }
  return {
    format: 'gatewarden.openclaw-schema-compact/1',
    note: 'Generated by scripts/openclaw-schema/compact.mjs from the version files and migrations.json; do not edit.',
    versions,
    bundled: Object.fromEntries(files.map((f) => [f.openclaw, f.bundled])),
    entries,
    tree,
    retired,
    narrowed,
    doctor,
  };
}

export function render(c) {
  const json = JSON.stringify(c);
  const b64 = gzipSync(json, { level: 9 }).toString('base64');
  const lines = b64.match(/.{1,120}/g).map((l) => `  '${l}',`);
  return [
    '// GENERATED by scripts/openclaw-schema/compact.mjs from data/openclaw-schema/*.json; do not edit.',
    `// ${c.format}, OpenClaw ${c.versions.join(', ')}; ${json.length} bytes of JSON, gzipped and base64-encoded.`,
    '// Read it with `node scripts/openclaw-schema/compact.mjs --print`.',
    'export const SCHEMA_DATA_GZ_BASE64 = [',
    ...lines,
    "].join('');",
    '',
  ].join('\n');
}

/** The JSON a rendered module holds (compared as JSON: gzip bytes may differ between zlib versions). */
function held(text) {
  const b64 = [...text.matchAll(/^ {2}'([A-Za-z0-9+/=]+)',$/gm)].map((m) => m[1]).join('');
  return gunzipSync(Buffer.from(b64, 'base64')).toString('utf8');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const c = compact();
  if (process.argv.includes('--print')) {
    process.stdout.write(`${JSON.stringify(c, null, 1)}\n`);
  } else if (process.argv.includes('--check')) {
    if (!existsSync(OUT) || held(readFileSync(OUT, 'utf8')) !== JSON.stringify(c)) {
      console.error('rules/_shared/openclaw/schema-data.ts is stale: run node scripts/openclaw-schema/compact.mjs');
      process.exit(1);
    }
  } else {
    const text = render(c);
    writeFileSync(OUT, text);
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (${text.length} bytes)`);
  }
}
