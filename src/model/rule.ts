import type { Report } from './finding.js';
import type { Severity } from './severity.js';
import type { ProjectView, TargetKind, TargetMap } from './target.js';
import type { FileTokens, TokenSpec } from './token.js';

export interface RuleContext<M extends string = string> {
  report(finding: Report<M>): void;
  /**
   * The structured files of the whole scan (compose, OpenClaw config, dotenv, Dockerfiles), for rules that
   * need a neighbour (a `.env` beside a compose file). Empty while text files are streamed: text rules
   * see one file at a time.
   */
  project: ProjectView;
  /** The scan's token detector on this target (src/model/token.ts): the file's tokens, found once for all rules. */
  tokens: FileTokens;
}

/** Metadata of a rule: everything the docs, the SARIF `rules[]` and the README table are generated from. */
export interface RuleMeta {
  /** Dotted id: `<folder>.<file>` of the rule module; for OpenClaw config, exactly the audit's checkId. */
  id: string;
  /** The problem, in one line ("Privileged container"). */
  title: string;
  /** Default severity; a finding may raise or lower it (escalations). */
  severity: Severity;
  /** Why it matters, in Markdown (one short paragraph). */
  description: string;
  /** How to fix: the key or line to change and the safe value, in Markdown. */
  remediation: string;
  references?: readonly string[];
  /** Extra tags for SARIF (`security` is always added). */
  tags?: readonly string[];
  /** SARIF precision: how sure a finding of this rule is. */
  precision?: 'very-high' | 'high' | 'medium' | 'low';
  /** Set when the rule reports the same condition as `openclaw security audit` under the same checkId. */
  openclawAudit?: boolean;
  /**
   * Whether `scan --history` runs the rule over what each commit added (docs/history.md). Default: yes for
   * `text` rules (the lines a commit added) and `repo` rules (the paths a commit added, `target.history` set);
   * no for other kinds. `false` for a rule that means nothing per commit (what the repository lacks); `true`
   * for a structured rule that should see each file a commit added (`dotenv.committed`).
   */
  history?: boolean;
  /**
   * For `shell` rules: words one of which appears in any shell code this rule can report on (command or package
   * names: `chmod`, `openclaw`). The engine runs the rule only on files that contain one, as a shell reads them
   * (quotes, backslashes and line continuations removed: `c'u'rl` is `curl`), and does not parse a script,
   * Makefile or workflow that no shell rule would run on (engine/check/keywords.ts). Every shell rule declares them
   * (test/keywords.test.ts checks each finding on the fixtures contains one).
   */
  keywords?: readonly string[];
  /**
   * For a rule with more than one message (ESLint's `meta.messages`): message templates by id, with `{{name}}`
   * placeholders filled from the report's `data`. The rule reports `messageId` instead of `message`, and a fixture
   * may expect one: `# expect: compose.port_all_interfaces/unknown`. A rule with one message writes it inline.
   */
  messages?: Readonly<Record<string, string>>;
  /**
   * A token rule: its token type as data (src/model/token.ts). The engine's detector finds these tokens and the
   * rule's check reports `ctx.tokens.own` (rules/_shared/tokens.ts `reportTokens`). A token rule applies to `text`.
   */
  token?: TokenSpec;
  /**
   * The check reads `ctx.tokens.all` or `ctx.tokens.holds` on targets other than `text` (an OpenClaw config, a
   * `.env`): the engine finds the tokens of those targets' text before the rule runs.
   */
  usesTokens?: boolean;
}

export interface Rule<K extends TargetKind = TargetKind, M extends string = string> extends RuleMeta {
  appliesTo: readonly K[];
  messages?: Readonly<Record<M, string>>;
  /**
   * Synchronous: report through ctx, return nothing. What needs waiting for (secretlint) the engine awaits before
   * the rules run; an `async check` is refused by the lint config and by test/catalogue.test.ts, and a check that
   * returns a value fails as a rule error.
   */
  check(target: TargetMap[K], ctx: RuleContext<M>): void;
}

/**
 * Typed helper so metadata and check share one type; returns the rule unchanged. The message ids a check may
 * report are the keys of its `messages` (none when it has none).
 */
export function defineRule<K extends TargetKind, M extends string = never>(rule: Rule<K, M>): Rule<K, M> {
  return rule;
}

/** A rule of any kind, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, any>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * The text of a report: its `message`, or the rule's message `messageId` with its placeholders filled from `data`.
 * Throws on an unknown id or a placeholder without a value, so a mistake fails the rule's tests instead of printing
 * a template.
 */
export function messageText(rule: Pick<RuleMeta, 'id' | 'messages'>, input: Report): string {
  if (input.messageId === undefined) return input.message;
  const { messageId, data } = input;
  const template = rule.messages?.[messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} reported message "${messageId}", which its messages do not define`);
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = data?.[name];
    if (value === undefined) throw new Error(`rule ${rule.id}, message "${messageId}": no value for {{${name}}}`);
    return String(value);
  });
}
