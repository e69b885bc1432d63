/** Action entry point: run(), or, when this file was started as a scan's worker thread (engine/pool.ts), that. */
import { run } from './action/main.js';
import { serveTextWorker } from './engine/pool.js';
import { RULES } from '../rules/index.js';

if (!serveTextWorker(RULES)) await run();
