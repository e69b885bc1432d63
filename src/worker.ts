/**
 * The one worker entry (dist/worker.js): every worker thread Gatewarden starts runs this bundle, whether it reads
 * plain files for a scan (engine/threads/pool.ts) or runs a whole scan in an isolate of its own
 * (engine/threads/isolate.ts). Rules are looked up by id in this bundle's registry.
 */
import { RULES } from '../rules/index.js';
import { scan } from './engine/scan.js';
import { serveScanWorker } from './engine/threads/isolate.js';
import { serveTextWorker } from './engine/threads/pool.js';

if (!serveTextWorker(RULES) && !serveScanWorker(RULES, scan)) {
  process.stderr.write('gatewarden: worker.js runs only as a worker thread of gatewarden (dist/cli.js or dist/index.js)\n');
  process.exitCode = 2;
}
