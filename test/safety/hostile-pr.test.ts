/**
 * Hostile pull requests against the action (issue 22, items 1-6, and the merge queue of item 8). Each test builds
 * the pull request as a real git repository (a base commit, the attacker's head commit or commits), writes the
 * event payload the runner would, and runs the built action (`node dist/index.js`) as its own process with
 * INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and a SARIF path. Only what a workflow sees is checked:
 * exit code, workflow commands on stdout, the summary, the outputs, the SARIF file, requests to the fake API.
 *
 * The expected behaviour is the one docs/design/pr-threat-model-tests.md pins down. Every test failed on the main of
 * phase 1 (marked `it.fails`) except the control and the two that guard against overreach; issue 22 fixed them all.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeAnthropicKey } from '../git-repo.js';
import { FakeGitHub } from '../support/fake-github.js';
import { ACTION_BOT, FakeReviewApi, MALLORY, OUTSIDER } from '../support/fake-review-api.js';
import { FAKE_ANTHROPIC_KEYS } from '../support/fake-secrets.js';
import { cleanUp, markdownProblems, mergeGroupPayload, pullRequestPayload, Repo, runAction, runCli, sarifNotifications, sarifResults, tempDir, uriOf, type ActionResult } from '../support/hostile-pr.js';

afterAll(cleanUp);

const [KEY, KEY2] = FAKE_ANTHROPIC_KEYS;
/** A stretch of a key that no redacted form contains: finding it in an output means the key leaked. */
const leak = (key: string) => key.slice(14, 60);
const SECRET_RULE = 'secrets.anthropic_api_key';
/** The config file names of today and after the rename: an attack writes both, so neither name dodges the test. */
const CONFIG_NAMES = ['.gatewarden.yml'];
const configFiles = (text: string) => Object.fromEntries(CONFIG_NAMES.map((n) => [n, text]));
const CONFIG_RE = /\.gatewarden\.yml/;

const COMPOSE_BASE = 'services:\n  gateway:\n    image: ghcr.io/openclaw/openclaw:2026.9.6\n';
const COMPOSE_PRIVILEGED = `${COMPOSE_BASE}    privileged: true\n`;

/** What the control pull request adds: one key, one privileged service (two new findings at or above high). */
const CONTROL_HEAD = { 'config/keys.txt': `ANTHROPIC=${KEY}\n`, 'docker-compose.yml': COMPOSE_PRIVILEGED };

interface Pr {
  repo: Repo;
  base: string;
  head: string;
}

/** A repository with a base commit (README, an unprivileged compose file, plus `base`) and a head commit. */
function buildPr(head: (repo: Repo) => void, base: (repo: Repo) => void = () => undefined): Pr {
  const repo = new Repo();
  repo.write({ 'README.md': '# app\n', 'docker-compose.yml': COMPOSE_BASE });
  base(repo);
  const baseSha = repo.commit('base');
  head(repo);
  return { repo, base: baseSha, head: repo.commit('head') };
}

