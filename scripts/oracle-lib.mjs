// Shared by the oracle scripts (oracle-record.mjs, oracle-validity.mjs, openclaw-schema/corpus-validity.mjs):
// runs the real `openclaw security audit --json` (../shared/oracle/openclaw-audit) on one config. CI never
// runs any of this; the tests read the recorded files.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = path.resolve(import.meta.dirname, '..');
export const ORACLE = process.env.GATEWARDEN_ORACLE ?? path.resolve(ROOT, '..', 'shared', 'oracle', 'openclaw-audit');
export const ORACLE_VERSION = '2026.9.6';

/** Every environment variable a config text references: `${NAME}`, the "$NAME" shorthand, env SecretRef ids. */
export function referencedEnv(text) {
  return [
    ...[...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]),
    ...[...text.matchAll(/["']\$([A-Z_][A-Z0-9_]*)["']/g)].map((m) => m[1]),
    ...[...text.matchAll(/\bid:\s*["']([A-Z][A-Z0-9_]*)["']/g)].map((m) => m[1]),
  ];
}

/**
 * The environment for a config folder: a `.env` beside the config is the deployment's environment (Gatewarden
 * reads it the same way); every other referenced variable gets a long random value ("provided at deploy time").
 */
export function auditEnv(dir) {
  const text = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== '.env')
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
  const dotenv = existsSync(path.join(dir, '.env'))
    ? Object.fromEntries(
        readFileSync(path.join(dir, '.env'), 'utf8')
          .split('\n')
          .map((l) => /^([A-Z_][A-Z0-9_]*)=(\S*)$/.exec(l.trim()))
          .filter(Boolean)
          .map((m) => [m[1], m[2]]),
      )
    : {};
  const vars = [...new Set(referencedEnv(text).concat(Object.keys(dotenv)))].sort();
  return { vars, value: vars.map((v) => `${v}=${dotenv[v] ?? randomBytes(24).toString('hex')}`).join(' ') };
}

/** Runs the audit on `configFile`; `report` is its parsed JSON stdout (or { error } when not JSON). */
export async function runAudit(configFile, env) {
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  try {
    ({ stdout, stderr } = await run(ORACLE, [configFile], { env: { ...process.env, OPENCLAW_AUDIT_ENV: env }, maxBuffer: 16 << 20 }));
  } catch (e) {
    stdout = e.stdout ?? '';
    stderr = e.stderr ?? '';
    exitCode = typeof e.code === 'number' ? e.code : 1;
  }
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    report = { error: stdout.slice(0, 2000) };
  }
  return { exitCode, report, stderr };
}

/** The "Legacy config keys detected" list OpenClaw prints on stderr with an invalid config: [{ path, message }]. */
export function legacyNotes(stderr) {
  const at = stderr.indexOf('Legacy config keys detected:');
  if (at < 0) return [];
  const out = [];
  for (const line of stderr.slice(at).split('\n').slice(1)) {
    const m = /^\s+- ([^:]*): (.*)$/.exec(line);
    if (!m) break;
    out.push({ path: m[1], message: m[2] });
  }
  return out;
}

/**
 * The full paths of the keys an "unknown key" issue names: the core validator says `Unrecognized key(s): "a", "b"`
 * at the parent object, the channel and plugin schemas `must not have additional properties: "a"`.
 */
export function unknownKeys(issue) {
  const m = /(?:Unrecognized keys?|must not have additional properties):\s*(.*)$/.exec(issue.message ?? '');
  if (!m) return [];
  const parent = issue.path === '<root>' ? '' : issue.path;
  return [...m[1].matchAll(/"([^"]*)"/g)].map((k) => (parent ? `${parent}.${k[1]}` : k[1]));
}

/** The validator's issues of a rejected config, as the audit prints them (path, message, allowed values). */
export function validityOf(result) {
  const issues = Array.isArray(result.report.issues) ? result.report.issues : undefined;
  const valid = Array.isArray(result.report.findings);
  return {
    valid,
    exitCode: result.exitCode,
    issues: (issues ?? []).map((i) => {
      const keys = unknownKeys(i);
      return { path: i.path, message: i.message, ...(i.allowedValues ? { allowedValues: i.allowedValues } : {}), ...(keys.length ? { keys } : {}) };
    }),
    legacy: legacyNotes(result.stderr),
    ...(!valid && !issues ? { error: result.report.error ?? result.report } : {}),
  };
}

/** Runs `fn` over `items` with `n` workers (the machine has 2 cores shared with others). */
export async function pool(items, n, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let it = queue.shift(); it !== undefined; it = queue.shift()) await fn(it);
    }),
  );
}
