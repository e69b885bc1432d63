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
import { RULES } from '../../rules/index.js';
import { scanRepository } from '../app/scan-repository.js';
import type { OctokitOptions } from '../github/octokit.js';
import { describeError } from '../model/errors.js';
import type { AnyRule } from '../model/rule.js';
import { historySweep } from './history.js';
import { getSettings } from './inputs.js';
import { newFindings, pullRequestMode, startBaseSide } from './pr-mode.js';
import { annotate, conclude, summarise, writeSarif, type Outcome } from './reports.js';
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
    const files = { paths: [settings.path], rules, jobs: settings.jobs, configFile: settings.config, baselineFile: settings.baseline };
    const head = sweep ? Promise.resolve(sweep) : scanRepository(files);
    const baseSide = pr && !sweep ? startBaseSide(settings.path, pr.pr, rules, lines, head) : undefined;
    const result = await head;
    const reported = pr ? await newFindings(result, baseSide, lines) : result.findings.filter((f) => !f.suppressed);
    const outcome: Outcome = { result, reported, prMode: Boolean(pr), rules };

    await writeSarif(settings, outcome);
    const notAnnotated = annotate(settings, outcome);
    if (pr?.pr && settings.reviewComments) lines.push(await reviewComments(settings, pr.pr, reported, result, rules, opts.client));
    await summarise(outcome, lines, notAnnotated, settings.severity);
    conclude(settings, outcome);
  } catch (err) {
    core.setFailed(describeError(err));
  }
}
