/**
 * gitignore matching, in one place (discovery outside git, `.gatewarden.yml` ignores, the repository target).
 * The `ignore` package compiles each pattern with regexes that backtrack quadratically on pathological lines
 * (tens of thousands of `\[`), so lines longer than any real pattern are dropped before it sees them.
 */
import ignore, { type Ignore } from 'ignore';

export const MAX_PATTERN_LENGTH = 1024;

export function gitignoreMatcher(patterns: string | readonly string[]): Ignore {
  const lines = typeof patterns === 'string' ? patterns.split(/\r?\n/) : patterns;
  return ignore().add(lines.filter((l) => l.length <= MAX_PATTERN_LENGTH));
}