function runPr(pr: Pr, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionResult> {
  return runAction({ cwd: pr.repo.dir, eventName: 'pull_request', payload: pullRequestPayload({ number: 7, baseSha: pr.base, headSha: pr.head }), inputs, env });
}

const resultsOf = (r: ActionResult, ruleId: string, file?: string) => sarifResults(r.sarif).filter((x) => x.ruleId === ruleId && (file === undefined || uriOf(x) === file));
const annotated = (r: ActionResult, level: 'error' | 'warning' | 'notice', file: string) => r.annotations.filter((l) => l.startsWith(`::${level} file=${file},`));

/** The control PR's two findings are new, fail the step, and are in the SARIF file. */
function expectControlFindingsReported(r: ActionResult): void {
  expect(r.code).toBe(1);
  expect(Number(r.outputs['new-findings-count'])).toBeGreaterThanOrEqual(2);
  expect(annotated(r, 'error', 'config/keys.txt').some((l) => l.includes(SECRET_RULE))).toBe(true);
  expect(annotated(r, 'error', 'docker-compose.yml').some((l) => l.includes('compose.privileged'))).toBe(true);
  expect(resultsOf(r, SECRET_RULE, 'config/keys.txt')).toHaveLength(1);
  expect(resultsOf(r, 'compose.privileged', 'docker-compose.yml')).toHaveLength(1);
}

/** The rows of the summary section "Suppressed by this pull request" (up to the next heading). */
function suppressedSection(summary: string): string | undefined {
  const at = summary.search(/^#+ Suppressed by this pull request/m);
  if (at < 0) return undefined;
  const rest = summary.slice(at);
  // The next heading after the section's own heading line (searching from its second character matched the
  // heading's own remaining `#`s for any heading of level 2 or more).
  const body = rest.indexOf('\n') + 1;
  const next = body > 0 ? rest.slice(body).search(/^#+ /m) : -1;
  return next < 0 ? rest : rest.slice(0, body + next);
}

describe.concurrent('control', () => {
  it('a pull request adding a key and a privileged service fails with both findings annotated, summarised and in SARIF', async () => {
    const r = await runPr(buildPr((repo) => repo.write(CONTROL_HEAD)));
    expectControlFindingsReported(r);
    expect(r.summary).toContain('config/keys.txt');
    for (const text of [r.stdout, r.stderr, r.summary, r.sarifText]) expect(text).not.toContain(leak(KEY));
  });
});

describe.concurrent('1. nothing unscanned is silent', () => {
  it('a key in a file whose name is not valid UTF-8 (k\\xff.txt) is scanned by the bytes of its name and reported under an escaped name', async () => {
    const name = Buffer.from([0x6b, 0xff, 0x2e, 0x74, 0x78, 0x74]); // "k", 0xFF, ".txt"
    const r = await runPr(buildPr((repo) => repo.writeName(name, `ANTHROPIC=${KEY}\n`)));
    expect(r.code).toBe(1);
    expect(r.outputs['new-findings-count']).toBe('1');
    // SARIF: the name's bytes, percent-encoded.
    expect(resultsOf(r, SECRET_RULE).map(uriOf)).toEqual(['k%FF.txt']);
    // Summary and annotations: every byte that is not valid UTF-8 shown as \xHH.
    expect(r.summary).toContain('k\\xff.txt');
    expect(r.annotations.some((l) => l.startsWith('::error file=k\\xff.txt,'))).toBe(true);
  });

  it('a .env with one NUL byte in its first 8 KB is still searched for keys, not skipped as binary with an info note', async () => {
    const env = Buffer.concat([Buffer.from('# settings\n'), Buffer.from([0]), Buffer.from(`\nANTHROPIC_API_KEY=${KEY}\n`)]);
    const r = await runPr(buildPr((repo) => repo.write({ 'app/.env': env })));
    expect(r.code).toBe(1);
    expect(resultsOf(r, SECRET_RULE, 'app/.env')).toHaveLength(1);
    expect(annotated(r, 'error', 'app/.env').some((l) => l.includes(SECRET_RULE))).toBe(true);
    expect(r.summary).not.toContain('**No new findings.**');
  });

  it('a file starting with bytes FF FE that is not UTF-16 is decoded as the UTF-8 it is, and its key is found', async () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`\nANTHROPIC_API_KEY=${KEY}\n`)]);
    const r = await runPr(buildPr((repo) => repo.write({ 'notes.txt': text })));
    expect(r.code).toBe(1);
    expect(resultsOf(r, SECRET_RULE, 'notes.txt')).toHaveLength(1);
  });

  it('a file the scan cannot read (over the size limit) is a warning annotation, a "Not scanned" summary row and a SARIF warning, not a collapsed note', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1024, 'a\n');
    big.write(`\nANTHROPIC_API_KEY=${KEY}\n`, big.length - 200);
    const r = await runPr(buildPr((repo) => repo.write({ 'dump/big.txt': big })));
    expect(annotated(r, 'warning', 'dump/big.txt')).toHaveLength(1);
    const notScanned = r.summary.slice(r.summary.search(/^### Not scanned/m));
    expect(r.summary).toMatch(/^### Not scanned/m);
    expect(notScanned.split('<details>')[0]).toContain('dump/big.txt');
    expect(sarifNotifications(r.sarif).some((n) => n.level === 'warning' && n.message.text.includes('dump/big.txt'))).toBe(true);
  });
});

