/**
 * The action: settings → scan (or the history sweep) → reports → outputs → pass/fail.
 *
 * Full mode (push, schedule, workflow_dispatch, or `mode: full`) reports every finding. Pull-request mode
 * (`mode: auto` on pull_request events, or `mode: pr`) annotates, comments on and fails on the findings the PR
 * introduces only (pr-mode.ts); the SARIF file always holds every finding. Nothing that needs the GitHub API can
 * fail the run: without permission (fork PRs, read-only tokens) the results stay in the annotations and the job
 * summary, and the summary says why in one line.
 */
import * as core from '@actions/core';
import path from 'node:path';
import { RULES } from '../../rules/index.js';
import { scanRepository } from '../app/scan-repository.js';
import type { OctokitOptions } from '../github/octokit.js';
import { defaultBaseline } from '../engine/postprocess/baseline.js';
import { describeError } from '../model/errors.js';
import type { AnyRule } from '../model/rule.js';
import { historySweep } from './history.js';
import { getSettings, type ActionSettings } from './inputs.js';
import type { PullRequestEvent } from '../github/event.js';
import type { Finding } from '../model/finding.js';
import { applyPrSuppressions, prCommitFindings, readBasePolicy } from './policy.js';
import { newFindings, pullRequestMode, resolveBaseCommit, startBaseSide } from './pr-mode.js';
import { annotate, appendSummaryLine, conclude, setOutputs, summarise, writeSarif, type Outcome } from './reports.js';
import { reviewComments } from './review.js';

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
    const pr = await pullRequestMode(settings);
    const lines: string[] = [];
    // `history: true` in full mode: the sweep replaces the file scan (history.ts); on a pull request, a line says so.
    const sweep = await historySweep(settings, lines);
    // Pull-request mode: the base commit first, because the head scan takes its policy from there (policy.ts).
    const resolved = pr && !sweep ? await resolveBaseCommit(settings.path, pr.pr, lines) : undefined;
    // A committed .gatewarden-baseline.json applies without the input, as in the CLI; named here because the head
    // scan may be told not to look for policy files (noConfig), and in pull-request mode the base commit's copy of it
    // governs which entries this pull request adds, as it does for a named one.
    const baseline = settings.baseline || defaultBaseline(path.resolve(settings.path));
    const policy = resolved && 'base' in resolved ? await readBasePolicy({ ...settings, baseline }, resolved.root, resolved.base, rules, lines) : undefined;
    const configSource = policy ? policy.config : settings.config ? { configFile: settings.config } : {};
    const files = { paths: [settings.path], rules, jobs: settings.jobs, configErrors: 'note' as const, baselineFile: baseline, ...configSource };
    const head = sweep ? Promise.resolve(sweep) : scanRepository(files);
    const baseSide = resolved ? startBaseSide(resolved, pr?.pr, rules, head) : undefined;
    const result = await head;
    const prSuppressions = policy && resolved && 'base' in resolved ? await applyPrSuppressions(result, resolved.base, policy, settings.prSuppressions) : [];
    const introducedHere = pr ? await newFindings(result, baseSide, lines) : result.findings.filter((f) => !f.suppressed);
    // Every commit of the pull request, not only its merge tree (policy.ts).
    const inCommits = resolved && 'base' in resolved ? await prCommitFindings(settings.path, resolved.base, policy, rules, lines) : [];
    const reported = [...introducedHere, ...inCommits];
    const outcome: Outcome = { result, reported, prMode: Boolean(pr), rules, prSuppressions };
    await report(settings, outcome, lines, pr?.pr, opts);
  } catch (err) {
    core.setFailed(describeError(err));
  }
}

/**
 * Every channel, each on its own (a failure of one is said, and the others are still written), and every one
 * before any network step: SARIF, annotations, the job summary and the outputs; then the review comments, whose
 * outcome is appended to the summary; then the verdict.
 */
async function report(settings: ActionSettings, outcome: Outcome, lines: string[], pr: PullRequestEvent | undefined, opts: RunOptions): Promise<void> {
  const failed: string[] = [];
  const sarifNote = await writeSarif(settings, outcome).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    failed.push(`cannot write the SARIF report to ${settings.sarifFile}${code ? ` (${code})` : ''}`);
    return undefined;
  });
  if (sarifNote) lines.push(sarifNote);
  let notAnnotated: Finding[] = [];
  try {
    notAnnotated = annotate(settings, outcome);
  } catch (err) {
    failed.push(`cannot write the annotations (${describeError(err)})`);
  }
  await summarise(outcome, lines, notAnnotated, settings.severity).catch((err: unknown) => failed.push(`cannot write the job summary (${describeError(err)})`));
  setOutputs(settings, outcome);
  if (pr && !pr.mergeQueue && settings.reviewComments) {
    const line = await reviewComments(settings, pr, outcome.reported, outcome.result, outcome.rules, opts.client);
    await appendSummaryLine(line).catch(() => core.info(line));
  }
  conclude(settings, outcome, failed);
}
