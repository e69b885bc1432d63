/** Runs the rules that apply to a target, isolating crashes and capping floods, and finalises what they report. */
import type { Finding, Note, Report } from '../../model/finding.js';
import type { Anchor } from '../../model/location.js';
import type { AnyRule } from '../../model/rule.js';
import type { ProjectView, Target, TargetMap } from '../../model/target.js';
import type { FileContext } from './file-context.js';
import { finalize } from '../postprocess/finalize.js';
import { keywordText, mayApply } from './keywords.js';

/** Where a run's findings and notes go. */
export interface Sink {
  findings: Finding[];
  notes: Note[];
}

export const EMPTY_PROJECT: ProjectView = { targets: () => [] };

/** Turns what a rule reported into a Finding; `finalize` unless a scan mode needs more (the history sweep). */
export type Finisher = (rule: AnyRule, input: Report, ctx: FileContext) => Finding;

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
    readonly notes: Note[],
    private readonly finish: Finisher = finalize,
  ) {
    for (const r of rules) for (const k of r.appliesTo as string[]) this.byKind.set(k, [...(this.byKind.get(k) ?? []), r]);
  }

  /**
   * `reframe`: for a target embedded in another file (a heredoc config), maps each finding into that file.
   * `out`: where findings and notes go (default: this runner's own lists); the per-file stage collects them per file.
   */
  async run(
    target: Target,
    contexts: (file: string) => FileContext | undefined,
    project: ProjectView,
    reframe?: (input: Report) => Report,
    out: Sink = this,
  ): Promise<void> {
    // Shell rules run only where one of their keywords is (engine/keywords.ts); the text is read once per target.
    let kw: string | undefined | null = null;
    // One `report` and one context for all the target's rules, for the rule being run (each check is over before
    // the next starts): every file goes through ~20 text rules, and a closure, a context and a map per rule and
    // file were a third of what a scan of plain files allocated. The map is made on a rule's first report.
    let rule: AnyRule;
    let perFile: Map<string, number> | undefined;
    const report = (reported: Report) => {
      // OpenClaw config: anchors move into the file that holds the key (an `$include`d file); then a config
      // embedded in a script (a heredoc) maps them back into the script.
      const located = target.kind === 'openclaw' ? toOrigin(target, reported) : reported;
      const input = reframe ? reframe(located) : located;
      const file = input.at.file ?? target.file;
      // A compose file merged into several projects (a base under each overlay) is reported by one only.
      if (target.kind === 'compose_project' && !target.owns.includes(file)) return;
      perFile ??= new Map();
      const n = (perFile.get(file) ?? 0) + 1;
      perFile.set(file, n);
      if (n > MAX_FINDINGS_PER_RULE_AND_FILE) return;
      const where = contexts(file);
      if (!where) throw new Error(`finding anchored in ${file}, a file this scan did not parse`);
      out.findings.push(this.finish(rule, input, where));
    };
    const ctx = { report, project };
    const rules = this.byKind.get(target.kind) ?? [];
    // An index, not `for…of`: an iterator result per rule and file showed up in the allocation profile.
    for (let i = 0; i < rules.length; i++) {
      rule = rules[i] as AnyRule;
      if (rule.keywords && target.kind === 'shell') {
        if (kw === null) kw = keywordText(target.text);
        if (!mayApply(rule, kw)) continue;
      }
      perFile = undefined;
      try {
        // Awaited only when the check returned a promise: a synchronous check costs no microtask.
        const pending = rule.check(target, ctx);
        if (pending !== undefined) await pending;
      } catch (err) {
        this.internalErrors++;
        out.notes.push({ level: 'error', code: 'internal.rule_error', message: `rule ${rule.id} failed: ${(err as Error).message ?? String(err)}`, file: target.file });
      }
      // (Set by `report` during the check: TypeScript cannot see that, hence the cast.)
      const counted = perFile as Map<string, number> | undefined;
      if (counted)
        for (const [file, n] of counted) {
          if (n <= MAX_FINDINGS_PER_RULE_AND_FILE) continue;
          out.notes.push({ level: 'warning', code: 'findings.capped', message: `${rule.id} found ${n} matches; the first ${MAX_FINDINGS_PER_RULE_AND_FILE} are reported`, file });
        }
    }
  }
}

/** A path anchor on the merged config, moved into the file (and local path) that holds the key. */
function toOrigin(target: TargetMap['openclaw'], input: Report): Report {
  const move = (a: Anchor): Anchor => {
    if (a.kind !== 'path' || a.file !== undefined) return a;
    const o = target.origin(a.path);
    return o.file === target.file ? { ...a, path: o.path } : { ...a, path: o.path, file: o.file };
  };
  const out: Report = { ...input, at: move(input.at) };
  if (input.fix) out.fix = { ...input.fix, at: move(input.fix.at) };
  return out;
}