describe.concurrent('2. a pull request cannot switch off its own findings', () => {
  /** The config change is itself annotated (a warning at the config file) and named in the summary. */
  function expectConfigChangeShown(r: ActionResult): void {
    expect(r.annotations.some((l) => /^::warning file=\.gatewarden\.yml,/.test(l))).toBe(true);
    expect(r.summary).toMatch(CONFIG_RE);
  }

  it('a config added by the PR with ignore: ["*"] does not apply to the PR: its findings are new, fail the step and stay in SARIF', async () => {
    const r = await runPr(buildPr((repo) => repo.write({ ...CONTROL_HEAD, ...configFiles('ignore: ["*"]\n') })));
    expectControlFindingsReported(r);
    expectConfigChangeShown(r);
  });

  it('a config added by the PR turning the rules off does not apply to the PR', async () => {
    const r = await runPr(buildPr((repo) => repo.write({ ...CONTROL_HEAD, ...configFiles(`rules:\n  ${SECRET_RULE}: off\n  compose.privileged: off\n`) })));
    expectControlFindingsReported(r);
    expectConfigChangeShown(r);
  });

  it('a config added by the PR re-grading its findings to info does not get them past fail-on', async () => {
    const r = await runPr(buildPr((repo) => repo.write({ ...CONTROL_HEAD, ...configFiles(`rules:\n  ${SECRET_RULE}: info\n  compose.privileged: info\n`) })));
    expectControlFindingsReported(r);
    expect(resultsOf(r, SECRET_RULE, 'config/keys.txt')[0]?.level).toBe('error');
    expectConfigChangeShown(r);
  });

  it('a config added by the PR with max-file-size: 1 does not skip the files the PR adds', async () => {
    const r = await runPr(buildPr((repo) => repo.write({ ...CONTROL_HEAD, ...configFiles('max-file-size: 1\n') })));
    expectControlFindingsReported(r);
    expectConfigChangeShown(r);
  });

  it('a config that is broken at the head never costs the SARIF: the PR is scanned with the base policy and the SARIF is written', async () => {
    const r = await runPr(buildPr((repo) => repo.write({ ...CONTROL_HEAD, ...configFiles('ignore: [unterminated\n') })));
    expect(r.sarif).toBeDefined();
    expectControlFindingsReported(r);
    expect(r.summary).toMatch(CONFIG_RE);
  });

  it('a config that is broken on a push still yields SARIF (scanned with defaults, the error as a SARIF notification) and fails the step', async () => {
    const repo = new Repo().write({ ...CONTROL_HEAD, ...configFiles('ignore: [unterminated\n') });
    repo.commit('broken config');
    const r = await runAction({ cwd: repo.dir, eventName: 'push' });
    expect(r.code).toBe(1);
    expect(resultsOf(r, SECRET_RULE, 'config/keys.txt')).toHaveLength(1);
    expect(sarifNotifications(r.sarif).some((n) => n.level === 'error' && CONFIG_RE.test(n.message.text))).toBe(true);
  });

  /**
   * Base: an empty baseline; head: the control findings, and the baseline rewritten to hold them. Built once for
   * the two tests that use it (the action only reads the checkout).
   */
  let baselinePrOnce: Promise<Pr> | undefined;
  const baselinePr = () => (baselinePrOnce ??= buildBaselinePr());
  async function buildBaselinePr(): Promise<Pr> {
    const baseline = '.gatewarden-baseline.json';
    const repo = new Repo();
    repo.write({ 'README.md': '# app\n', 'docker-compose.yml': COMPOSE_BASE });
    expect((await runCli(['baseline', '.', '--output', baseline], { cwd: repo.dir })).code).toBe(0);
    const base = repo.commit('base with a baseline');
    repo.write(CONTROL_HEAD);
    // The attacker runs the tool's own baseline command: every finding of the head goes into the baseline.
    expect((await runCli(['baseline', '.', '--output', baseline], { cwd: repo.dir })).code).toBe(0);
    expect(readFileSync(path.join(repo.dir, baseline), 'utf8')).toContain('config/keys.txt');
    return { repo, base, head: repo.commit('add a key, and baseline it') };
  }

  it('fingerprints the PR appends to the committed baseline are shown (pr-suppressions: review): a notice at each finding and a "Suppressed by this pull request" row', async () => {
    const r = await runPr(await baselinePr(), { baseline: '.gatewarden-baseline.json' });
    const section = suppressedSection(r.summary);
    expect(section).toBeDefined();
    expect(section).toContain('config/keys.txt');
    expect(section).toContain('docker-compose.yml');
    expect(section).toMatch(/baseline/i);
    expect(annotated(r, 'notice', 'config/keys.txt').some((l) => /suppress/i.test(l))).toBe(true);
    expect(annotated(r, 'notice', 'docker-compose.yml').some((l) => /suppress/i.test(l))).toBe(true);
  });

  it('fingerprints the PR appends to the committed baseline are not honoured with pr-suppressions: deny', async () => {
    const r = await runPr(await baselinePr(), { baseline: '.gatewarden-baseline.json', 'pr-suppressions': 'deny' });
    expectControlFindingsReported(r);
  });

  it('the committed baseline applies without the baseline input, and the base commit still decides which entries the PR added', async () => {
    // The head scan picks .gatewarden-baseline.json up by itself (engine/scan.ts): without the input, entries the
    // PR appends must be shown (review) and refused (deny) exactly as with a named baseline.
    const shown = await runPr(await baselinePr());
    expect(suppressedSection(shown.summary)).toContain('config/keys.txt');
    expectControlFindingsReported(await runPr(await baselinePr(), { 'pr-suppressions': 'deny' }));
  });

  /** An inline ignore of every rule on the next line, in both spellings (today's and after the rename) at once. */
  const IGNORE_NEXT = '# gatewarden-ignore * -- test fixture';
  const inlineIgnored = { ...CONTROL_HEAD, 'config/keys.txt': `${IGNORE_NEXT}\nANTHROPIC=${KEY}\n` };

  it('an inline ignore comment the PR adds is shown (pr-suppressions: review): a notice at its line and a summary row with its reason', async () => {
    const r = await runPr(buildPr((repo) => repo.write(inlineIgnored)));
    const section = suppressedSection(r.summary);
    expect(section).toBeDefined();
    expect(section).toContain('config/keys.txt');
    expect(section).toContain('test fixture');
    expect(annotated(r, 'notice', 'config/keys.txt').some((l) => /,line=2,/.test(l) && /suppress/i.test(l))).toBe(true);
  });

  it('an inline ignore comment the PR adds is not honoured with pr-suppressions: deny', async () => {
    const r = await runPr(buildPr((repo) => repo.write(inlineIgnored)), { 'pr-suppressions': 'deny' });
    expectControlFindingsReported(r);
  });

  it('an inline ignore comment already at the base keeps suppressing the line below it (pr-suppressions: deny only concerns what the PR adds)', async () => {
    const r = await runPr(
      buildPr(
        (repo) => repo.write(inlineIgnored),
        (repo) => repo.write({ 'config/keys.txt': `${IGNORE_NEXT}\nANTHROPIC=placeholder\n` }),
      ),
      { 'pr-suppressions': 'deny' },
    );
    expect(annotated(r, 'error', 'config/keys.txt')).toEqual([]);
    expect(annotated(r, 'error', 'docker-compose.yml').some((l) => l.includes('compose.privileged'))).toBe(true);
  });
});

