/**
 * The pipeline, top to bottom:
 *   discover → read → classify → run text rules → parse once (structured kinds) → build compose projects
 *   → run rules on the shared targets → parse and check shell, one file at a time → run repository rules
 *   → post-process → ScanResult (reporters take it from here)
 * Memory: text files are streamed (their text is dropped once their findings are located). The kinds that
 * cross-file rules read (compose, OpenClaw config, dotenv, Dockerfiles, host configs: few and small) are kept for
 * the whole scan. Scripts, Makefiles and workflows are not: their syntax trees are many times their size and no
 * rule reads another file's shell, so each is parsed when its turn comes in stage 4 (only if a shell rule has a
 * keyword in it), checked, and let go. A parse may yield derived targets (Dockerfile RUN shell, heredoc
 * configs) anchored in the same file.
 */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Note, Report } from '../model/finding.js';
import type { AnyRule, RuleMeta } from '../model/rule.js';
import type { FileKind, ProjectView, RepoFile, RepoTarget, SharedKind, ShellTarget, Target, TargetMap } from '../model/target.js';
import { classify } from './read/classify.js';
import { buildComposeProjects } from './assemble/compose/project.js';
import { defaultConfig, loadConfig, type ScanConfig } from './config.js';
import { discoverInTwo, resolveRoot, type DiscoveredFile, type Discovery, type ScanRoot } from './discover/discover.js';
import { gitignoreMatcher } from './discover/gitignore.js';
import { loadBaseline } from './postprocess/baseline.js';
import { Locator } from './parse/locator.js';
import { parseFile, type Parsed } from './parse/index.js';
import { json5Resolver } from './parse/json5.js';
import { originOf, resolveOpenClaw } from './parse/openclaw.js';
import { startPool, type PoolOptions } from './threads/pool.js';
import { FileContext } from './check/file-context.js';
import { applyBaseline, applyConfig, disambiguate, sortFindings } from './postprocess/scan-wide.js';
import { decode } from './read/read.js';
import { RuleRunner } from './check/runner.js';
import { mayEmbedConfig, SHELL_LIKE, textNeeded, textPass, type TextFileResult } from './read/file-pass.js';

export { EMPTY_PROJECT, MAX_FINDINGS_PER_RULE_AND_FILE, RuleRunner, type Finisher } from './check/runner.js';

export interface ScanOptions {
  paths: readonly string[];
  rules: readonly AnyRule[];
  /** `--config FILE`; otherwise `.gatewarden.yml` in the first scanned directory. */
  configFile?: string;
  /** Do not look for `.gatewarden.yml` (for tools that scan exact files, e.g. the docs generator). */
  noConfig?: boolean;
  baselineFile?: string;
  /** Overrides the config's limit (bytes). */
  maxFileSize?: number;
  /** Called after each file is read, for progress display. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads for the per-file stage of plain files (engine/pool.ts). Only an entry point that is a bundle
   * can give one: the worker runs that same file. Without it, everything runs on this thread.
   */
  pool?: PoolOptions;
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
}

