/**
 * Limits and hangs a pull request (or a hostile network) can push the action into (issue 22, item 7): SARIF over
 * GitHub's 25,000 results per run, a git remote and an API that accept connections and never answer, an
 * unwritable SARIF path. The built action runs as its own process (test/support/hostile-pr.ts); a hang is a
 * child killed by the harness, so a test of today's code fails in bounded time instead of hanging the suite.
 *
 * The timeouts are configured through GATEWARDEN_GIT_TIMEOUT_SECONDS and GATEWARDEN_API_TIMEOUT_SECONDS, knobs
 * the fix introduces (docs/design/pr-threat-model-tests.md); today's code has none and ignores them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAKE_ANTHROPIC_KEYS } from '../support/fake-secrets.js';
import { cleanUp, pullRequestPayload, Repo, runAction, runCli, sarifNotifications, sarifResults, silentServer, tempDir, type SarifLog } from '../support/hostile-pr.js';

afterAll(cleanUp);

const [KEY] = FAKE_ANTHROPIC_KEYS;
const SECRET_RULE = 'secrets.anthropic_api_key';
/** GitHub code scanning rejects a SARIF run with more results than this. */
const MAX_RESULTS_PER_RUN = 25_000;
/** The harness kills a child after this; with the fix's timeouts (1-2 s) the run ends well before. */
const HANG_BUDGET_MS = 10_000;

/** A fake key of the Anthropic shape, distinct per `n` (never a real key: it carries the test marker). */
function key(n: string): string {
  const noise = createHash('sha256').update(n).digest('base64url').repeat(3);
  return `sk-ant-api03-${`gatewardenTESTvalue${noise}`.slice(0, 93)}AA`;
}

/** A base commit and a head commit adding one key: one new finding. */
function onePr(): { repo: Repo; base: string; head: string } {
  const repo = new Repo().write({ 'README.md': '# app\n' });
  const base = repo.commit('base');
  const head = repo.write({ 'config/keys.txt': `ANTHROPIC=${KEY}\n` }).commit('head');
  return { repo, base, head };
}

describe.concurrent('7. limits and hangs', () => {
  it('a push with more than 25,000 findings writes SARIF capped at 25,000 results per run, with a notification saying how many were left out (action and CLI)', async () => {
    // 255 files of 100 keys each (100 is the per-rule, per-file cap): about 25,500 findings.
    const repo = new Repo();
    for (let f = 0; f < 255; f++) repo.write({ [`keys/k${f}.txt`]: Array.from({ length: 100 }, (_, i) => `${key(`${f}-${i}`)}\n`).join('') });
    repo.commit('many keys');
    const cliSarif = path.join(tempDir(), 'cli.sarif');
    const [r, cli] = await Promise.all([runAction({ cwd: repo.dir, eventName: 'push', inputs: { 'fail-on': 'never' } }), runCli(['scan', '.', '--format', 'sarif', '--output', cliSarif, '--fail-on', 'never'], { cwd: repo.dir })]);
    const total = Number(r.outputs['findings-count']);
    expect(total).toBeGreaterThan(MAX_RESULTS_PER_RUN);
    const left = String(total - MAX_RESULTS_PER_RUN);
    const check = (log: SarifLog | undefined) => {
      for (const run of log?.runs ?? []) expect(run.results.length).toBeLessThanOrEqual(MAX_RESULTS_PER_RUN);
      expect(sarifResults(log)).toHaveLength(MAX_RESULTS_PER_RUN);
      expect(sarifNotifications(log).some((n) => n.level === 'warning' && n.message.text.includes(left))).toBe(true);
    };
    check(r.sarif);
    expect(r.summary).toMatch(/25,?000/);
    expect(cli.code).toBe(0);
    check(JSON.parse(readFileSync(cliSarif, 'utf8')) as SarifLog);
  });

  it('git fetch of the base from a remote that accepts and never answers times out: every finding is reported as new and the step ends', async () => {
    const server = await silentServer();
    try {
      const { repo, base, head } = onePr();
      const shallow = repo.clone('--depth=1');
      shallow.git('remote', 'set-url', 'origin', `http://127.0.0.1:${server.port}/octo/claw.git`);
      const r = await runAction({
        cwd: shallow.dir,
        eventName: 'pull_request',
        payload: pullRequestPayload({ number: 7, baseSha: base, headSha: head }),
        env: { GATEWARDEN_GIT_TIMEOUT_SECONDS: '2' },
        timeoutMs: HANG_BUDGET_MS,
      });
      expect(server.connections()).toBeGreaterThan(0);
      expect(r.killed).toBe(false);
      expect(r.code).toBe(1);
      expect(r.outputs['new-findings-count']).toBe('1');
      expect(r.summary).toMatch(/timed out/i);
      expect(r.summary).toContain('config/keys.txt');
    } finally {
      await server.close();
    }
  });

  it('an API that accepts and never answers: summary and outputs are written before the review step, which times out, and the step ends', async () => {
    const server = await silentServer();
    try {
      const { repo, base, head } = onePr();
      const r = await runAction({
        cwd: repo.dir,
        eventName: 'pull_request',
        payload: pullRequestPayload({ number: 7, baseSha: base, headSha: head }),
        inputs: { 'review-comments': 'true', token: 'ghs_faketoken' },
        env: { GITHUB_API_URL: `http://127.0.0.1:${server.port}`, GATEWARDEN_API_TIMEOUT_SECONDS: '1' },
        timeoutMs: HANG_BUDGET_MS,
      });
      expect(server.connections()).toBeGreaterThan(0);
      // Written before any network step: there even when the process had to be killed.
      expect(r.outputs['new-findings-count']).toBe('1');
      expect(r.summary).toContain('config/keys.txt');
      expect(r.killed).toBe(false);
      expect(r.code).toBe(1);
      expect(r.summary).toMatch(/review comments.*timed out/i);
    } finally {
      await server.close();
    }
  });

  it('an unwritable sarif-file fails the step with a clear error but annotations, summary and outputs are still written', async () => {
    const { repo, base, head } = onePr();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'plain-file'), 'not a directory\n');
    const sarifFile = path.join(dir, 'plain-file', 'results.sarif');
    const r = await runAction({ cwd: repo.dir, eventName: 'pull_request', payload: pullRequestPayload({ number: 7, baseSha: base, headSha: head }), sarifFile });
    expect(r.code).toBe(1);
    expect(r.annotations.some((l) => l.startsWith('::error file=config/keys.txt,') && l.includes(SECRET_RULE))).toBe(true);
    expect(r.summary).toContain('config/keys.txt');
    expect(r.outputs['new-findings-count']).toBe('1');
    const errors = r.annotations.filter((l) => l.startsWith('::error::'));
    expect(errors.some((l) => l.includes('plain-file/results.sarif') && !/internal error/i.test(l))).toBe(true);
  });
});
