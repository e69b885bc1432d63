// Records the real `openclaw security audit --json` output for every config of the parity corpus
// (test/oracle/corpus/<name>/openclaw.json5) as golden JSON (test/oracle/golden/<name>.json).
//
//   npm run oracle:record [-- name...]      (needs ../shared/oracle/openclaw-audit or $GATEWARDEN_ORACLE)
//
// Every `${VAR}` the config (or its includes) references is passed to the audit with a long random value,
// matching Gatewarden's reading of a reference: "provided at deploy time". CI never runs this; the parity
// test (test/oracle.test.ts) reads the recorded files.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const corpus = path.join(root, 'test', 'oracle', 'corpus');
const golden = path.join(root, 'test', 'oracle', 'golden');
const oracle = process.env.GATEWARDEN_ORACLE ?? path.resolve(root, '..', 'shared', 'oracle', 'openclaw-audit');
const only = process.argv.slice(2);
const names = readdirSync(corpus).filter((n) => !only.length || only.includes(n)).sort();
mkdirSync(golden, { recursive: true });

async function record(name) {
  const dir = path.join(corpus, name);
  const text = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== '.env')
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
  // A `.env` beside the config is the deployment's environment (Gatewarden reads it the same way); every other
  // referenced variable gets a long random value.
  const dotenv = existsSync(path.join(dir, '.env'))
    ? Object.fromEntries(readFileSync(path.join(dir, '.env'), 'utf8').split('\n').map((l) => /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(l.trim())).filter(Boolean).map((m) => [m[1], m[2]]))
    : {};
  const refs = [
    ...[...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]), // ${NAME}
    ...[...text.matchAll(/["']\$([A-Z_][A-Z0-9_]*)["']/g)].map((m) => m[1]), // "$NAME" shorthand
    ...[...text.matchAll(/\bid:\s*["']([A-Z][A-Z0-9_]*)["']/g)].map((m) => m[1]), // env SecretRef ids
  ];
  const vars = [...new Set(refs.concat(Object.keys(dotenv)))].sort();
  const env = vars.map((v) => `${v}=${dotenv[v] ?? randomBytes(24).toString('hex')}`).join(' ');
  let stdout = '';
  let exitCode = 0;
  try {
    ({ stdout } = await run(oracle, [path.join(dir, 'openclaw.json5')], { env: { ...process.env, OPENCLAW_AUDIT_ENV: env }, maxBuffer: 16 << 20 }));
  } catch (e) {
    stdout = e.stdout ?? '';
    exitCode = typeof e.code === 'number' ? e.code : 1;
  }
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    report = { error: stdout.slice(0, 2000) };
  }
  const out = {
    config: `test/oracle/corpus/${name}/openclaw.json5`,
    openclaw: '2026.9.6',
    env: vars,
    exitCode,
    ...(Array.isArray(report.findings)
      ? { findings: report.findings.map((f) => ({ checkId: f.checkId, severity: f.severity, title: f.title })), suppressedFindings: (report.suppressedFindings ?? []).map((f) => ({ checkId: f.checkId, severity: f.severity })) }
      : { rejected: true, error: report }),
  };
  writeFileSync(path.join(golden, `${name}.json`), JSON.stringify(out, null, 2) + '\n');
  console.log(`${name}: ${out.findings ? out.findings.length + ' findings' : 'rejected'}`);
}

if (!existsSync(oracle)) {
  console.error(`oracle not found: ${oracle}`);
  process.exit(2);
}
const queue = [...names];
await Promise.all([0, 1].map(async () => {
  for (let n = queue.shift(); n; n = queue.shift()) await record(n);
}));