/** Every comment body and review body the action posted. */
const postedBodies = (api: FakeReviewApi) => api.reviews.flatMap((rv) => [rv.body, ...rv.comments.map((c) => c.body)]);

async function withApi<T>(fn: (gh: FakeGitHub) => Promise<T>): Promise<T> {
  const gh = await new FakeGitHub().start();
  try {
    return await fn(gh);
  } finally {
    await gh.stop();
  }
}

const reviewInputs = { 'review-comments': 'true', token: 'ghs_faketoken', 'fail-on': 'never' };

describe.concurrent('3. summary and review comments render untrusted text as text', () => {
  it('a file named "notes\\r<!-- x" cannot open an HTML comment that hides the rest of the job summary', async () => {
    const r = await runPr(buildPr((repo) => repo.write({ 'notes\r<!-- x': `ANTHROPIC=${KEY}\n`, 'docker-compose.yml': COMPOSE_PRIVILEGED })));
    expect(r.summary).toContain('compose.privileged');
    expect(markdownProblems(r.summary)).toEqual([]);
  });

  it('backticks, <img>, [links](javascript:), @mentions, ESC and U+202E in file, service and variable names render as text in the summary and annotations', async () => {
    const compose = [
      'services:',
      '  "svc @octocat <img src=x> [phish](https://evil.example)":',
      '    image: alpine:3.20',
      '    privileged: true',
      '    environment:',
      '      "API_TOKEN_@octocat_![t](https://evil.example/p.png)": "Xq7vR2mP9kLw3ZtB8nYc"',
      '',
    ].join('\n');
    const r = await runPr(
      buildPr((repo) =>
        repo.write({
          'md`<img src=x onerror=alert(1)>`[click](javascript:alert(1)).txt': `ANTHROPIC=${KEY}\n`,
          '@acme/security-team/.env': `ANTHROPIC_API_KEY=${KEY2}\n`,
          'esc\x1b[2J\x07.txt': `ANTHROPIC=${fakeAnthropicKey(1)}\n`,
          'rtl\u202etxt.exe': `ANTHROPIC=${fakeAnthropicKey(2)}\n`,
          'docker-compose.yml': compose,
        }),
      ),
    );
    expect(Number(r.outputs['new-findings-count'])).toBeGreaterThanOrEqual(5);
    expect(markdownProblems(r.summary)).toEqual([]);
    // Workflow commands: no terminal or bidi control character reaches the log.
    // eslint-disable-next-line no-control-regex -- control characters are what is looked for
    expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/);
  });

  it('review comments never @mention, link or embed HTML from file, service and variable names', async () => {
    await withApi(async (gh) => {
      const compose = `services:\n  "svc @octocat <img src=x> [phish](https://evil.example)":\n    image: alpine:3.20\n    privileged: true\n`;
      const pr = buildPr((repo) => repo.write({ '@acme/security-team/.env': `ANTHROPIC_API_KEY=${KEY}\n`, 'docker-compose.yml': compose }));
      const api = new FakeReviewApi(gh, pr.repo, pr.base, pr.head);
      const r = await runPr(pr, reviewInputs, { GITHUB_API_URL: gh.url });
      expect(r.code).toBe(0);
      expect(api.reviews).toHaveLength(1);
      expect(new Set(api.reviews[0]?.comments.map((c) => c.path))).toEqual(new Set(['@acme/security-team/.env', 'docker-compose.yml']));
      for (const body of postedBodies(api)) expect(markdownProblems(body)).toEqual([]);
    });
  });

  it('review-comment bookkeeping never adopts a comment another user wrote with our hidden marker: it posts its own and edits none of theirs', async () => {
    await withApi(async (gh) => {
      const pr = buildPr((repo) => repo.write(CONTROL_HEAD));
      const api = new FakeReviewApi(gh, pr.repo, pr.base, pr.head);
      // Run 1: the action comments on both findings.
      const first = await runPr(pr, reviewInputs, { GITHUB_API_URL: gh.url });
      expect(first.code).toBe(0);
      const own = api.comments.filter((c) => c.user.login === ACTION_BOT.login);
      expect(own.map((c) => c.path).sort()).toEqual(['config/keys.txt', 'docker-compose.yml']);
      const keyComment = own.find((c) => c.path === 'config/keys.txt');
      const marker = /<!--[^>]*-->\s*$/.exec(keyComment?.body ?? '')?.[0]?.trim() ?? '';
      expect(marker).toMatch(/[0-9a-f]{16}/);

      // Between runs: the key comment is gone (deleted by a maintainer); mallory copies its public marker into a
      // comment of hers elsewhere, and an outsider plants a marker with a made-up fingerprint.
      api.comments = api.comments.filter((c) => c !== keyComment);
      const mallory = api.add({ body: `Looks fine to me.\n${marker}`, path: 'README.md', line: 1, user: MALLORY });
      const outsider = api.add({ body: `nit\n${marker.replace(/[0-9a-f]{16,}/, (h) => 'f'.repeat(h.length))}`, path: 'docker-compose.yml', line: 4, user: OUTSIDER });

      const second = await runPr(pr, reviewInputs, { GITHUB_API_URL: gh.url });
      expect(second.code).toBe(0);
      expect(api.edits(mallory.id)).toEqual([]);
      expect(api.edits(outsider.id)).toEqual([]);
      // The key finding gets a comment of the action's own again; the privileged service keeps its comment.
      expect(api.reviews).toHaveLength(2);
      expect(api.reviews[1]?.comments.map((c) => c.path)).toEqual(['config/keys.txt']);
      expect(second.summary).not.toMatch(/Review comments skipped/);
    });
  });
});