class Project implements ProjectView {
  private readonly byKind = new Map<SharedKind, Target[]>();
  readonly contexts = new Map<string, FileContext>();
  /** Drops targets of a kind (an OpenClaw file that another config `$include`s is part of that config). */
  remove(kind: SharedKind, keep: (t: Target) => boolean): void {
    this.byKind.set(kind, (this.byKind.get(kind) ?? []).filter(keep));
  }
  add(target: TargetMap[SharedKind]): void {
    const list = this.byKind.get(target.kind) ?? [];
    list.push(target);
    this.byKind.set(target.kind, list);
  }
  targets<K extends SharedKind>(kind: K): readonly TargetMap[K][] {
    return (this.byKind.get(kind) ?? []) as TargetMap[K][];
  }
  all(): Target[] {
    return [...this.byKind.values()].flat();
  }
}

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const notes: Note[] = [];
  const blobs = opts.blobs;
  const root = blobs ? { base: blobs.base, git: true, targets: [] } : await resolveRoot(opts.paths.length ? opts.paths : ['.']);
  const searchDir = root.targets[0]?.dir ? root.targets[0].abs : root.base;
  const config: ScanConfig = opts.noConfig || blobs ? defaultConfig() : await loadConfig(opts.configFile, searchDir, root.base, new Set(opts.rules.map((r) => r.id)), notes);
  // A repository file read outside the per-file stage (an OpenClaw `$include`, the root .gitignore).
  const readRepoFile = (rel: string): string | undefined => {
    if (!blobs) return readFromDisk(root.base, rel);
    const bytes = blobs.files.get(rel);
    const read = bytes ? decode(bytes, rel) : undefined;
    return read?.ok ? read.text : undefined;
  };
  const baseline = opts.baselineFile ? await loadBaseline(opts.baselineFile) : undefined;
  const maxFileSize = opts.maxFileSize ?? config.maxFileSize;
  const rules = opts.rules.filter((r) => config.rules.get(r.id) !== 'off');
  const runner = new RuleRunner(rules, notes);
  // The per-file stage of a file whose findings are not wanted (findingsIn) runs no text rules.
  const contextRunner = opts.findingsIn ? new RuleRunner([], notes) : runner;
  const textRunner = (file: string) => (!opts.findingsIn || opts.findingsIn.has(file) ? runner : contextRunner);
  const project = new Project();
  // Keyed by file and heredoc line, not by object: a later pass may replace targets with enriched copies.
  const reframes = new Map<string, (input: Report) => Report>();
  const embeddedKey = (t: Target) => (t.kind === 'openclaw' && t.embedded ? `${t.file}\n${t.embedded.line}` : undefined);
  const repoFiles: RepoFile[] = [];
  let bytes = 0;
  let skipped = 0;

  const { files, later: untracked } = await filesToScan(blobs, root, config, notes);
  let done = 0;
  const progress = () => opts.onProgress?.(++done, files.length);
  // Stage 1, per file: read, classify, text rules (engine/text-pass.ts). Files that are structured by their
  // path stay on this thread and are parsed as soon as they are read (scripts, Makefiles and workflows only when
  // they may hold a heredoc config; see parseKept); plain files (most of a repository) may go
  // to worker threads (engine/pool.ts) meanwhile. Every result lands in its slot, so what follows runs in
  // discovery order whichever thread made it: the output does not depend on the number of workers.
  const results: (TextFileResult | typeof PLAIN)[] = new Array(files.length);
  const parsed = new Map<number, Parsed>();
  // A script, Makefile or workflow that no shell rule has a keyword in is never parsed: its text is not kept.
  const keepText = textNeeded(rules);
  // Scripts, Makefiles and workflows are parsed in stage 4, one at a time, unless they may write an OpenClaw
  // config in a heredoc: such a config is shared (other files' rules read it), so it must be known before then.
  const parseKept = (r: TextFileResult) => {
    if (!r.kind || r.kind === 'text' || r.text === undefined || parsed.has(r.index)) return;
    if (SHELL_LIKE.has(r.kind) && !mayEmbedConfig(r.text)) return;
    parsed.set(r.index, parseFile(r.path, r.kind, r.text));
  };
  const collect = (r: TextFileResult, remote: boolean) => {
    // A plain file with nothing to say (most of a repository) is only a path in the file list from here on: its
    // result object is not kept until stage 2 (at 100,000 files they were a third of what stage 1 held).
    if (r.kind === 'text' && !r.findings.length && !r.notes.length && !r.skipped) {
      results[r.index] = PLAIN;
      bytes += r.bytes;
    } else results[r.index] = r;
    if (remote) runner.internalErrors += r.internalErrors;
    progress();
  };
  const byPath = files.map((f) => classify(f.path));
  const plain: number[] = [];
  const structured: number[] = [];
  byPath.forEach((kind, i) => (kind === 'text' ? plain : structured).push(i));
  const pool = opts.pool ? startPool(opts.pool, rules, maxFileSize, plain, files, collect) : undefined;
  for (const i of structured) {
    const r = await textPass(i, files[i] as DiscoveredFile, byPath[i] as FileKind, maxFileSize, textRunner((files[i] as DiscoveredFile).path), keepText);
    collect(r, false);
    parseKept(r);
    await breathe();
  }
  const local = async (i: number) => textPass(i, files[i] as DiscoveredFile, 'text', maxFileSize, textRunner((files[i] as DiscoveredFile).path), keepText);
  if (pool) await pool.finish(local);
  else
    for (const i of plain) {
      collect(await local(i), false);
      await breathe();
    }
  // Untracked files, which git listed while the tracked ones were read (engine/discover.ts): on this thread, after
  // the others. What follows takes every file in path order, as if they had been discovered together.
  let order: readonly number[] = [...results.keys()];
  const more = await untracked;
  if (more.length) {
    for (const f of more) {
      const i = files.push(f) - 1;
      const kind = classify(f.path);
      byPath.push(kind);
      const r = await textPass(i, f, kind, maxFileSize, textRunner(f.path), keepText);
      collect(r, false);
      parseKept(r);
    }
    order = [...files.keys()].sort((a, b) => ((files[a] as DiscoveredFile).path < (files[b] as DiscoveredFile).path ? -1 : 1));
  }

  const contextOf = (file: string) => project.contexts.get(file);
  // Shell targets wait for stage 4, when every shared target is known (the shell rules read the OpenClaw
  // configs, heredoc ones included): those parsed already (Dockerfile RUN lines, scripts with heredocs), and
  // the shell-like files still to parse.
  const later: (ShellTarget | TextFileResult | undefined)[] = [];
  /**
   * Takes in a file's parse: its context, its shared targets (added to the project) and their reframes. Returns
   * its shell targets, and the shared ones it added.
   */
  const admit = async (file: string, text: string, p: Parsed, out?: TextFileResult): Promise<{ shells: ShellTarget[]; shared: Target[] }> => {
    project.contexts.set(file, new FileContext(file, text, p.locator));
    const shells: ShellTarget[] = [];
    const shared: Target[] = [];
    if (!p.ok) {
      await runner.run(p.error, contextOf, project, undefined, out);
      return { shells, shared };
    }
    const add = (t: TargetMap[SharedKind]) => {
      project.add(t);
      shared.push(t);
    };
    if (p.target.kind === 'shell') shells.push(p.target);
    else add(p.target);
    // Targets read from the same parse (Dockerfile RUN shell, heredoc configs); their anchors are in this file.
    for (const d of p.derived ?? []) {
      if (d.target.kind === 'parse_error') await runner.run(d.target, contextOf, project, d.reframe, out);
      else if (d.target.kind === 'shell') shells.push(d.target);
      else {
        add(d.target);
        const key = embeddedKey(d.target);
        if (d.reframe && key) reframes.set(key, d.reframe);
      }
    }
    return { shells, shared };
  };

  // Stage 2, in discovery order: parse what stage 1 found structured by content, build the project.
  for (const i of order) {
    const r = results[i];
    if (!r) continue;
    if (r === PLAIN) {
      repoFiles.push({ path: (files[i] as DiscoveredFile).path, kind: 'text' });
      continue;
    }
    if (r.skipped) {
      notes.push(r.skipped);
      skipped++;
    }
    if (!r.kind) continue;
    bytes += r.bytes;
    repoFiles.push({ path: r.path, kind: r.kind });
    if (r.kind !== 'text' && r.text !== undefined) {
      parseKept(r);
      const p = parsed.get(r.index);
      if (p) later.push(...(await admit(r.path, r.text, p, r)).shells);
      else later.push(r);
    }
    runner.findings.push(...r.findings);
    notes.push(...r.notes);
  }
  parsed.clear();
  results.length = 0;
  // Nothing after this stage needs the discovered list (20,000 files: ~3 MB of paths and absolute paths).
  files.length = 0;
  byPath.length = 0;

  // Compose files are also judged together, as `docker compose` loads them (base + overrides, extends, include).
  const compose = buildComposeProjects(project.targets('compose'), project.targets('dotenv'));
  for (const p of compose.projects) project.add(p);
  notes.push(...compose.notes);

  // Stage 3: the shared targets, each seeing all the others.
  await resolveIncludes(project, readRepoFile, runner, notes);
  for (const target of project.all()) await runner.run(target, contextOf, project, reframes.get(embeddedKey(target) ?? ''));

  // Stage 4: shell, one file at a time; its syntax tree and text are let go once its rules have run.
  for (let i = 0; i < later.length; i++) {
    const item = later[i] as ShellTarget | TextFileResult;
    later[i] = undefined;
    if ('index' in item) {
      // Only files some shell rule has a keyword in got here (textNeeded kept their text).
      const text = item.text as string;
      const { shells, shared } = await admit(item.path, text, parseFile(item.path, item.kind as Exclude<FileKind, 'text'>, text));
      // None expected (the file has no heredoc), but a shared target found this late is still checked.
      for (const t of shared) await runner.run(t, contextOf, project, reframes.get(embeddedKey(t) ?? ''));
      for (const t of shells) await runner.run(t, contextOf, project);
    } else await runner.run(item, contextOf, project);
    const file = 'index' in item ? item.path : item.file;
    if ('index' in item || item.origin !== 'dockerfile') project.contexts.delete(file);
    await breathe();
  }

  const gitignore = project.contexts.get('.gitignore')?.text ?? readRepoFile('.gitignore');
  const rootIgnore = gitignoreMatcher(gitignore ?? '');
  const repoTarget: RepoTarget = {
    kind: 'repo',
    file: '.',
    git: root.git,
    files: repoFiles,
    ...(gitignore !== undefined ? { gitignore } : {}),
    ignoredByRootGitignore: (p) => p !== '' && rootIgnore.ignores(p),
  };
  await runner.run(repoTarget, (file) => project.contexts.get(file) ?? repoFileContext(file), project);

  const wanted = opts.findingsIn ? runner.findings.filter((f) => opts.findingsIn?.has(f.location.file)) : runner.findings;
  const findings = sortFindings(applyBaseline(disambiguate(applyConfig(wanted, config)), baseline));

  return {
    root,
    findings,
    notes,
    stats: { files: repoFiles.length, bytes, skipped, durationMs: Math.round(performance.now() - started) },
    internalErrors: runner.internalErrors,
  };
}

