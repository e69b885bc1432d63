/**
 * The pipeline, top to bottom:
 *   discover → read → classify → run text rules → parse once (structured kinds) → run structured rules
 *   → run repository rules → post-process → ScanResult (reporters take it from here)
 * Text files are streamed: their text is dropped once their findings are located. Only structured files
 * (compose, OpenClaw config, dotenv, Dockerfiles: few and small) are kept for cross-file rules.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding, Note, ReportInput } from '../model/finding.js';
import type { AnyRule, RuleMeta } from '../model/rule.js';
import type { FileKind, ProjectView, RepoFile, StructuredKind, Target, TargetMap } from '../model/target.js';
import { classify, looksLikeCompose } from './classify.js';
import { loadConfig, type ScanConfig } from './config.js';
import { discover, resolveRoot, type ScanRoot } from './discover.js';
import { loadBaseline } from './baseline.js';
import { Locator } from './parse/locator.js';
import { parseFile } from './parse/index.js';
import { applyBaseline, applyConfig, disambiguate, FileContext, finalize, sortFindings } from './postprocess.js';
import { readText } from './read.js';

export interface ScanOptions {
  paths: readonly string[];
  rules: readonly AnyRule[];
  /** `--config FILE`; otherwise `.clawscan.yml` in the first scanned directory. */
  configFile?: string;
  baselineFile?: string;
  /** Overrides the config's limit (bytes). */
  maxFileSize?: number;
  /** Called after each file is read, for progress display. */
  onProgress?: (done: number, total: number) => void;
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
  private readonly byKind = new Map<StructuredKind, Target[]>();
  readonly contexts = new Map<string, FileContext>();
  add(target: TargetMap[StructuredKind]): void {
    const list = this.byKind.get(target.kind) ?? [];
    list.push(target);
    this.byKind.set(target.kind, list);
  }
  targets<K extends StructuredKind>(kind: K): readonly TargetMap[K][] {
    return (this.byKind.get(kind) ?? []) as TargetMap[K][];
  }
  all(): Target[] {
    return [...this.byKind.values()].flat();
  }
}

export const EMPTY_PROJECT: ProjectView = { targets: () => [] };

/** Turns what a rule reported into a Finding; `finalize` unless a scan mode needs more (the history sweep). */
export type Finisher = (rule: AnyRule, input: ReportInput, ctx: FileContext) => Finding;

/** Runs every rule that applies to a target, isolating crashes, and finalises what they report. */
export class RuleRunner {
  readonly findings: Finding[] = [];
  internalErrors = 0;
  private readonly byKind = new Map<string, AnyRule[]>();

  constructor(
    rules: readonly AnyRule[],
    private readonly notes: Note[],
    private readonly finish: Finisher = finalize,
  ) {
    for (const r of rules) for (const k of r.appliesTo as string[]) this.byKind.set(k, [...(this.byKind.get(k) ?? []), r]);
  }

  async run(target: Target, contexts: (file: string) => FileContext | undefined, project: ProjectView): Promise<void> {
    for (const rule of this.byKind.get(target.kind) ?? []) {
      const report = (input: ReportInput) => {
        const ctx = contexts(input.at.file ?? target.file);
        if (!ctx) throw new Error(`finding anchored in ${input.at.file ?? target.file}, a file this scan did not parse`);
        this.findings.push(this.finish(rule, input, ctx));
      };
      try {
        await rule.check(target, { report, project });
      } catch (err) {
        this.internalErrors++;
        this.notes.push({ level: 'error', code: 'internal.rule_error', message: `rule ${rule.id} failed: ${(err as Error).message ?? String(err)}`, file: target.file });
      }
    }
  }
}

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const notes: Note[] = [];
  const root = await resolveRoot(opts.paths.length ? opts.paths : ['.']);
  const searchDir = root.targets[0]?.dir ? root.targets[0].abs : root.base;
  const config: ScanConfig = await loadConfig(opts.configFile, searchDir, root.base, new Set(opts.rules.map((r) => r.id)), notes);
  const baseline = opts.baselineFile ? await loadBaseline(opts.baselineFile) : undefined;
  const maxFileSize = opts.maxFileSize ?? config.maxFileSize;
  const rules = opts.rules.filter((r) => config.rules.get(r.id) !== 'off');
  const runner = new RuleRunner(rules, notes);
  const project = new Project();
  const repoFiles: RepoFile[] = [];
  let bytes = 0;
  let skipped = 0;

  const files = (await discover(root, notes)).filter((f) => !config.isIgnored(f.path));
  let done = 0;
  for (const f of files) {
    const read = await readText(f, maxFileSize);
    opts.onProgress?.(++done, files.length);
    if (!read.ok) {
      if (read.note) {
        notes.push(read.note);
        skipped++;
      }
      continue;
    }
    bytes += read.bytes;
    let kind: FileKind = classify(f.path);
    if (kind === 'text' && looksLikeCompose(f.path, read.text)) kind = 'compose';
    repoFiles.push({ path: f.path, kind });

    const textCtx = new FileContext(f.path, read.text, new Locator(f.path, read.text));
    await runner.run({ kind: 'text', file: f.path, fileKind: kind, text: read.text }, () => textCtx, EMPTY_PROJECT);

    if (kind !== 'text') {
      const parsed = parseFile(f.path, kind, read.text);
      project.contexts.set(f.path, new FileContext(f.path, read.text, parsed.locator));
      if (parsed.ok) project.add(parsed.target);
      else await runner.run(parsed.error, (file) => project.contexts.get(file), project);
    }
  }

  const contextOf = (file: string) => project.contexts.get(file);
  for (const target of project.all()) await runner.run(target, contextOf, project);

  const gitignore = project.contexts.get('.gitignore')?.text ?? (await readRootGitignore(root.base));
  const repoTarget = { kind: 'repo' as const, file: '.', git: root.git, files: repoFiles, ...(gitignore !== undefined ? { gitignore } : {}) };
  await runner.run(repoTarget, (file) => project.contexts.get(file) ?? repoFileContext(file), project);

  const findings = sortFindings(applyBaseline(disambiguate(applyConfig(runner.findings, config)), baseline));

  return {
    root,
    findings,
    notes,
    stats: { files: repoFiles.length, bytes, skipped, durationMs: Math.round(performance.now() - started) },
    internalErrors: runner.internalErrors,
  };
}

/** Repository rules report whole files (a committed `.env`) that may be text files no longer in memory. */
export function repoFileContext(file: string): FileContext {
  return new FileContext(file, '', new Locator(file, ''));
}

async function readRootGitignore(base: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(base, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
}

export type { RuleMeta };
