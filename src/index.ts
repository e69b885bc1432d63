/** Action entry point: nothing but run(). */
import { run } from './action/main.js';

await run();
