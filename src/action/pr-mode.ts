/**
 * Pull-request mode's side of the action: whether this run is one, and which findings the pull request
 * introduces. The base side (git, then a scan of the base versions of the changed and structured files:
 * github/pr.ts) needs nothing of the head scan, so it starts with it.
 */
import * as core from '@actions/core';
import { scanRepository } from '../app/scan-repository.js';
import { resolveRoot, type ScanRoot } from '../engine/discover/discover.js';
import type { ScanResult } from '../engine/scan.js';
import type { Finding } from '../model/finding.js';
import type { AnyRule } from '../model/rule.js';
import { isPullRequestEventName, pullRequestOf, readEvent, type PullRequestEvent } from '../github/event.js';
import { resolveBase, type BaseCommit } from '../github/git.js';
import { introduced, scanBase, type BaseScan } from '../github/pr.js';
import type { ActionSettings } from './inputs.js';

/**
 * Base scans of this many files or more run in the scan worker beside the head scan; smaller ones run on this
 * thread once the head scan is done, where a worker's start-up would cost more than the overlap saves
 * (docs/performance.md#the-base-scan).
 */
const BASE_WORKER_MIN_FILES = 1000;

/** Pull-request mode, and the event's pull request when it has one; undefined in full mode. */
export async function pullRequestMode(settings: ActionSettings): Promise<{ pr: PullRequestEvent | undefined } | undefined> {
  const event = await readEvent();
  const on = settings.mode === 'pr' || (settings.mode === 'auto' && isPullRequestEventName(event.name));
  return on ? { pr: pullRequestOf(event) } : undefined;
}

export type BaseSide = { scan: BaseScan } | { skipped: string } | { failed: string };

/** The base commit, found before the head scan starts (the head scan needs the base's policy: action/policy.ts). */
export type ResolvedBase = { base: BaseCommit; root: ScanRoot & { targets: { abs: string; dir: boolean }[] } } | { skipped: string } | { failed: string };

/** Finds (and if need be fetches) the commit to compare with. Never rejects: a failure is its answer. */
export async function resolveBaseCommit(scanPath: string, pr: PullRequestEvent | undefined, lines: string[]): Promise<ResolvedBase> {
  if (!pr) return { skipped: 'Pull-request mode needs a pull_request event with base and head SHAs, and this run has none: every finding is reported as new.' };
  try {
    const root = await resolveRoot([scanPath]);
    if (!root.git) return { skipped: 'Pull-request mode needs a git checkout to compare with the base commit, and the scanned directory is not one: every finding is reported as new.' };
    const log = (l: string) => {
      core.info(l);
      lines.push(l);
    };
    return { base: await resolveBase(root.base, pr, log), root };
  } catch (err) {
    return { failed: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * The base side, started with the head scan: git runs at once (its output is read while the head scan lets the
 * event loop breathe); the base scan runs in the scan worker meanwhile when it is large, or after `head`
 * otherwise, so two scans never share this thread's memory. It never rejects: a failure is its answer.
 */
export async function startBaseSide(resolved: ResolvedBase, pr: PullRequestEvent | undefined, rules: readonly AnyRule[], head: Promise<unknown>): Promise<BaseSide> {
  if (!('base' in resolved) || !pr) return 'base' in resolved ? { skipped: '' } : resolved;
  try {
    const scanner = (opts: Parameters<typeof scanRepository>[0]) => scanRepository({ ...opts, jobs: 1, isolateMinFiles: BASE_WORKER_MIN_FILES, after: head });
    return { scan: await scanBase(resolved.root.base, pr, rules, () => undefined, scanner, resolved.base) };
  } catch (err) {
    return { failed: err instanceof Error ? err.message : String(err) };
  }
}

/** The findings the pull request introduces; when that cannot be worked out, every finding, and a line why. */
export async function newFindings(result: ScanResult, baseSide: Promise<BaseSide> | undefined, lines: string[]): Promise<Finding[]> {
  const all = result.findings.filter((f) => !f.suppressed);
  const side = await baseSide;
  if (!side) return all;
  if ('skipped' in side) {
    if (side.skipped) lines.push(side.skipped);
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
