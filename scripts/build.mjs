// Bundles the two self-contained entry points into dist/: the action (dist/index.js) and the CLI (dist/cli.js).
// The createRequire banner is required: bundled CommonJS dependencies (@actions/http-client's `tunnel`,
// secretlint's `debug`) call require() on Node built-ins, which an ESM bundle cannot do without it.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import path from 'node:path';

// GATEWARDEN_BUILD_OUT lets the dist-freshness test build into a temporary folder and compare.
const out = process.env.GATEWARDEN_BUILD_OUT ?? 'dist';

const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  charset: 'utf8',
};

await build({ ...common, entryPoints: ['src/index.ts'], outfile: path.join(out, 'index.js'), banner: { js: banner } });
await build({ ...common, entryPoints: ['src/cli.ts'], outfile: path.join(out, 'cli.js'), banner: { js: `#!/usr/bin/env node\n${banner}` } });
await chmod(path.join(out, 'cli.js'), 0o755);
