// Preload for memory tests: prints the process's peak resident set size on stderr when it exits, so a test can
// measure the shipped bundle (`node --import this dist/cli.js …`) rather than a tsx-compiled copy of it.
import { writeSync } from 'node:fs';
import process from 'node:process';

process.on('exit', () => {
  writeSync(2, `\n__MAXRSS__ ${process.resourceUsage().maxRSS * 1024}\n`);
});