describe.concurrent('4. a secret that is part of a name is redacted like the secret', () => {
  it('a key inside a .env variable name and a compose environment key never appears raw in annotations, summary, SARIF, outputs, JSON and text', async () => {
    const compose = `services:\n  app:\n    image: alpine:3.20\n    environment:\n      "API_TOKEN_${KEY2}": "Xq7vR2mP9kLw3ZtB8nYc"\n`;
    const pr = buildPr((repo) => repo.write({ '.env': `API_TOKEN_${KEY}=value123\n`, 'docker-compose.yml': compose }));
    const r = await runPr(pr, { 'fail-on': 'never' });
    // Still reported where the keys are (not dropped to keep them out of the outputs).
    const lines = (file: string) => sarifResults(r.sarif).filter((x) => uriOf(x) === file).map((x) => x.locations[0]?.physicalLocation.region.startLine);
    expect(lines('.env')).toContain(1);
    expect(lines('docker-compose.yml')).toContain(5);
    const json = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'never'], { cwd: pr.repo.dir });
    const text = await runCli(['scan', '.', '--format', 'text', '--fail-on', 'never'], { cwd: pr.repo.dir });
    for (const [channel, out] of Object.entries({ stdout: r.stdout, stderr: r.stderr, summary: r.summary, sarif: r.sarifText, outputs: JSON.stringify(r.outputs), json: json.stdout, text: text.stdout })) {
      for (const key of [KEY, KEY2]) expect(out.includes(leak(key)), `${channel} holds a key`).toBe(false);
    }
  });
});

