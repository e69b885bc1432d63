/** Runs the rules that apply to a target, isolating crashes and capping floods, and finalises what they report. */
import type { Finding, Note, Report } from '../../model/finding.js';
import type { AnyRule, RuleContext } from '../../model/rule.js';
import type { ProjectView, Target } from '../../model/target.js';
import type { FileContext } from './file-context.js';
import { finalize } from '../postprocess/finalize.js';
import { mergeSecrets, noteSecret, type SecretLedger } from '../postprocess/redact.js';
import { keywordText, mayApply } from './keywords.js';
import { TokenDetector, type TokenScan } from './tokens.js';

/** Where a run's findings and notes go. */
export interface Sink {
  findings: Finding[];
  notes: Note[];
}

export const EMPTY_PROJECT: ProjectView = { targets: () => [] };

/**
 * Where the findings on a target assembled from several files belong (engine/assemble/): `relocate` moves a
 * report into the file that holds what it is about (an OpenClaw `$include`, a config written by a heredoc in a
 * script); `owns` keeps only the findings located in files the target is responsible for (a compose file merged
 * into several projects is reported by one). A target read from one file has none.
 */
export interface Scope {
  /** Undefined: the report is about something the target's file does not set (a partial config), dropped. */
  relocate?(report: Report): Report | undefined;
  owns?(file: string): boolean;
}

/** Turns what a rule reported into a Finding; `finalize` unless a scan mode needs more (the history sweep). */
export type Finisher = (rule: AnyRule, input: Report, ctx: FileContext) => Finding;

/**
 * At most this many findings of one rule in one file. A minified bundle or a dump full of keys would otherwise
 * cost memory and a fingerprint per match and swamp every report; the first ones are enough to act on, and a
 * note counts the rest. (GitHub keeps 5,000 results per SARIF run.)
 */
export const MAX_FINDINGS_PER_RULE_AND_FILE = 100;

/** Runs every rule that applies to a target, isolating crashes, and finalises what they report. */
export class RuleRunner {
  readonly findings: Finding[] = [];
  /**
   * The raw secrets reported, per file (of the finding and of the target), for the scan-wide scrub of every output
   * text of that file's findings (postprocess/redact.ts `scrubFindings`). Never output.
   */
  readonly secrets: SecretLedger = new Map();
  internalErrors = 0;
  private readonly byKind = new Map<string, AnyRule[]>();
  /** Target kinds some rule reads the tokens of (token rules: `text`; `usesTokens` rules: theirs). */
  private readonly tokenKinds = new Set<string>();

  /**
   * `tokens`: the scan's token detector, built from the registry the scan was given (a token rule switched off in
   * the config still tells the other rules what a provider token is); by default, from `rules`.
   */
  constructor(
    rules: readonly AnyRule[],
    readonly notes: Note[],
    private readonly finish: Finisher = finalize,
    readonly tokens: TokenDetector = new TokenDetector(rules),
  ) {
    for (const r of rules) for (const k of r.appliesTo as string[]) this.byKind.set(k, [...(this.byKind.get(k) ?? []), r]);
    for (const r of rules) if (r.token || r.usesTokens) for (const k of r.appliesTo as string[]) this.tokenKinds.add(k);
  }

  /**
   * The tokens of the target's text when one of its rules reads them: found once for all its rules, secretlint
   * awaited here (only when one of its routes had a keyword in the text), so that every check is synchronous.
   */
  private findTokens(target: Target, out: Sink): TokenScan | Promise<TokenScan | undefined> | undefined {
    if (!this.tokenKinds.has(target.kind) || !('text' in target) || typeof target.text !== 'string') return undefined;
    const failed = (err: unknown) => {
      this.internalErrors++;
      out.notes.push({ level: 'error', code: 'internal.rule_error', message: `token detector failed: ${(err as Error)?.message ?? String(err)}`, file: target.file });
      return undefined;
    };
    try {
      const found = this.tokens.scan(target.text, target.file);
      return found instanceof Promise ? found.catch(failed) : found;
    } catch (err) {
      return failed(err);
    }
  }

  /** Secrets the text rules reported in `file` on another thread (read/file-pass.ts `TextFileResult.secrets`). */
  addSecrets(file: string, secrets: readonly string[]): void {
    mergeSecrets(this.secrets, file, secrets);
  }

