/** The README's copy-paste workflows: valid YAML, minimal permissions, actions pinned by SHA, real inputs only. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<string, { permissions: Record<string, string>; steps: Step[] }>;
}

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const orgSweepDoc = readFileSync(path.join(ROOT, 'docs', 'org-sweep.md'), 'utf8');
const yamlBlocks = (md: string) => [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((y) => y.includes('\njobs:')).map((y) => parse(y) as Workflow);
/** The README's workflows, and the org-sweep caller of docs/org-sweep.md (the README links to it). */
const blocks = [...yamlBlocks(readme), ...yamlBlocks(orgSweepDoc)];
/** Workflows that run the action in steps; the org sweep's caller (a reusable-workflow call) is checked below. */
const workflows = blocks.filter((w) => Object.values(w.jobs).every((j) => Array.isArray(j.steps)));
const callers = blocks.filter((w) => !workflows.includes(w));
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };

describe('README workflows', () => {
  it('the README stays a front page (at most 300 lines; the details live in docs/)', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(300);
  });

  it('are the three documented ones', () => {
    expect(workflows.map((w) => Object.keys(w.on).sort().join(','))).toEqual(['pull_request', 'schedule,workflow_dispatch', 'pull_request,push,schedule,workflow_dispatch']);
  });

  it('grant nothing at workflow level and only what each job needs', () => {
    const allowed = new Set(['contents:read', 'pull-requests:write', 'security-events:write', 'actions:read']);
    for (const w of workflows) {
      expect(w.permissions).toEqual({});
      for (const job of Object.values(w.jobs)) {
        expect(job.permissions.contents).toBe('read');
        for (const [k, v] of Object.entries(job.permissions)) expect(allowed.has(`${k}:${v}`)).toBe(true);
        const uploads = job.steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
        expect(job.permissions['security-events'] === 'write').toBe(uploads);
      }
    }
  });

  it('pin every action by a full commit SHA and use only inputs the action declares', () => {
    for (const w of workflows) {
      for (const step of Object.values(w.jobs).flatMap((j) => j.steps)) {
        if (!step.uses) continue;
        // Gatewarden's own examples pin `<sha>`, the commit of the release named in the comment (checked below).
        expect(step.uses).toMatch(/^[\w./-]+@([0-9a-f]{40}|<sha>)$/);
        if (step.uses.startsWith('gatewarden/gatewarden@')) for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
      }
    }
  });

  it("pin Gatewarden to the current release: every `gatewarden/gatewarden@<sha>` says `# v<package.json version>`", () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const pins = `${readme}\n${orgSweepDoc}`.split('\n').filter((l) => /gatewarden\/gatewarden[^\s]*@|^\s*rev: /.test(l));
    expect(pins.length).toBeGreaterThanOrEqual(4);
    for (const l of pins) expect(l).toMatch(new RegExp(`@?<sha>\\s+#.*\\bv${version.replace(/\./g, '\\.')}\\b`));
  });

  it('include the org-sweep caller, passing only inputs and secrets the reusable workflow declares', () => {
    const reusable = parse(readFileSync(path.join(ROOT, '.github', 'workflows', 'org-sweep.yml'), 'utf8')) as {
      on: { workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> } };
    };
    expect(callers).toHaveLength(1);
    const job = Object.values((callers[0] as unknown as { jobs: Record<string, { uses: string; with: Record<string, unknown>; secrets: Record<string, unknown> }> }).jobs)[0];
    expect(job?.uses).toMatch(/^gatewarden\/gatewarden\/\.github\/workflows\/org-sweep\.yml@/);
    for (const k of Object.keys(job?.with ?? {})) expect(Object.keys(reusable.on.workflow_call.inputs), `input ${k}`).toContain(k);
    for (const k of Object.keys(job?.secrets ?? {})) expect(Object.keys(reusable.on.workflow_call.secrets), `secret ${k}`).toContain(k);
  });
});
