// Records whether the real OpenClaw (`openclaw security audit --json` 2026.9.6, ../shared/oracle/openclaw-audit)
// accepts each config, and the paths it rejects, as validity goldens:
//   test/oracle/corpus/<name>/openclaw.json5            -> test/oracle/validity/golden/corpus/<name>.json
//   test/oracle/validity/corpus/<name>/openclaw.json5   -> test/oracle/validity/golden/validity/<name>.json
//
//   npm run oracle:validity [-- name...]
//
// A golden holds `valid`, the validator's `issues` ({ path, message, allowedValues? }, in its order) and the
// doctor's `legacy` notes ("Legacy config keys detected", printed on stderr). Referenced `${VAR}`s get long
// random values, as in oracle-record.mjs. CI never runs this.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditEnv, ORACLE, ORACLE_VERSION, pool, ROOT, runAudit, validityOf } from './oracle-lib.mjs';

const SETS = {
  corpus: path.join(ROOT, 'test', 'oracle', 'corpus'),
  validity: path.join(ROOT, 'test', 'oracle', 'validity', 'corpus'),
};
const goldenDir = path.join(ROOT, 'test', 'oracle', 'validity', 'golden');
const only = process.argv.slice(2);

if (!existsSync(ORACLE)) {
  console.error(`oracle not found: ${ORACLE}`);
  process.exit(2);
}
const jobs = Object.entries(SETS).flatMap(([set, dir]) =>
  readdirSync(dir)
    .filter((n) => !only.length || only.includes(n))
    .sort()
    .map((name) => ({ set, name, dir: path.join(dir, name) })),
);
for (const set of Object.keys(SETS)) mkdirSync(path.join(goldenDir, set), { recursive: true });

await pool(jobs, 2, async ({ set, name, dir }) => {
  const env = auditEnv(dir);
  const result = validityOf(await runAudit(path.join(dir, 'openclaw.json5'), env.value));
  const out = { config: path.relative(ROOT, path.join(dir, 'openclaw.json5')), openclaw: ORACLE_VERSION, env: env.vars, ...result };
  writeFileSync(path.join(goldenDir, set, `${name}.json`), JSON.stringify(out, null, 2) + '\n');
  console.log(`${set}/${name}: ${out.valid ? 'accepted' : `rejected (${out.issues.map((i) => i.path || '<root>').join(', ')})`}`);
});
