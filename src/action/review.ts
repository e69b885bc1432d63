/** Pull-request review comments (github/review.ts) as the action posts them: one summary line, never a failure. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import type { ScanResult } from '../engine/scan.js';
import type { Finding } from '../model/finding.js';
import type { AnyRule } from '../model/rule.js';
import type { PullRequestEvent } from '../github/event.js';
import { git } from '../github/git.js';
import { createOctokit, statusOf, type OctokitOptions } from '../github/octokit.js';
import { MAX_REVIEW_COMMENTS, postReview } from '../github/review.js';
import type { ActionSettings } from './inputs.js';

/** Posts the review; returns the one line the summary shows about it. Never throws. */
export async function reviewComments(
  settings: ActionSettings,
  pr: PullRequestEvent,
  findings: Finding[],
  result: ScanResult,
  rules: readonly AnyRule[],
  client?: Pick<OctokitOptions, 'throttle' | 'retry'>,
): Promise<string> {
  if (pr.fork) return 'Review comments skipped: this pull request comes from a fork, whose token cannot write to this repository; the findings are in the annotations and this summary.';
  if (!settings.token) return 'Review comments skipped: no token (input `token`); the findings are in the annotations and this summary.';
  const base = result.root.base;
  try {
    const out = await postReview({
      // A CI step has a time budget: two retries at most, and no wait longer than two minutes.
      client: createOctokit({
        purpose: 'action',
        token: settings.token,
        baseUrl: process.env.GITHUB_API_URL ?? '',
        log: { debug() {}, info() {}, warn: (l) => core.info(l), error() {} },
        limitRetries: 2,
        maxWaitSeconds: 120,
        ...client,
      }),
      pr,
      findings,
      allFindings: result.findings,
      catalogue: rules,
      readText: async (file) => readFile(path.join(base, file), 'utf8').catch(() => undefined),
      blobSha: async (file) => (result.root.git ? (await git(base, ['hash-object', '--', file]).catch(() => undefined))?.toString('utf8').trim() : undefined),
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