describe.concurrent('5. every commit of the pull request is scanned', () => {
  it('a key added in one commit of the PR and removed in a later one is a new finding at the commit that added it', async () => {
    const repo = new Repo().write({ 'README.md': '# app\n' });
    const base = repo.commit('base');
    const adding = repo.write({ 'config/keys.txt': `ANTHROPIC=${KEY}\n` }).commit('add the key');
    const head = repo.write({ 'config/keys.txt': 'ANTHROPIC=${ANTHROPIC_API_KEY}\n' }).commit('use the environment instead');
    const r = await runPr({ repo, base, head });
    expect(r.code).toBe(1);
    expect(Number(r.outputs['new-findings-count'])).toBeGreaterThanOrEqual(1);
    expect(r.annotations.some((l) => l.startsWith('::error ') && l.includes(SECRET_RULE))).toBe(true);
    expect(r.summary).toContain(adding.slice(0, 7));
    expect(r.summary).not.toContain('**No new findings.**');
    for (const text of [r.stdout, r.summary, r.sarifText]) expect(text).not.toContain(leak(KEY));
  });
});

describe.concurrent('6. fingerprints do not give away weak passwords', () => {
  const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
  /** The published derivation of today's fingerprints (docs: "a hash with a fixed public salt"). */
  const publicFingerprint = (ruleId: string, file: string, secret: string) => {
    const identity = `secret:${sha256(`gatewarden/secret-fingerprint/v1\0${secret}`)}`;
    return [identity.slice(7), sha256(`v1\0${ruleId}\0${file}\0${identity}`).slice(0, 32)];
  };
  /** What a guesser tries first: season + year + a symbol, in two cases. */
  const dictionary = ['Spring', 'Summer', 'Autumn', 'Fall', 'Winter'].flatMap((s) => [s, s.toLowerCase()]).flatMap((s) => Array.from({ length: 31 }, (_, i) => `${s}${2000 + i}`)).flatMap((s) => ['', '!', '?', '#', '1', '@'].map((x) => s + x));
  const composeWith = (password: string) => `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "${password}"\n`;

  it('the fingerprint of POSTGRES_PASSWORD "Summer2024!" in SARIF, the baseline and review markers is not found by a dictionary of guesses', async () => {
    expect(dictionary).toContain('Summer2024!');
    await withApi(async (gh) => {
      const pr = buildPr((repo) => repo.write({ 'docker-compose.yml': composeWith('Summer2024!') }));
      const api = new FakeReviewApi(gh, pr.repo, pr.base, pr.head);
      const r = await runPr(pr, reviewInputs, { GITHUB_API_URL: gh.url });
      const onCompose = sarifResults(r.sarif).filter((x) => uriOf(x) === 'docker-compose.yml');
      expect(onCompose.some((x) => /password|secret/i.test(x.message.text))).toBe(true);
      const baselineFile = path.join(tempDir(), 'baseline.json');
      expect((await runCli(['baseline', '.', '--output', baselineFile], { cwd: pr.repo.dir })).code).toBe(0);
      expect(postedBodies(api).length).toBeGreaterThan(0);
      // Every hex string of 32 characters or more that the three places publish, and each 32-character prefix.
      const published = new Set([r.sarifText, readFileSync(baselineFile, 'utf8'), ...postedBodies(api)].flatMap((t) => [...t.matchAll(/[0-9a-f]{32,}/g)].flatMap((m) => [m[0], m[0].slice(0, 32)])));
      const rules = [...new Set(onCompose.map((x) => x.ruleId))];
      const recovered = dictionary.filter((guess) => rules.some((rule) => publicFingerprint(rule, 'docker-compose.yml', guess).some((h) => published.has(h) || published.has(h.slice(0, 32)))));
      expect(recovered).toEqual([]);
    });
  });

  it('a low-entropy password is identified by place and rule: changing only the password keeps the fingerprint', async () => {
    const fingerprints = async (password: string) => {
      const repo = new Repo().write({ 'docker-compose.yml': composeWith(password) });
      repo.commit('compose');
      const out = await runCli(['scan', '.', '--format', 'json', '--fail-on', 'never'], { cwd: repo.dir });
      const report = JSON.parse(out.stdout) as { findings: { ruleId: string; fingerprint: string; message: string }[] };
      return report.findings.filter((f) => /password|secret/i.test(f.message)).map((f) => `${f.ruleId} ${f.fingerprint}`).sort();
    };
    const summer = await fingerprints('Summer2024!');
    expect(summer.length).toBeGreaterThan(0);
    expect(await fingerprints('Winter2023?')).toEqual(summer);
  });
});

