/**
 * The action: settings → scan → (pull-request mode: compare with the base) → SARIF file, annotations, review
 * comments, job summary, outputs → pass/fail.
 *
 * Full mode (push, schedule, workflow_dispatch, or `mode: full`) reports every finding. Pull-request mode
 * (`mode: auto` on pull_request events, or `mode: pr`) annotates, comments on and fails on the findings the PR
 * introduces only; the SARIF file always holds every finding, because code scanning compares the PR's analysis
 * with the base branch's itself and would otherwise count pre-existing alerts as fixed. Nothing that needs the
 * GitHub API can fail the run: without permission (fork PRs, read-only tokens) the results stay in the
 * annotations and the job summary, and the summary says why in one line.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { RULES } from '../../rules/index.js';
import { describeError, UsageError } from '../model/errors.js';
import { failing } from '../engine/gate.js';
import { resolveRoot } from '../engine/discover/discover.js';
import { scanIsolated, type IsolateOptions } from '../engine/threads/isolate.js';
import { scan, type ScanOptions, type ScanResult } from '../engine/scan.js';
import { poolForJobs, type PoolOptions } from '../engine/threads/pool.js';
import type { Finding } from '../model/finding.js';
import type { AnyRule } from '../model/rule.js';
import { renderAnnotations } from '../report/github.js';
import { STREAMS, writeReport, type ScanReport } from '../report/index.js';
import { summaryMarkdown } from '../report/summary.js';
import { historySweep } from './history.js';
import { createOctokit, statusOf, type OctokitOptions } from '../github/octokit.js';
import { isPullRequestEventName, pullRequestOf, readEvent, type PullRequestEvent } from '../github/event.js';
import { git } from '../github/git.js';
import { introduced, scanBase, type BaseScan } from '../github/pr.js';
import { MAX_REVIEW_COMMENTS, postReview } from '../github/review.js';
import { getSettings, type ActionSettings } from './inputs.js';

/**
 * Test seams; index.ts passes nothing. `client`: Octokit options (shorter waits, a private limiter). `rules`: the
 * rule set (default: every rule), so end-to-end tests stay about the rules they exercise as rules are added.
 */
export interface RunOptions {
  client?: Pick<OctokitOptions, 'throttle' | 'retry'>;
  rules?: readonly AnyRule[];
}

export async function run(opts: RunOptions = {}): Promise<void> {
  const rules = opts.rules ?? RULES;
  try {
    const settings = getSettings();
    const event = await readEvent();
    const prMode = settings.mode === 'pr' || (settings.mode === 'auto' && isPullRequestEventName(event.name));
    const pr = prMode ? pullRequestOf(event) : undefined;
    const lines: string[] = [];

    // `history: true` in full mode: the history sweep replaces the file scan (action/history.ts); on a pull
    // request it only adds a summary line.
    const sweep = await historySweep(settings, lines);
    const head: Promise<ScanResult> = sweep
      ? Promise.resolve(sweep)
      : scanIsolated(
          {
            paths: [settings.path],
            rules,
            ...(settings.config ? { configFile: settings.config } : {}),
            ...(settings.baseline ? { baselineFile: settings.baseline } : {}),
            ...withPool(settings.jobs),
          },
          // A large scan runs in a worker (engine/isolate.ts).
          isolateOptions(),
          scan,
        );
    // Pull-request mode: the base side (git, then the base versions of the changed and structured files) needs
    // nothing of the head scan, so it starts now (startBaseSide).
    const baseSide = prMode && !sweep ? startBaseSide(settings.path, pr, rules, lines, head) : undefined;
    const result = await head;
    const active = result.findings.filter((f) => !f.suppressed);

    let reported: Finding[] = active;
    if (prMode) reported = await newFindings(result, baseSide, lines);

    const input: ScanReport = { findings: result.findings, notes: result.notes, catalogue: rules, stats: result.stats, ...(sweep ? { history: sweep.history } : {}) };

    const sarifPath = path.resolve(settings.sarifFile);
    await mkdir(path.dirname(sarifPath), { recursive: true });
    await writeReport(STREAMS.sarif(input, { showSuppressed: false, category: settings.category, color: false }), sarifPath);

    // The step's own `::error::` lines (failing findings, internal errors) take error slots from the same budget.
    const over = failing(reported, settings.failOn);
    const reserved = (over.length ? 1 : 0) + (result.internalErrors ? 1 : 0);
    let notAnnotated: Finding[] = [];
    if (settings.annotations) {
      const annotations = renderAnnotations(reported, rules, reserved);
      process.stdout.write(annotations.text);
      notAnnotated = annotations.omitted;
    }

    if (prMode && pr && settings.reviewComments) lines.push(await reviewComments(settings, pr, reported, result, rules, opts));

    const summaryFile = process.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) {
      // Appended directly rather than through core.summary, which caches the file name for the process.
      const markdown = summaryMarkdown(prMode ? { ...input, findings: reported } : input, {
        heading: prMode ? 'Gatewarden: findings this pull request introduces' : 'Gatewarden',
        noun: prMode ? 'new finding' : 'finding',
        lines,
        notAnnotated,
        ...(prMode ? { preExisting: active.length - reported.length } : {}),
      });
      await appendFile(summaryFile, markdown);
    } else for (const l of lines) core.info(l);

    core.setOutput('sarif-file', settings.sarifFile);
    core.setOutput('findings-count', active.length);
    core.setOutput('new-findings-count', reported.length);

    if (result.internalErrors) core.setFailed(`Gatewarden hit ${result.internalErrors} internal error(s); see the notes in the job summary.`);
    if (over.length) core.setFailed(`Gatewarden: ${over.length} ${prMode ? 'new ' : ''}finding(s) at or above ${settings.failOn}.`);
  } catch (err) {
    core.setFailed(err instanceof UsageError ? err.message : describeError(err));
  }
}

