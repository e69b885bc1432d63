/**
 * The pipeline, top to bottom:
 *   discover → read → classify → run text rules → parse once (structured kinds) → build compose projects
 *   → run structured rules → run repository rules → post-process → ScanResult (reporters take it from here)
 * Text files are streamed: their text is dropped once their findings are located. Only structured files
 * (compose, OpenClaw config, dotenv, Dockerfiles, host configs, scripts: few and small) are kept for cross-file
 * rules. A parse may yield derived targets (Dockerfile RUN shell, heredoc configs) anchored in the same file.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding, Note, ReportInput } from '../model/finding.js';
import type { Anchor } from '../model/location.js';
import type { AnyRule, RuleMeta } from '../model/rule.js';
import type { FileKind, ProjectView, RepoFile, RepoTarget, StructuredKind, Target, TargetMap } from '../model/target.js';
import { classify, looksLikeCompose, looksLikeShell } from './classify.js';
import { buildComposeProjects } from './compose/project.js';
import { defaultConfig, loadConfig, type ScanConfig } from './config.js';
import { discover, resolveRoot, type ScanRoot } from './discover.js';
import { gitignoreMatcher } from './gitignore.js';
import { loadBaseline } from './baseline.js';
import { Locator } from './parse/locator.js';
import { parseFile } from './parse/index.js';
import { json5Resolver } from './parse/json5.js';
import { originOf, resolveOpenClaw } from './parse/openclaw.js';
import { applyBaseline, applyConfig, disambiguate, FileContext, finalize, sortFindings } from './postprocess.js';
import { readText } from './read.js';

export interface ScanOptions {
  paths: readonly string[];
  rules: readonly AnyRule[];
  /** `--config FILE`; otherwise `.clawscan.yml` in the first scanned directory. */
  configFile?: string;
  /** Do not look for `.clawscan.yml` (for tools that scan exact files, e.g. the docs generator). */
  noConfig?: boolean;
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
  /** Drops targets of a kind (an OpenClaw file that another config `$include`s is part of that config). */
  remove(kind: StructuredKind, keep: (t: Target) => boolean): void {
    this.byKind.set(kind, (this.byKind.get(kind) ?? []).filter(keep));
  }
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

/**
 * At most this many findings of one rule in one file. A minified bundle or a dump full of keys (45,000 in a
 * 5 MB file) would otherwise cost ~1 KB of memory and a fingerprint each and swamp every report; the first
 * ones are enough to act on, and a note counts the rest. (GitHub keeps 5,000 results per SARIF run.)
 */
export const MAX_FINDINGS_PER_RULE_AND_FILE = 100;

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

  /** `reframe`: for a target embedded in another file (a heredoc config), maps each finding into that file. */
  async run(target: Target, contexts: (file: string) => FileContext | undefined, project: ProjectView, reframe?: (input: ReportInput) => ReportInput): Promise<void> {
    for (const rule of this.byKind.get(target.kind) ?? []) {
      const perFile = new Map<string, number>();
      const report = (reported: ReportInput) => {
        // OpenClaw config: anchors move into the file that holds the key (an `$include`d file); then a config
        // embedded in a script (a heredoc) maps them back into the script.
        const located = target.kind === 'openclaw' ? toOrigin(target, reported) : reported;
        const input = reframe ? reframe(located) : located;
        const file = input.at.file ?? target.file;
        // A compose file merged into several projects (a base under each overlay) is reported by one only.
        if (target.kind === 'compose_project' && !target.owns.includes(file)) return;
        const n = (perFile.get(file) ?? 0) + 1;
        perFile.set(file, n);
        if (n > MAX_FINDINGS_PER_RULE_AND_FILE) return;
        const ctx = contexts(file);
        if (!ctx) throw new Error(`finding anchored in ${file}, a file this scan did not parse`);
        this.findings.push(this.finish(rule, input, ctx));
      };
      try {
        await rule.check(target, { report, project });
      } catch (err) {
        this.internalErrors++;
        this.notes.push({ level: 'error', code: 'internal.rule_error', message: `rule ${rule.id} failed: ${(err as Error).message ?? String(err)}`, file: target.file });
      }
      for (const [file, n] of perFile) {
        if (n <= MAX_FINDINGS_PER_RULE_AND_FILE) continue;
        this.notes.push({ level: 'warning', code: 'findings.capped', message: `${rule.id} found ${n} matches; the first ${MAX_FINDINGS_PER_RULE_AND_FILE} are reported`, file });
      }
    }
  }
}

