/** The action end to end in full mode (push / schedule), and the annotation limits in pull-request mode. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { runAction, pullRequestPayload, SCOPED_RULES } from './support/action-run.js';
import { FAKE_ANTHROPIC_KEYS } from './support/fake-secrets.js';
import { GitRepo } from './support/git-repo.js';

const KEY = FAKE_ANTHROPIC_KEYS[2];
const COMPOSE = `services:
  gateway:
    image: ghcr.io/openclaw/openclaw:2026.9.6
    privileged: true
  worker:
    image: alpine:3.20
    privileged: true
`;

const annotations = (stdout: string) => stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));
const fingerprints = (r: Awaited<ReturnType<typeof runAction>>) =>
  Object.fromEntries((r.sarif.runs[0]?.results ?? []).map((x) => [`${x.ruleId} ${x.locations[0]?.physicalLocation.artifactLocation.uri}:${x.locations[0]?.physicalLocation.region.startLine}`, x.partialFingerprints['gatewarden/v1']]));

describe('action, full mode', () => {
  it('reports every finding: SARIF, annotations with rule id and fix, summary by severity, rule (with doc links) and file', async () => {
    const repo = GitRepo.init();
    repo.write({ 'docker-compose.yml': COMPOSE, 'config/keys.txt': `ANTHROPIC=${KEY}\n` }).commit('one');
    const r = await runAction({ eventName: 'schedule', inputs: { path: repo.dir, 'fail-on': 'critical' } });

    expect(r.outputs['findings-count']).toBe('3');
    expect(r.outputs['new-findings-count']).toBe('3');
    expect(r.failed).toBe(true);
    const ann = annotations(r.stdout);
    expect(ann).toHaveLength(3);
    const worker = ann.find((l) => l.includes('line=7')) ?? '';
    expect(worker).toContain('title=compose.privileged%3A Container runs privileged::Service "worker" runs privileged');
    expect(worker).toContain('%0AFix: Set privileged to false.%0AHow to fix: Remove privileged: true.');

    expect(r.summary).toContain('## Gatewarden\n\n**3 findings** in 2 files.');
    expect(r.summary).toContain('| critical | 3 |');
    expect(r.summary).toContain('| [`compose.privileged`](https://github.com/gatewarden/gatewarden/blob/main/docs/rules/compose.privileged.md) | Container runs privileged | 2 |');
    expect(r.summary).toContain('| [`secrets.anthropic_api_key`](https://github.com/gatewarden/gatewarden/blob/main/docs/rules/secrets.anthropic_api_key.md) | Anthropic API key | 1 |');
    expect(r.summary).toContain('### By file\n\n| File | Findings |\n| --- | ---: |\n| `docker-compose.yml` | 2 |\n| `config/keys.txt` | 1 |');

    const run = r.sarif.runs[0];
    expect(r.sarif.runs).toHaveLength(1);
    expect(run?.automationDetails?.id).toBe('gatewarden/');
    expect(run?.results.filter((x) => x.ruleId === 'compose.privileged').every((x) => (x.fixes ?? []).length === 1)).toBe(true);
    for (const text of [r.stdout, r.summary, r.sarifText]) expect(text).not.toContain(KEY.slice(12, 40));
  });

  it('keeps fingerprints across runs and across edits that move findings, so code scanning does not open duplicates', async () => {
    const repo = GitRepo.init();
    repo.write({ 'docker-compose.yml': COMPOSE, 'config/keys.txt': `ANTHROPIC=${KEY}\n` }).commit('one');
    const first = await runAction({ eventName: 'push', inputs: { path: repo.dir, 'fail-on': 'never' } });
    const again = await runAction({ eventName: 'push', inputs: { path: repo.dir, 'fail-on': 'never' } });
    expect(again.sarifText).toBe(first.sarifText);

    // Unrelated edits move every finding down; the services swap places.
    repo.write({
      'docker-compose.yml': `# stack\n# more comments\nservices:\n  worker:\n    image: alpine:3.20\n    privileged: true\n  gateway:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n    privileged: true\n`,
      'config/keys.txt': `# keys\n\nANTHROPIC=${KEY}\n`,
    }).commit('move');
    const moved = await runAction({ eventName: 'push', inputs: { path: repo.dir, 'fail-on': 'never' } });
    const before = fingerprints(first);
    const after = fingerprints(moved);
    expect(Object.keys(before).sort()).toEqual(['compose.privileged docker-compose.yml:4', 'compose.privileged docker-compose.yml:7', 'secrets.anthropic_api_key config/keys.txt:1']);
    expect(Object.keys(after).sort()).toEqual(['compose.privileged docker-compose.yml:6', 'compose.privileged docker-compose.yml:9', 'secrets.anthropic_api_key config/keys.txt:3']);
    expect(after['compose.privileged docker-compose.yml:9']).toBe(before['compose.privileged docker-compose.yml:4']); // gateway
    expect(after['compose.privileged docker-compose.yml:6']).toBe(before['compose.privileged docker-compose.yml:7']); // worker
    expect(after['secrets.anthropic_api_key config/keys.txt:3']).toBe(before['secrets.anthropic_api_key config/keys.txt:1']);
    expect(new Set(Object.values(after)).size).toBe(3);
  });

  it('a clean run writes one SARIF run with every rule and empty results, which closes open alerts', async () => {
    const repo = GitRepo.init();
    repo.write({ 'docker-compose.yml': 'services:\n  gateway:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n' }).commit('clean');
    const r = await runAction({ eventName: 'push', inputs: { path: repo.dir, category: 'openclaw' } });
    expect(r.sarif.runs).toHaveLength(1);
    expect(r.sarif.runs[0]?.results).toEqual([]);
    expect(r.sarif.runs[0]?.tool.driver.rules).toHaveLength(SCOPED_RULES.length);
    const all = await runAction({ eventName: 'push', inputs: { path: repo.dir, category: 'openclaw' }, options: { rules: RULES } });
    expect(all.sarif.runs[0]?.tool.driver.rules).toHaveLength(RULES.length);
    expect(r.sarif.runs[0]?.automationDetails?.id).toBe('openclaw/');
    expect(r.outputs['findings-count']).toBe('0');
    expect(r.summary).toContain('**No findings.**');
    expect(annotations(r.stdout)).toEqual([]);
    expect(r.failed).toBe(false);
  });
});

describe('action, reporting floor (input severity)', () => {
  it('annotates and lists down to the floor, counts the rest in the summary; the SARIF file and fail-on see every finding', async () => {
    const repo = GitRepo.init();
    repo.write({ 'docker-compose.yml': 'services:\n  gateway:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n' }).commit('one');
    const rules = RULES.filter((r) => ['compose.read_only_missing', 'compose.cap_drop_missing'].includes(r.id));
    const byDefault = await runAction({ eventName: 'push', inputs: { path: repo.dir, 'fail-on': 'info' }, options: { rules } });
    expect(annotations(byDefault.stdout).map((l) => /title=([\w.]+)/.exec(l)?.[1])).toEqual(['compose.cap_drop_missing']);
    expect(byDefault.summary).toContain('_1 info finding not shown: input `severity: info`_');
    expect(byDefault.sarif.runs[0]?.results.map((x) => x.ruleId).sort()).toEqual(['compose.cap_drop_missing', 'compose.read_only_missing']);
    expect(byDefault.failed).toBe(true);
    const info = await runAction({ eventName: 'push', inputs: { path: repo.dir, 'fail-on': 'never', severity: 'info' }, options: { rules } });
    expect(annotations(info.stdout)).toHaveLength(2);
    expect(info.summary).not.toContain('not shown');
    const bad = await runAction({ eventName: 'push', inputs: { path: repo.dir, severity: 'severe' }, options: { rules } });
    expect(bad.failed).toBe(true);
  });
});

describe('action, annotation limits', () => {
  it('annotates at most 10 per level, most severe first, and lists the rest in the job summary with a count', async () => {
    const repo = GitRepo.init();
    const base = repo.write({ 'docker-compose.yml': 'services: {}\n' }).commit('base');
    const services = Array.from({ length: 24 }, (_, i) => `  svc${String(i).padStart(2, '0')}:\n    image: alpine:3.20\n    privileged: true\n`).join('');
    const head = repo.write({ 'docker-compose.yml': `services:\n${services}`, 'openclaw.json': '{ "gateway": \n' }).commit('many');
    const r = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 3, baseSha: base, headSha: head }), inputs: { path: repo.dir, 'fail-on': 'never' } });

    const total = Number(r.outputs['new-findings-count']);
    expect(total).toBe(25); // 24 privileged services (critical) + an OpenClaw config that does not parse (high)
    const ann = annotations(r.stdout);
    const errors = ann.filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(10);
    expect(errors.every((l) => l.includes('title=compose.privileged'))).toBe(true); // critical before high
    const notice = ann.at(-1) ?? '';
    expect(notice).toMatch(/^::notice title=Gatewarden::15 more findings not annotated/);
    expect(r.summary).toContain("### Not annotated\n\n15 new findings did not fit GitHub's annotation limits");
    const section = r.summary.slice(r.summary.indexOf('### Not annotated'));
    expect(section.split('\n').filter((l) => l.startsWith('| critical |') || l.startsWith('| high |'))).toHaveLength(15);
    expect(section).toContain('[`config.parse_error`]');

    // When the step fails, its own ::error:: line takes one of the 10 error slots.
    const failing = await runAction({ eventName: 'pull_request', payload: pullRequestPayload({ number: 3, baseSha: base, headSha: head }), inputs: { path: repo.dir, 'fail-on': 'high' } });
    const errorLines = failing.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errorLines).toHaveLength(10);
    expect(errorLines.at(-1)).toBe('::error::Gatewarden: 25 new finding(s) at or above high.');
    expect(annotations(failing.stdout).filter((l) => l.startsWith('::notice'))).toEqual([expect.stringMatching(/^::notice title=Gatewarden::16 more findings not annotated/)]);
    expect(failing.summary).toContain("16 new findings did not fit GitHub's annotation limits");
  });
});