  /**
   * `contexts`: the file context of each file a finding may be located in. `scope`: where the findings belong,
   * for a target assembled from several files. `out`: where findings and notes go (default: this runner's own
   * lists); the per-file stage collects them per file.
   */
  async run(target: Target, contexts: (file: string) => FileContext | undefined, project: ProjectView, scope?: Scope, out: Sink = this): Promise<void> {
    const rules = this.byKind.get(target.kind) ?? [];
    if (!rules.length) return;
    // Shell rules run only where one of their keywords is (check/keywords.ts); the text is read once per target.
    let kw: string | undefined | null = null;
    const found = this.findTokens(target, out);
    const tokens = this.tokens.view(found instanceof Promise ? await found : found, target.kind);
    const reports = new TargetReports(target, contexts, scope, out, this.finish, this.secrets);
    const ctx = { report: reports.report, project, tokens };
    // Index loops and one TargetReports per target: this runs for every rule on every file
    // (docs/performance.md#the-rule-runner-on-every-file).
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as AnyRule;
      if (rule.keywords && target.kind === 'shell') {
        if (kw === null) kw = keywordText(target.text);
        if (!mayApply(rule, kw)) continue;
      }
      reports.start(rule);
      tokens.rule = rule.id;
      try {
        // Checks are synchronous (src/model/rule.ts); one that returns something (a promise) is a broken rule.
        if ((rule.check(target, ctx) as unknown) !== undefined) throw new Error('check returned a value: checks are synchronous');
      } catch (err) {
        this.internalErrors++;
        out.notes.push({ level: 'error', code: 'internal.rule_error', message: `rule ${rule.id} failed: ${(err as Error).message ?? String(err)}`, file: target.file });
      }
      reports.end();
    }
  }
}

/**
 * What the rules of one target report through, one rule at a time (each check is over before the next starts):
 * one `report` function for all the target's rules, not one per rule. Counts each rule's findings per file and
 * caps them.
 */
class TargetReports {
  /** The rule being run. */
  private rule: AnyRule | undefined;
  /** Its findings so far, per file; made on its first report. */
  private counts: Map<string, number> | undefined;

  constructor(
    private readonly target: Target,
    private readonly contexts: (file: string) => FileContext | undefined,
    private readonly scope: Scope | undefined,
    private readonly out: Sink,
    private readonly finish: Finisher,
    private readonly secrets: SecretLedger,
  ) {}

  start(rule: AnyRule): void {
    this.rule = rule;
    this.counts = undefined;
  }

  readonly report = (reported: Report): void => {
    const rule = this.rule as AnyRule;
    // Every secret, capped or relocated away or not: it is in the target's file, whatever becomes of the finding.
    if (reported.secret !== undefined) noteSecret(this.secrets, this.target.file, reported.secret);
    const input = this.scope?.relocate ? this.scope.relocate(reported) : reported;
    if (!input) return;
    const file = input.at.file ?? this.target.file;
    if (input.secret !== undefined && file !== this.target.file) noteSecret(this.secrets, file, input.secret);
    if (this.scope?.owns && !this.scope.owns(file)) return;
    this.counts ??= new Map();
    const n = (this.counts.get(file) ?? 0) + 1;
    this.counts.set(file, n);
    if (n > MAX_FINDINGS_PER_RULE_AND_FILE) return;
    const where = this.contexts(file);
    if (!where) throw new Error(`finding anchored in ${file}, a file this scan did not parse`);
    this.out.findings.push(this.finish(rule, input, where));
  };

  /** The rule is done: a note for each file where it found more than the cap. */
  end(): void {
    const rule = this.rule as AnyRule;
    if (this.counts)
      for (const [file, n] of this.counts) {
        if (n <= MAX_FINDINGS_PER_RULE_AND_FILE) continue;
        this.out.notes.push({ level: 'warning', code: 'findings.capped', message: `${rule.id} found ${n} matches; the first ${MAX_FINDINGS_PER_RULE_AND_FILE} are reported`, file });
      }
  }
}

/**
 * One rule on one target outside a scan (robustness tests, the benchmark's pattern census): the target's tokens are
 * found first when the rule reads them, as the runner does, and the check gets the same context.
 */
export async function checkOne(rule: AnyRule, target: Target, tokens: TokenDetector, report: (r: Report) => void, project: ProjectView = EMPTY_PROJECT): Promise<void> {
  const text = 'text' in target && typeof target.text === 'string' && (rule.token || rule.usesTokens || target.kind === 'text') ? target.text : undefined;
  const view = tokens.view(text === undefined ? undefined : await tokens.scan(text, target.file), target.kind);
  view.rule = rule.id;
  if ((rule.check(target, { report, project, tokens: view }) as unknown) !== undefined) throw new Error(`rule ${rule.id}: check returned a value`);
}

/** A rule context outside a scan for a rule that reads no tokens (its `ctx.tokens` throws if it does). */
export function contextWithoutTokens(report: (r: Report) => void, kind: string, project: ProjectView = EMPTY_PROJECT): RuleContext {
  return { report, project, tokens: new TokenDetector([]).view(undefined, kind) };
}
