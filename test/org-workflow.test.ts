/** The reusable workflow and the documented caller agree with each other and with the CLI. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ORG_OPTIONS } from '../src/org/cli.js';
import { ROOT } from './helpers.js';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  id?: string;
}
interface Job {
  permissions?: Record<string, string>;
  strategy?: { matrix?: unknown; 'fail-fast'?: boolean; 'max-parallel'?: unknown };
  steps?: Step[];
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
}
interface Workflow {
  on: { workflow_call?: { inputs: Record<string, { required?: boolean; default?: unknown }>; secrets: Record<string, unknown> } };
  permissions: unknown;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(path.join(ROOT, '.github', 'workflows', 'org-sweep.yml'), 'utf8')) as Workflow;
const docs = readFileSync(path.join(ROOT, 'docs', 'org-sweep.md'), 'utf8');
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps ?? []);

describe('org-sweep.yml', () => {
  it('is a reusable workflow with no default token permissions', () => {
    expect(workflow.on.workflow_call).toBeDefined();
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toEqual({ contents: 'read' });
  });

  it('pins every action to a commit SHA and never expands expressions inside scripts', () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(5);
    for (const u of uses) expect(u).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs.length).toBe(3);
    for (const r of runs) expect(r).not.toContain('${{');
  });

  it('fans out the plan matrix and mints the scan token with contents read and security events write only', () => {
    const { plan, scan, rollup } = workflow.jobs as Record<string, Job>;
    expect(scan?.strategy?.matrix).toBe('${{ fromJSON(needs.plan.outputs.matrix) }}');
    expect(scan?.strategy?.['fail-fast']).toBe(false);
    expect(scan?.if).toBe("needs.plan.outputs.has-jobs == 'true'");
    const token = scan?.steps?.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
    expect(Object.entries(token?.with ?? {}).filter(([k]) => k.startsWith('permission-'))).toEqual([
      ['permission-contents', 'read'],
      ['permission-security-events', 'write'],
    ]);
    const planToken = plan?.steps?.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
    expect(Object.keys(planToken?.with ?? {}).filter((k) => k.startsWith('permission-'))).toEqual(['permission-metadata']);
    expect(rollup?.if).toBe("always() && needs.plan.result == 'success'");
  });

  it('passes only flags the org CLI knows', () => {
    const flags = steps.flatMap((s) => [...(s.run ?? '').matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1] ?? ''));
    expect(flags).toContain('github-output');
    for (const f of flags) expect(Object.keys(ORG_OPTIONS)).toContain(f);
  });
});

describe('the caller in docs/org-sweep.md', () => {
  const block = /## Copy-paste caller[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? '';
  const caller = parse(block) as Workflow;

  it('calls the reusable workflow with declared inputs and secrets, every required one given', () => {
    const job = caller.jobs.sweep as Job;
    expect(job.uses).toMatch(/\/\.github\/workflows\/org-sweep\.yml@/);
    const declared = workflow.on.workflow_call?.inputs ?? {};
    for (const k of Object.keys(job.with ?? {})) expect(Object.keys(declared)).toContain(k);
    for (const [k, v] of Object.entries(declared)) if (v.required) expect(Object.keys(job.with ?? {})).toContain(k);
    expect(Object.keys(job.secrets ?? {})).toEqual(Object.keys(workflow.on.workflow_call?.secrets ?? {}));
    expect(caller.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'read' });
  });
});
