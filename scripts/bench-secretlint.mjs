// secretlint's recommended preset over a list of files, as the benchmark's reference: in-process through
// @secretlint/core (no CLI start-up per file), profiler off (it is on by default and costs ~2x), masked output.
// Usage: node scripts/bench-secretlint.mjs FILE_LIST   (absolute paths, NUL-separated). Prints one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommend } from '@secretlint/secretlint-rule-preset-recommend';

secretLintProfiler.setEnabled(false);
const started = performance.now();
const config = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommend, rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }] }],
};
const files = readFileSync(process.argv[2], 'utf8').split('\0').filter(Boolean);
let bytes = 0;
let messages = 0;
for (const file of files) {
  let content;
  try {
    const buf = readFileSync(file);
    if (buf.subarray(0, 8000).includes(0)) continue;
    bytes += buf.length;
    content = buf.toString('utf8');
  } catch {
    continue;
  }
  const res = await lintSource({ source: { content, filePath: file, contentType: 'text' }, options: { config, maskSecrets: true, noPhysicFilePath: true } });
  messages += res.messages.length;
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, messages, ms: Math.round(performance.now() - started) })}\n`);