type BaseSide = { scan: BaseScan } | { skipped: string } | { failed: string };

/**
 * Base scans of this many files or more (the changed files and the structured ones, at the base) run in a worker
 * while the head is scanned; smaller ones run on this thread once the head scan is done. Measured on Node 24, 2
 * cores (docs/performance.md): with 5,400 base files the overlap saved 0.4 s, with 1,132 0.1 s; with 601 nothing,
 * and with 310 or a handful it cost 0.07-0.1 s (the worker's start-up), each time for 15-25 MB more.
 */
const BASE_WORKER_MIN_FILES = 1000;

/**
 * The base side of pull-request mode, started with the head scan: git runs at once (its output is read while the
 * head scan lets the event loop breathe); the base scan runs in a worker meanwhile when it is large, or after
 * `head` otherwise, so two scans never share this thread's memory. It never rejects: a failure is its answer.
 */
async function startBaseSide(scanPath: string, pr: PullRequestEvent | undefined, rules: readonly AnyRule[], lines: string[], head: Promise<unknown>): Promise<BaseSide> {
  if (!pr) return { skipped: 'Pull-request mode needs a pull_request event with base and head SHAs, and this run has none: every finding is reported as new.' };
  try {
    const root = await resolveRoot([scanPath]);
    if (!root.git) return { skipped: 'Pull-request mode needs a git checkout to compare with the base commit, and the scanned directory is not one: every finding is reported as new.' };
    const log = (l: string) => {
      core.info(l);
      lines.push(l);
    };
    const afterHead = async (opts: ScanOptions) => {
      await head;
      return scan(opts);
    };
    const scanner = (opts: ScanOptions) => scanIsolated(opts, { ...isolateOptions(), minFiles: BASE_WORKER_MIN_FILES }, afterHead);
    return { scan: await scanBase(root.base, pr, rules, log, scanner) };
  } catch (err) {
    return { failed: err instanceof Error ? err.message : String(err) };
  }
}

