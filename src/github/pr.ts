/**
 * Pull-request mode: which findings does the pull request introduce?
 *
 * The checkout (HEAD) is scanned whole (action/main.ts). The files the PR changed are also scanned as they were at
 * the base commit, and a finding counts as new when it is in a changed file and its fingerprint is not among the
 * base findings. Fingerprints never contain line numbers, so a finding that only moved is not new. This needs
 * git and the base commit only, never the GitHub API: it works on fork PRs, with a read-only token, offline.
 *
 * The base scan also gets the base versions of every structured file (compose, OpenClaw config, dotenv,
 * Dockerfile, YAML, the root .gitignore), so rules that look across files see the same project at both ends.
 * A renamed file is scanned at the base under its new name, so its old findings keep their fingerprints.
 * It runs on the blobs in memory (ScanOptions.blobs) and reports on the changed files only (findingsIn: the text
 * rules skip the rest), which halves the action's pull-request run (docs/performance.md#the-base-scan). The base
 * side needs nothing of the head scan, so the action runs it meanwhile (action/pr-mode.ts).
 */
import { classify } from '../engine/read/classify.js';
import { scan, type ScanOptions, type ScanResult } from '../engine/scan.js';
import type { Finding } from '../model/finding.js';
import type { AnyRule } from '../model/rule.js';
import { changedFiles, listTree, readBlobs, resolveBase, type BaseCommit, type ChangedFile } from './git.js';

/** The base side of the comparison, which needs nothing of the head scan: it can run while the head is scanned. */
export interface BaseScan {
  base: BaseCommit;
  changed: ChangedFile[];
  /** Files the pull request adds or modifies (as at HEAD): the only files whose findings can be new. */
  changedPaths: ReadonlySet<string>;
  /** Fingerprints found at the base. */
  baseFingerprints: ReadonlySet<string>;
}

const CONFIG_NAMES = new Set(['.gatewarden.yml', '.gatewarden.yaml']);

function isContextFile(p: string): boolean {
  return p === '.gitignore' || classify(p) !== 'text' || /\.ya?ml$/i.test(p);
}

/**
 * Scans the base versions of the changed files (and the structured files, for context) of the git work tree at
 * `cwd`. `scanner` runs the scan (the action's runs it in the scan worker when it is large: action/pr-mode.ts).
 */
export async function scanBase(
  cwd: string,
  pr: { baseSha: string; headSha: string },
  rules: readonly AnyRule[],
  log: (line: string) => void,
  scanner: (opts: ScanOptions) => Promise<ScanResult> = scan,
  resolved?: BaseCommit,
): Promise<BaseScan> {
  const base = resolved ?? (await resolveBase(cwd, pr, log));
  const changed = await changedFiles(cwd, base.sha);
  const tree = await listTree(cwd, base.sha);

  // target path (as at HEAD) → path at the base
  const wanted = new Map<string, string>();
  for (const c of changed) {
    if (c.status === 'deleted') continue;
    const from = c.oldPath ?? c.path;
    if (tree.has(from)) wanted.set(c.path, from);
  }
  const renamedAway = new Set(changed.filter((c) => c.oldPath && c.status === 'renamed').map((c) => c.oldPath));
  for (const p of tree.keys()) if (isContextFile(p) && !wanted.has(p) && !renamedAway.has(p)) wanted.set(p, p);
  // The config is not scanned (an invalid one at the base must not stop the run); it does not change fingerprints.
  for (const p of CONFIG_NAMES) wanted.delete(p);

  const blobs = await readBlobs(cwd, [...wanted.values()].map((p) => tree.get(p)?.sha ?? ''));
  const files = new Map<string, Buffer>();
  for (const [target, from] of wanted) {
    const blob = blobs.get(tree.get(from)?.sha ?? '');
    if (blob) files.set(target, blob);
  }

  // Scanned from memory, as the tracked files of a repository (a tracked file that .gitignore lists is scanned,
  // as at HEAD); a scratch repository would cost more than the scan (docs/performance.md#the-base-scan).
  const changedPaths = new Set(changed.filter((c) => c.status !== 'deleted').map((c) => c.path));
  const result = files.size ? await scanner({ paths: [], rules, blobs: { base: cwd, files }, findingsIn: changedPaths }) : undefined;
  return { base, changed, changedPaths, baseFingerprints: new Set(result?.findings.map((f) => f.fingerprint) ?? []) };
}

/** Findings of the head scan that the pull request introduces (not suppressed): in a changed file, not at the base. */
export function introduced(head: ScanResult, base: BaseScan): Finding[] {
  return head.findings.filter((f) => !f.suppressed && base.changedPaths.has(f.location.file) && !base.baseFingerprints.has(f.fingerprint));
}