/** Stands for the result of a plain file with no findings, notes or skip reason (stage 1's `collect`). */
const PLAIN = Symbol('plain file, nothing to report');

/** How long the scan keeps this thread's event loop waiting at most (ms); see `breathe`. */
const BREATHE_MS = 4;
let lastBreath = performance.now();

/**
 * Lets the event loop run when the scan has kept it waiting BREATHE_MS or more. The scan's loops only await
 * microtasks, so without this nothing else on the thread would run until the scan ends: the replies of the text
 * workers (engine/pool.ts), and what runs beside a scan (the action's pull-request mode reads the base commit with
 * git and scans it in a worker while the head is scanned here: github/pr.ts).
 */
async function breathe(): Promise<void> {
  const now = performance.now();
  if (now - lastBreath < BREATHE_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  lastBreath = performance.now();
}

/**
 * OpenClaw configs: merge every `$include` (engine/parse/openclaw.ts), give included files a locator so
 * findings can point into them, and drop a config file from the targets when another config includes it
 * (it is checked as part of the config that loads it, not as a config of its own).
 */
async function resolveIncludes(project: Project, readRepoFile: (rel: string) => string | undefined, runner: RuleRunner, notes: Note[]): Promise<void> {
  const read = (rel: string): string | undefined => project.contexts.get(rel)?.text ?? readRepoFile(rel);
  const included = new Set<string>();
  const resolved: TargetMap['openclaw'][] = [];
  for (const t of project.targets('openclaw')) {
    const r = resolveOpenClaw(t.file, t.value, read);
    for (const inc of r.includes) {
      included.add(inc.file);
      if (!project.contexts.has(inc.file)) project.contexts.set(inc.file, new FileContext(inc.file, inc.text, new Locator(inc.file, inc.text, json5Resolver(inc.ast))));
    }
    for (const e of r.errors) {
      if (e.line !== undefined) {
        if (!project.contexts.has(e.file)) project.contexts.set(e.file, new FileContext(e.file, read(e.file) ?? '', new Locator(e.file, read(e.file) ?? '')));
        await runner.run({ kind: 'parse_error', file: e.file, fileKind: 'openclaw', message: e.message, line: e.line, ...(e.column ? { column: e.column } : {}) }, (f) => project.contexts.get(f), project);
      } else {
        notes.push({ level: 'warning', code: 'openclaw.include', message: `${e.message} (at ${e.path.join('.') || 'top level'}); the config was checked without it`, file: e.file });
      }
    }
    const origin = r.origin;
    resolved.push({ ...t, value: r.value, authored: t.value, includes: r.includes.map((i) => i.file), origin: (p) => originOf(origin, p) });
  }
  project.remove('openclaw', () => false);
  for (const t of resolved) if (!included.has(t.file)) project.add(t);
}

/** Repository rules report whole files (a committed `.env`) that may be text files no longer in memory. */
export function repoFileContext(file: string): FileContext {
  return new FileContext(file, '', new Locator(file, ''));
}

/** A file of the scanned tree by its relative path, never outside it and never through a symbolic link. */
function readFromDisk(base: string, rel: string): string | undefined {
  try {
    const abs = path.join(base, rel);
    if (!abs.startsWith(base + path.sep) || lstatSync(abs).isSymbolicLink()) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}

/** The files to scan: discovered, minus what the config ignores; the untracked ones come later (engine/discover.ts). */
async function filesToScan(blobs: ScanOptions['blobs'], root: Parameters<typeof discoverInTwo>[0], config: ScanConfig, notes: Note[]): Promise<Discovery> {
  const found = blobs ? blobFiles(blobs) : await discoverInTwo(root, notes);
  return { files: config.unignored(found.files), later: found.later.then((more) => config.unignored(more)) };
}

/** ScanOptions.blobs as discovered files, in path order, each with its content. */
function blobFiles(blobs: NonNullable<ScanOptions['blobs']>): Discovery {
  const files = [...blobs.files].map(([rel, bytes]) => ({ path: rel, abs: path.join(blobs.base, rel), bytes }));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, later: Promise.resolve([]) };
}

export type { RuleMeta };
