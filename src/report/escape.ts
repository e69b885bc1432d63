/**
 * Escaping of untrusted text, one function per output. Everything a repository controls (file names, service
 * and variable names, messages that quote them, suppression reasons) goes through the function of the output it
 * lands in; nothing else escapes. The contract is tested with a corpus of hostile names and values
 * (test/report/escape.test.ts) and end to end by test/safety/. Design: docs/design/pr-threat-model-tests.md §3.
 *
 * - `visible`: control characters as visible escapes, for every output (C0 but LF where allowed, DEL, C1, the
 *   bidi controls and line/paragraph separators), so no name can move the cursor, clear a terminal, forge a line
 *   or reverse the text that follows.
 * - Markdown (job summary, review comments): `mdText` for prose and table cells, `mdCode` for a name in a code
 *   span. Neither lets text open HTML (`<!--`, `<img>`), a link or image, an autolink or an @mention.
 * - Workflow commands (annotations): `commandData`, `commandProperty`.
 * - Terminal: `terminal`.
 * - SARIF: `sarifUri`, a repository-relative URI whose every segment is percent-encoded.
 */

/** Bidi controls (embeddings, overrides, isolates, marks), which reorder the text shown after them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_KEEP_LF = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t', '\x1b': '\\x1b' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Control, bidi and separator characters as visible escapes (`\r`, `\x1b`, `\u202e`); `keepNewlines` leaves LF. */
export function visible(s: string, keepNewlines = false): string {
  return s.replace(keepNewlines ? UNSAFE_KEEP_LF : UNSAFE, escapeChar);
}

/**
 * Markdown punctuation that can start HTML, an entity, a link or an image, a code span, or end a table cell.
 * Emphasis (`*`, `_`, `~`) is left alone: it can neither hide text nor link anywhere, and escaping it would make
 * every snake_case name unreadable in the raw text.
 */
const MD_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '|': '&#124;',
  '\\': '&#92;',
  // An @ followed by a word joiner: GitHub's mention filter works on the rendered text, where an entity is
  // decoded again, so the entity alone would still notify; the joiner breaks the name off the @.
  '@': '@\u2060',
};

/**
 * Untrusted text as Markdown prose or a table cell: one line (LF shown as `\n`), every character that could
 * start markup written as an entity, `://` and `www.` broken so they are no autolinks, no @mention.
 */
export function mdText(s: string): string {
  return visible(s)
    .replace(/[&<>`[\]|\\@]/g, (c) => MD_ENTITIES[c] ?? c)
    .replace(/^#/, '&#35;')
    .replace(/:\/\//g, '&#58;//')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}&#46;`);
}

/**
 * A line of the product's own wording that quotes names in code spans (\`name\`), as Markdown: the spans stay
 * code (their content made safe by mdCode), everything else is escaped as text (mdText).
 */
export function mdLine(l: string): string {
  let out = '';
  let rest = l;
  for (let m = /`([^`]*)`/.exec(rest); m; m = /`([^`]*)`/.exec(rest)) {
    out += mdText(rest.slice(0, m.index)) + mdCode(m[1] ?? '');
    rest = rest.slice(m.index + m[0].length);
  }
  return out + mdText(rest);
}

/**
 * Untrusted text as a Markdown code span, safe in a table cell: controls visible, `|` escaped for the table
 * (GFM removes the backslash inside code spans too), and fenced with more backticks than any run inside.
 */
export function mdCode(s: string): string {
  const body = visible(s).replace(/\|/g, '\\|');
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Workflow-command data (the message): the toolkit's `%`, CR, LF, and every other control as a visible escape. */
export function commandData(s: string): string {
  return visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** A workflow-command property (`file=`, `title=`): data escaping plus `:` and `,`. */
export function commandProperty(s: string): string {
  return commandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Untrusted text for a terminal: one line, every control (ESC, BEL, CR, bidi) as a visible escape. */
export function terminal(s: string): string {
  return visible(s);
}

/**
 * A repository-relative path as a SARIF URI: each `/`-separated segment percent-encoded (`encodeURIComponent`),
 * so `#`, `?`, `%` and a leading `x:` stay part of the path. A name that is not UTF-8 is shown (by the engine)
 * with `\xhh` for each such byte: those bytes are encoded as themselves (`k\xff.txt` → `k%FF.txt`).
 */
export function sarifUri(file: string): string {
  return file
    .split('/')
    .map((segment) => segment.split(/(\\x[0-9a-f]{2})/).map((part, i) => (i % 2 ? `%${part.slice(2).toUpperCase()}` : encodeURIComponent(part))).join(''))
    .join('/');
}
