/**
 * The pipeline, one stage per folder of src/engine, each taking its inputs and returning its outputs:
 *   discover → read (classify, text rules; parse what is structured) → assemble (shared targets, compose
 *   projects, OpenClaw includes) → check (shared targets, shell one file at a time, the repository)
 *   → post-process → ScanResult (reporters take it from here).
 * Where the scan runs (this thread, a worker for a large scan, worker threads for plain files) is decided above
 * the pipeline (engine/threads/, src/app/): the per-file stage may be handed a FileStageExecutor.
 */
import type { Finding, Note } from '../model/finding.js';
import type { AnyRule } from '../model/rule.js';
import { assemble } from './assemble/assemble.js';
import { Breather } from './breather.js';
import { checkRepository, checkShared, checkShells } from './check/run-targets.js';
import { RuleRunner } from './check/runner.js';
import { TokenDetector } from './check/tokens.js';
import { scanConfig, searchDir, type ConfigText } from './config.js';
import { blobFiles, discover, resolveRoot, type ScanRoot } from './discover/discover.js';
import path from 'node:path';
import { defaultBaseline, loadBaseline } from './postprocess/baseline.js';
import { scrubFindings, scrubNotes } from './postprocess/redact.js';
import { postprocess } from './postprocess/scan-wide.js';
import { readFiles, type FileStageExecutor } from './read/file-stage.js';
import { repoFileReader } from './read/repo-file.js';

export interface ScanOptions {
  paths: readonly string[];
  rules: readonly AnyRule[];
  /** `--config FILE`; otherwise `.gatewarden.yml` in the first scanned directory. */
  configFile?: string;
  /** Do not look for `.gatewarden.yml` (for tools that scan exact files, e.g. the docs generator). */
  noConfig?: boolean;
  /**
   * The config as text instead of a file (pull-request mode: the base commit's, so the pull request does not set
   * its own policy); `file` is where it sits in the work tree. Takes precedence over `configFile`.
   */
  configText?: ConfigText;
  /** `note`: a broken config is an error-level note and the scan runs with the defaults; `throw` (default): a usage error. */
  configErrors?: 'throw' | 'note';
  /** `--baseline FILE`; otherwise `.gatewarden-baseline.json` in the first scanned directory when it is there. */
  baselineFile?: string;
  /** Do not pick up `.gatewarden-baseline.json` (`gatewarden baseline`, which writes it, must see every finding). */
  noBaseline?: boolean;
  /** Overrides the config's limit (bytes). */
  maxFileSize?: number;
  /** Called after each file is read, for progress display. */
  onProgress?: (done: number, total: number) => void;
  /** Runs the per-file stage of plain files elsewhere (worker threads: engine/threads/pool.ts); default: here. */
  fileStage?: FileStageExecutor;
  /**
   * Scan these contents instead of a directory: the files of a git tree (paths relative, `/`-separated), all of
   * them tracked; nothing is read from disk, no config is looked for (`paths` is ignored). For scanning a commit
   * without checking it out (pull-request mode scans the base commit's versions of the changed files).
   * `base`: the directory the paths are relative to, for the record (ScanResult.root).
   */
  blobs?: { base: string; files: ReadonlyMap<string, Buffer> };
  /**
   * Report findings in these files only. Text rules, which only ever report on the file they read, are not run on
   * the others; rules that look across files still see every file. (Pull-request mode's scan of the base commit
   * needs the fingerprints of the changed files only, and reads the other structured files for context.)
   */
  findingsIn?: ReadonlySet<string>;
}

export interface ScanResult {
  root: ScanRoot;
  /** Every finding, suppressed ones flagged (`suppressed`), sorted by file and line. */
  findings: Finding[];
  notes: Note[];
  stats: { files: number; bytes: number; skipped: number; durationMs: number };
  /** Number of rule crashes; the scan went on, the exit code says so. */
  internalErrors: number;
  /** The baseline applied, relative to `root.base` (`/`-separated); `automatic` when found, not named. */
  baseline?: { file: string; automatic: boolean };
}

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const notes: Note[] = [];
  const root = opts.blobs ? { base: opts.blobs.base, git: true, targets: [] } : await resolveRoot(opts.paths.length ? opts.paths : ['.']);
  const config = await scanConfig(opts, root, notes);
  // Without --baseline, a committed `.gatewarden-baseline.json` where `.gatewarden.yml` is looked for is used (and
  // said so: a note, and ScanResult.baseline for the reports); never for a commit's contents or the baseline command.
  const found = opts.baselineFile === undefined && !opts.noBaseline && !opts.noConfig && !opts.blobs ? defaultBaseline(searchDir(root)) : undefined;
  const baselineFile = opts.baselineFile ?? found;
  const baseline = baselineFile ? await loadBaseline(baselineFile) : undefined;
  const baselineShown = baselineFile ? path.relative(root.base, path.resolve(baselineFile)).split(path.sep).join('/') : undefined;
  if (found && baselineShown) notes.push({ level: 'info', code: 'baseline.automatic', message: `baseline ${baselineShown} picked up automatically (--baseline FILE names another)`, file: baselineShown });
  const rules = opts.rules.filter((r) => config.rules.get(r.id) !== 'off');
  const readRepoFile = repoFileReader(root.base, opts.blobs);
  const breather = new Breather();
  // One token detector for the run, from the registry the scan was given: a token rule switched off in the config
  // still tells the generic and OpenClaw rules what a provider token is.
  const tokens = new TokenDetector(opts.rules);
  const runner = new RuleRunner(rules, notes, undefined, tokens);

  // Read every file once (classify, text rules, parse what is structured); assemble the targets that span files.
  const batches = opts.blobs ? [blobFiles(opts.blobs)] : discover(root, notes, (files) => config.unignored(files));
  const fileStage = { rules, tokens, maxFileSize: opts.maxFileSize ?? config.maxFileSize, fileStage: opts.fileStage, findingsIn: opts.findingsIn, onProgress: opts.onProgress };
  const { project, shells, files, bytes, skipped, internalErrors } = await assemble(await readFiles(batches, fileStage, breather), runner, readRepoFile, notes);

  // Check the shared targets, each seeing all the others; then the shell, one file at a time; then the repository.
  await checkShared(project, runner);
  await checkShells(project, shells, runner, breather);
  await checkRepository(project, files, root.git, readRepoFile, runner);

  // Nothing to scan is worth saying out loud: a foreign `.git` file or an ignore-everything config can empty a
  // scan, which would otherwise pass as clean (security review, B13).
  if (!opts.blobs && files.length === 0) notes.push({ level: 'warning', code: 'scan.no_files', message: '0 files scanned: check the path, the .gatewarden.yml ignore patterns, and whether a .git file points elsewhere' });
  // Every output text of a file's findings and notes scrubbed of every secret reported in that file, whatever its
  // shape (a rule naming a compose key does not know the name holds a key); the heuristic of finalize.ts stays.
  scrubNotes(notes, runner.secrets);
  const findings = postprocess(scrubFindings(runner.findings, runner.secrets), { config, baseline, findingsIn: opts.findingsIn });
  const durationMs = Math.round(performance.now() - started);
  return {
    root,
    findings,
    notes,
    stats: { files: files.length, bytes, skipped, durationMs },
    internalErrors: internalErrors + runner.internalErrors,
    ...(baselineShown ? { baseline: { file: baselineShown, automatic: Boolean(found) } } : {}),
  };
}
