/**
 * Keyword gates for shell rules (RuleMeta.keywords). Most scripts, Makefiles and workflows in a repository never
 * name a command a shell rule looks at; parsing them is most of the cost of shell analysis (a workflow goes
 * through the YAML parser first), so a file is parsed only when some shell rule's keyword is in it.
 *
 * The test is on the text as the shell reads words: quotes, backslashes and line continuations are dropped
 * first, so `c'u'rl`, `"curl"` and `cu\<newline>rl` all contain `curl`. Escapes that spell characters by number
 * (`$'\x63url'`, a YAML `"\u0063url"`) cannot be read this way: a file with any is always parsed.
 */
import type { AnyRule } from '../../model/rule.js';

const NUMERIC_ESCAPE = /\\(?:x[0-9A-Fa-f]|u[0-9A-Fa-f]|U[0-9A-Fa-f]|[0-7]{3})/;
const UNQUOTE = /\\\r?\n|['"\\]/g;

/**
 * The text keywords are looked for in, or undefined when it cannot be told (numeric escapes). The last answer is
 * kept: the scan asks for a file's before parsing it, and the rule runner asks again for its shell target.
 */
let last: { text: string; kw: string | undefined } | undefined;
export function keywordText(text: string): string | undefined {
  if (last?.text !== text) last = { text, kw: NUMERIC_ESCAPE.test(text) ? undefined : text.replace(UNQUOTE, '') };
  return last.kw;
}

/** Whether the rule may report on code whose keyword text is `kw` (undefined: cannot tell, so yes). */
export function mayApply(rule: AnyRule, kw: string | undefined): boolean {
  return !rule.keywords || kw === undefined || rule.keywords.some((k) => kw.includes(k));
}