export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const notes: Note[] = [];
  const root = await resolveRoot(opts.paths.length ? opts.paths : ['.']);
  const searchDir = root.targets[0]?.dir ? root.targets[0].abs : root.base;
  const config: ScanConfig = opts.noConfig ? defaultConfig() : await loadConfig(opts.configFile, searchDir, root.base, new Set(opts.rules.map((r) => r.id)), notes);
  const baseline = opts.baselineFile ? await loadBaseline(opts.baselineFile) : undefined;
  const maxFileSize = opts.maxFileSize ?? config.maxFileSize;
  const rules = opts.rules.filter((r) => config.rules.get(r.id) !== 'off');
  const runner = new RuleRunner(rules, notes);
  const project = new Project();
  // Keyed by file and heredoc line, not by object: a later pass may replace targets with enriched copies.
  const reframes = new Map<string, (input: ReportInput) => ReportInput>();
  const embeddedKey = (t: Target) => (t.kind === 'openclaw' && t.embedded ? `${t.file}\n${t.embedded.line}` : undefined);
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
    if (kind === 'text' && looksLikeShell(f.path, read.text)) kind = 'shell';
    repoFiles.push({ path: f.path, kind });

    const textCtx = new FileContext(f.path, read.text, new Locator(f.path, read.text));
    await runner.run({ kind: 'text', file: f.path, fileKind: kind, text: read.text }, () => textCtx, EMPTY_PROJECT);

    if (kind !== 'text') {
      const parsed = parseFile(f.path, kind, read.text);
      project.contexts.set(f.path, new FileContext(f.path, read.text, parsed.locator));
      if (parsed.ok) project.add(parsed.target);
      else await runner.run(parsed.error, (file) => project.contexts.get(file), project);
      // Targets read from the same parse (Dockerfile RUN shell, heredoc configs); their anchors are in this file.
      for (const d of parsed.ok ? (parsed.derived ?? []) : []) {
        if (d.target.kind === 'parse_error') await runner.run(d.target, (file) => project.contexts.get(file), project, d.reframe);
        else {
          project.add(d.target);
          const key = embeddedKey(d.target);
          if (d.reframe && key) reframes.set(key, d.reframe);
        }
      }
    }
  }

  // Compose files are also judged together, as `docker compose` loads them (base + overrides, extends, include).
  const compose = buildComposeProjects(project.targets('compose'), project.targets('dotenv'));
  for (const p of compose.projects) project.add(p);
  notes.push(...compose.notes);

  const contextOf = (file: string) => project.contexts.get(file);
  await resolveIncludes(project, root.base, runner, notes);
  for (const target of project.all()) await runner.run(target, contextOf, project, reframes.get(embeddedKey(target) ?? ''));

  const gitignore = project.contexts.get('.gitignore')?.text ?? (await readRootGitignore(root.base));
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

  const findings = sortFindings(applyBaseline(disambiguate(applyConfig(runner.findings, config)), baseline));

  return {
    root,
    findings,
    notes,
    stats: { files: repoFiles.length, bytes, skipped, durationMs: Math.round(performance.now() - started) },
    internalErrors: runner.internalErrors,
  };
}

/**
 * OpenClaw configs: merge every `$include` (engine/parse/openclaw.ts), give included files a locator so
 * findings can point into them, and drop a config file from the targets when another config includes it
 * (it is checked as part of the config that loads it, not as a config of its own).
 */
async function resolveIncludes(project: Project, base: string, runner: RuleRunner, notes: Note[]): Promise<void> {
  const read = (rel: string): string | undefined => {
    const known = project.contexts.get(rel);
    if (known) return known.text;
    try {
      const abs = path.join(base, rel);
      if (!abs.startsWith(base + path.sep) || lstatSync(abs).isSymbolicLink()) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  };
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

/** A path anchor on the merged config, moved into the file (and local path) that holds the key. */
function toOrigin(target: TargetMap['openclaw'], input: ReportInput): ReportInput {
  const move = (a: Anchor): Anchor => {
    if (a.kind !== 'path' || a.file !== undefined) return a;
    const o = target.origin(a.path);
    return o.file === target.file ? { ...a, path: o.path } : { ...a, path: o.path, file: o.file };
  };
  const out: ReportInput = { ...input, at: move(input.at) };
  if (input.fix) out.fix = { ...input.fix, at: move(input.fix.at) };
  return out;
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
