/**
 * GitHub ```suggestion blocks from `Finding.fix`, for any rule that provides one. A suggestion replaces whole
 * lines (the commented range), so the fix's character range is applied to the lines it spans and the result is
 * what the block holds. Nothing here knows any rule.
 *
 * Secrets: `Finding.fix` never contains one (the engine scrubs it), but the lines around the fix are quoted
 * back. A suggestion is therefore dropped when any secret finding of the same file lies on those lines and the
 * fix does not replace it entirely.
 */
import type { Finding } from '../model/finding.js';
import type { Location } from '../model/location.js';

export interface Suggestion {
  startLine: number;
  endLine: number;
  /** The replacement lines, without a trailing newline. */
  text: string;
}

const before = (aLine: number, aCol: number, bLine: number, bCol: number) => aLine < bLine || (aLine === bLine && aCol <= bCol);

/** Does `inner` lie entirely within `outer`? */
function covers(outer: Location, inner: Location): boolean {
  return before(outer.startLine, outer.startColumn, inner.startLine, inner.startColumn) && before(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn);
}

export function buildSuggestion(finding: Finding, fileText: string, sameFileFindings: readonly Finding[]): Suggestion | undefined {
  const fix = finding.fix;
  if (!fix || fix.location.file !== finding.location.file) return undefined;
  const { startLine, startColumn, endLine, endColumn } = fix.location;
  const lines = fileText.split('\n');
  if (startLine < 1 || endLine > lines.length || endLine < startLine) return undefined;

  for (const other of sameFileFindings) {
    if (other.redacted === undefined || other.location.file !== finding.location.file) continue;
    const overlapsLines = other.location.startLine <= endLine && other.location.endLine >= startLine;
    if (overlapsLines && !covers(fix.location, other.location)) return undefined;
  }

  const block = lines.slice(startLine - 1, endLine).join('\n');
  const startOffset = startColumn - 1;
  let endOffset = endColumn - 1;
  for (let l = startLine; l < endLine; l++) endOffset += (lines[l - 1] ?? '').length + 1;
  if (startOffset < 0 || endOffset > block.length || endOffset < startOffset) return undefined;
  const replaced = block.slice(0, startOffset) + fix.replacement + block.slice(endOffset);
  const text = replaced
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .join('\n');
  return { startLine, endLine, text };
}

/** The fenced block; the fence is longer than any backtick run in the text. */
export function suggestionBlock(s: Suggestion): string {
  const longest = Math.max(0, ...[...s.text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}suggestion\n${s.text}${s.text === '' ? '' : '\n'}${fence}`;
}