/** The findings the pull request introduces; when that cannot be worked out, every finding, and a line why. */
async function newFindings(result: ScanResult, baseSide: Promise<BaseSide> | undefined, lines: string[]): Promise<Finding[]> {
  const all = result.findings.filter((f) => !f.suppressed);
  const side = await baseSide;
  if (!side) return all;
  if ('skipped' in side) {
    lines.push(side.skipped);
    return all;
  }
  if ('failed' in side) {
    core.warning(`Gatewarden could not compare with the base commit: ${side.failed}`);
    lines.push(`Could not compare with the base commit (${side.failed}): every finding is reported as new.`);
    return all;
  }
  const { base, changed } = side.scan;
  lines.push(`Compared with ${base.sha.slice(0, 7)} (${base.how === 'merge-parent' ? 'the base branch the pull request merges into' : base.how === 'merge-base' ? 'where the pull request branched off' : 'the base branch tip'}), ${changed.length} changed file(s).`);
  return introduced(result, side.scan);
}

/**
 * The bundle every worker thread runs: dist/cli.js, beside this bundle (dist/index.js), which serves both kinds
 * (engine/pool.ts, engine/isolate.ts). From the TypeScript sources there is no bundle to run: undefined.
 */
function cliBundle(): URL | undefined {
  return import.meta.url.endsWith('.js') ? new URL('./cli.js', import.meta.url) : undefined;
}

/** The scan worker (engine/isolate.ts); without the bundle, scanIsolated scans on this thread. */
function isolateOptions(): IsolateOptions {
  return { script: cliBundle() ?? new URL(import.meta.url), registry: RULES };
}

/** Posts the review; returns the one line the summary shows about it. Never throws. */
async function reviewComments(settings: ActionSettings, pr: PullRequestEvent, findings: Finding[], result: ScanResult, rules: readonly AnyRule[], opts: RunOptions): Promise<string> {
  if (pr.fork) return 'Review comments skipped: this pull request comes from a fork, whose token cannot write to this repository; the findings are in the annotations and this summary.';
  if (!settings.token) return 'Review comments skipped: no token (input `token`); the findings are in the annotations and this summary.';
  const base = result.root.base;
  // A CI step has a time budget: two retries at most, and no wait longer than two minutes.
  const client = createOctokit({
    purpose: 'action',
    token: settings.token,
    baseUrl: process.env.GITHUB_API_URL ?? '',
    log: { debug() {}, info() {}, warn: (l) => core.info(l), error() {} },
    limitRetries: 2,
    maxWaitSeconds: 120,
    ...opts.client,
  });
  try {
    const out = await postReview({
      client,
      pr,
      findings,
      allFindings: result.findings,
      catalogue: rules,
      readText: async (file) => readFile(path.join(base, file), 'utf8').catch(() => undefined),
      blobSha: async (file) =>
        result.root.git
          ? (await git(base, ['hash-object', '--', file]).catch(() => undefined))?.toString('utf8').trim()
          : undefined,
    });
    const parts = [
      out.created ? `${out.created} posted in a new review` : '',
      out.updated ? `${out.updated} updated` : '',
      out.unchanged ? `${out.unchanged} unchanged` : '',
      out.resolved ? `${out.resolved} marked resolved` : '',
      out.notCommented.length ? `${out.notCommented.length} not commented (not on a line of the pull request's diff, or over ${MAX_REVIEW_COMMENTS} per review; they are in the annotations and this summary)` : '',
    ].filter(Boolean);
    return `Review comments: ${parts.length ? parts.join(', ') : 'nothing to comment on'}.`;
  } catch (err) {
    const status = statusOf(err);
    const message = (err instanceof Error ? err.message.split('\n')[0] : undefined) ?? String(err);
    const why = /rate limit/i.test(message)
      ? `GitHub's rate limit was still in force after the retries (HTTP ${status ?? '?'})`
      : status === 403 || status === 404
      ? `the token cannot read or write this pull request's reviews (HTTP ${status}); grant \`pull-requests: write\` to the job to get them`
      : `the GitHub API failed (${message})`;
    core.info(`Gatewarden review comments skipped: ${why}.`);
    return `Review comments skipped: ${why}; the findings are in the annotations and this summary.`;
  }
}

/**
 * Worker threads (engine/pool.ts) as the `jobs` input says (`auto`: two threads from 10,000 plain files), running
 * `cliBundle()`; without it everything stays on this thread.
 */
function withPool(jobs: ActionSettings['jobs']): { pool?: PoolOptions } {
  const bundle = cliBundle();
  const pool = bundle ? poolForJobs(bundle.href, jobs) : undefined;
  return pool ? { pool } : {};
}