describe.concurrent('8. merge queue', () => {
  it('a merge_group event is compared like a pull request (base_sha..head_sha): findings already on the base do not fail the queue', async () => {
    const repo = new Repo().write({ 'README.md': '# app\n', 'docker-compose.yml': COMPOSE_PRIVILEGED });
    const base = repo.commit('base with a privileged service');
    const head = repo.write({ 'docs/notes.md': 'docs only\n' }).commit('docs');
    const r = await runAction({ cwd: repo.dir, eventName: 'merge_group', payload: mergeGroupPayload({ baseSha: base, headSha: head }) });
    expect(r.code).toBe(0);
    expect(r.outputs['new-findings-count']).toBe('0');
    expect(Number(r.outputs['findings-count'])).toBeGreaterThanOrEqual(1);
    expect(r.summary).toContain(`Compared with ${base.slice(0, 7)}`);
  });

  it('a merge_group event still fails on a finding the queued pull request introduces', async () => {
    const repo = new Repo().write({ 'README.md': '# app\n' });
    const base = repo.commit('base');
    const head = repo.write(CONTROL_HEAD).commit('queued pull request');
    const r = await runAction({ cwd: repo.dir, eventName: 'merge_group', payload: mergeGroupPayload({ baseSha: base, headSha: head }) });
    expect(r.code).toBe(1);
    expect(annotated(r, 'error', 'config/keys.txt')).toHaveLength(1);
  });
});
