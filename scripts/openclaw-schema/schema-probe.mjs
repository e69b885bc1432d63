// Prints the JSON schema of OpenClaw's core config object (OpenClawSchema, a zod schema) for packages older
// than `openclaw config schema` (added in 2026.3): runs inside the package's own Node from extract.mjs.
//
//   node schema-probe.mjs PACKAGE_DIR > schema.json
//
// Calls the package's own zod `toJSONSchema` with the options the later CLI uses (io "input", draft-07,
// unrepresentable "any"). The bundle does not export OpenClawSchema, so a load hook appends one export line
// to the chunk that defines it (the one holding validateConfigObject, which validates configs); tsc output
// (2026.1) exports it from dist/config/zod-schema.js already.
import { readdirSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.join(process.argv[2], 'dist');
const DEF = 'const OpenClawSchema = ';
let file = path.join(dist, 'config', 'zod-schema.js');
let hook = false;
try {
  if (!readFileSync(file, 'utf8').includes(`export ${DEF}`)) throw new Error('not exported');
} catch {
  const chunks = readdirSync(dist).filter((f) => /\.m?js$/.test(f)).filter((f) => readFileSync(path.join(dist, f), 'utf8').includes(DEF));
  const pick = chunks.find((f) => readFileSync(path.join(dist, f), 'utf8').includes('function validateConfigObject')) ?? chunks[0];
  if (!pick) {
    console.error(`schema-probe: no module defines OpenClawSchema in ${dist}`);
    process.exit(2);
  }
  file = path.join(dist, pick);
  hook = true;
}
const url = pathToFileURL(file).href;
if (hook)
  registerHooks({
    load(u, context, nextLoad) {
      const result = nextLoad(u, context);
      if (u === url) result.source = `${String(result.source)}\nexport { OpenClawSchema as __gatewardenSchema };\n`;
      return result;
    },
  });
const mod = await import(url);
const schema = mod.__gatewardenSchema ?? mod.OpenClawSchema;
const json = schema.toJSONSchema({ io: 'input', target: 'draft-07', unrepresentable: 'any' });
console.log(JSON.stringify({ module: path.relative(path.dirname(dist), file), schema: json }));
