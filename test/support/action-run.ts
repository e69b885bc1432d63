/**
 * Runs the action's entry (`run()` from src/action/main.ts) in this process the way the runner does: inputs as
 * INPUT_* variables, the event payload in a file named by GITHUB_EVENT_PATH, outputs and the job summary in the
 * files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, workflow commands on stdout. The rule set is
 * SCOPED_RULES unless the setup's options say otherwise.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { RULES } from '../../rules/index.js';
import { run, type RunOptions } from '../../src/action/main.js';

/**
 * The rules these end-to-end tests are about. Scoping to them keeps the expected counts exact while other rules
 * are added (a new compose hardening rule would otherwise also fire on the fixtures' privileged services).
 */
export const SCOPED_RULES = RULES.filter((r) => ['compose.privileged', 'secrets.anthropic_api_key', 'config.parse_error'].includes(r.id));

export interface ActionRun {
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
  /** The SARIF file, parsed. */
  sarif: { runs: { results: { ruleId: string; partialFingerprints: Record<string, string>; fixes?: unknown[]; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; automationDetails?: { id: string }; tool: { driver: { rules: unknown[] } } }[] };
  sarifText: string;
  /** process.exitCode after the run: 1 when the action called setFailed. */
  failed: boolean;
}

export interface ActionSetup {
  inputs: Record<string, string>;
  eventName: string;
  payload?: unknown;
  env?: Record<string, string>;
  options?: RunOptions;
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks). */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1] ?? ''] = m[3] ?? '';
  return out;
}

export async function runAction(setup: ActionSetup): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gatewarden-action-'));
  const files = { event: path.join(dir, 'event.json'), output: path.join(dir, 'output'), summary: path.join(dir, 'summary.md'), sarif: path.join(dir, 'out', 'gatewarden.sarif') };
  writeFileSync(files.event, JSON.stringify(setup.payload ?? {}));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: setup.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'octo/claw',
    'INPUT_SARIF-FILE': files.sarif,
    ...Object.fromEntries(Object.entries(setup.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...setup.env,
  };
  const saved = new Map(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const exitBefore = process.exitCode;
  process.exitCode = undefined;
  try {
    await run({ rules: SCOPED_RULES, ...setup.options });
  } finally {
    spy.mockRestore();
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const failed = process.exitCode === 1;
  process.exitCode = exitBefore;
  let sarifText = '';
  try {
    sarifText = readFileSync(files.sarif, 'utf8');
  } catch {
    /* no SARIF written */
  }
  return {
    stdout: chunks.join(''),
    summary: readFileSync(files.summary, 'utf8'),
    outputs: parseOutputs(readFileSync(files.output, 'utf8')),
    sarif: sarifText ? JSON.parse(sarifText) : { runs: [] },
    sarifText,
    failed,
  };
}

/** A `pull_request` event payload as the runner writes it (the fields Gatewarden reads, plus a few around them). */
export function pullRequestPayload(o: { number: number; baseSha: string; headSha: string; fork?: boolean }): unknown {
  const repo = { full_name: 'octo/claw', name: 'claw', owner: { login: 'octo' } };
  const forkRepo = { full_name: 'someone/claw', name: 'claw', owner: { login: 'someone' } };
  return {
    action: 'synchronize',
    number: o.number,
    pull_request: {
      number: o.number,
      state: 'open',
      base: { ref: 'main', sha: o.baseSha, repo },
      head: { ref: 'feature', sha: o.headSha, repo: o.fork ? forkRepo : repo },
    },
    repository: repo,
  };
}
