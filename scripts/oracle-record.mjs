// Records the real `openclaw security audit --json` output for every config of the parity corpus
// (test/oracle/corpus/<name>/openclaw.json5) as golden JSON (test/oracle/golden/<name>.json).
//
//   npm run oracle:record [-- name...]      (needs ../shared/oracle/openclaw-audit or $GATEWARDEN_ORACLE)
//
// Every `${VAR}` the config (or its includes) references is passed to the audit with a long random value,
// matching Gatewarden's reading of a reference: "provided at deploy time". CI never runs this; the parity
// test (test/oracle.test.ts) reads the recorded files. Validity goldens: oracle-validity.mjs.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditEnv, ORACLE, ORACLE_VERSION, pool, ROOT, runAudit } from './oracle-lib.mjs';

const corpus = path.join(ROOT, 'test', 'oracle', 'corpus');
const golden = path.join(ROOT, 'test', 'oracle', 'golden');
const only = process.argv.slice(2);
const names = readdirSync(corpus).filter((n) => !only.length || only.includes(n)).sort();
mkdirSync(golden, { recursive: true });

async function record(name) {
  const dir = path.join(corpus, name);
  const env = auditEnv(dir);
  const { exitCode, report } = await runAudit(path.join(dir, 'openclaw.json5'), env.value);
  const out = {
    config: `test/oracle/corpus/${name}/openclaw.json5`,
    openclaw: ORACLE_VERSION,
    env: env.vars,
    exitCode,
    ...(Array.isArray(report.findings)
      ? { findings: report.findings.map((f) => ({ checkId: f.checkId, severity: f.severity, title: f.title })), suppressedFindings: (report.suppressedFindings ?? []).map((f) => ({ checkId: f.checkId, severity: f.severity })) }
      : { rejected: true, error: report }),
  };
  writeFileSync(path.join(golden, `${name}.json`), JSON.stringify(out, null, 2) + '\n');
  console.log(`${name}: ${out.findings ? out.findings.length + ' findings' : 'rejected'}`);
}

if (!existsSync(ORACLE)) {
  console.error(`oracle not found: ${ORACLE}`);
  process.exit(2);
}
await pool(names, 2, record);
