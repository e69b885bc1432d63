/**
 * Runs one scan in its own process and prints what the parent test needs as JSON: the findings (rule, file,
 * line), the notes, and the process's peak resident set size. Used where a test needs a fresh process: to
 * measure memory, or to scan as an unprivileged user (root reads files whatever their mode).
 * Usage: node --import tsx test/support/scan-child.ts DIR [MAX_FILE_SIZE] [--as-nobody]
 * With --as-nobody (run as root) the process drops to uid/gid 65534 after loading its modules, so the scan
 * meets real permission errors while the code itself may live where nobody cannot read (a CI clone in /root).
 */
import { RULES } from '../../rules/index.js';
import { scan } from '../../src/engine/scan.js';

const args = process.argv.slice(2);
const asNobody = args.includes('--as-nobody');
const [dir, max] = args.filter((a) => a !== '--as-nobody');
if (!dir) throw new Error('usage: scan-child.ts DIR [MAX_FILE_SIZE] [--as-nobody]');
if (asNobody) {
  process.setgid?.(65534);
  process.setuid?.(65534);
}
const result = await scan({ paths: [dir], rules: RULES, ...(max ? { maxFileSize: Number(max) } : {}) });
process.stdout.write(
  JSON.stringify({
    findings: result.findings.map((f) => ({ ruleId: f.ruleId, file: f.location.file, line: f.location.startLine, column: f.location.startColumn })),
    notes: result.notes,
    internalErrors: result.internalErrors,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
