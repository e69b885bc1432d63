/**
 * A POSIX-shell reader, enough to see commands as the shell does: quoting (`'…'`, `"…"`, `$'…'`, backslash),
 * line continuations, comments, `$(…)`/`${…}`/backquote/`<(…)` kept whole inside words, operators
 * (`|`, `&&`, `||`, `;`, `&`, `(`, `)`), redirections with optional fd numbers, and heredocs (`<<`, `<<-`,
 * quoted delimiters). Control-flow words (`if`, `then`, `do`, `!`, `{` …) in command position are dropped so the
 * command after them is seen.
 *
 * It does not expand anything and does not descend into command substitutions: `$(curl …)` stays part of a word
 * (rules look at word text for those). It never fails: unterminated quotes run to the end of the input, as a
 * linter should rather see the words than give up.
 *
 * Input is a `ShellSource`: the shell text, and a map from each index of it to an offset in the file it came
 * from, so that Makefile recipes (`$$`, `@`), Dockerfile `RUN` lines and YAML `run: |` blocks all report
 * positions in their own file.
 */
import type { ShellCommand, ShellHeredoc, ShellPipeline, ShellRedirect, ShellWord } from '../../model/target.js';
import { propagateConstants } from './shell-constants.js';
import { heredocSource, nestedScript, unquoted } from './shell-nested.js';

export interface ShellSource {
  text: string;
  /** File offset of `text[i]`; `i === text.length` gives the offset just after the last character. */
  at(i: number): number;
}

export function plainSource(text: string, base = 0): ShellSource {
  return { text, at: (i) => base + i };
}

/** A source assembled piece by piece with an explicit offset per character. */
export class SourceBuilder {
  private chars: string[] = [];
  private offsets: number[] = [];
  push(s: string, fileOffset: number, contiguous = true): void {
    for (let k = 0; k < s.length; k++) {
      this.chars.push(s[k] ?? '');
      this.offsets.push(contiguous ? fileOffset + k : fileOffset);
    }
  }
  build(endOffset: number): ShellSource {
    const text = this.chars.join('');
    const offsets = this.offsets;
    // Clamped to the file: a newline the builder added after the file's last line maps to its end.
    const at = (i: number) => (i < offsets.length ? (offsets[i] ?? endOffset) : offsets.length ? (offsets[offsets.length - 1] ?? endOffset) + 1 : endOffset);
    return { text, at: (i) => Math.min(at(i), endOffset) };
  }
}

export interface ParsedShell {
  pipelines: ShellPipeline[];
  /** For each heredoc, the file offset of each character of its body (engine-side, for embedded configs). */
  heredocOffsets: Map<ShellHeredoc, number[]>;
}

const RESERVED_LEAD = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_ALONE = new Set(['fi', 'done', 'esac', '}', 'then', 'do', 'else']);

interface PendingHeredoc {
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
  command: { heredocs: ShellHeredoc[] };
}

/** How deep shell inside shell is read (`bash -c "sudo -u x sh -c '…'"`); deeper scripts stay words. */
const MAX_NESTING = 6;

/**
 * Also parses the shell inside commands (`bash -c '…'`, `su -c`, heredocs fed to a shell: parse/shell-nested.ts);
 * those pipelines follow the file's own, with positions in the file. `depth`: how deep this source is nested.
 */
export function parseShell(src: ShellSource, depth = 0): ParsedShell {
  const t = src.text;
  const n = t.length;
  const pipelines: ShellPipeline[] = [];
  const heredocOffsets = new Map<ShellHeredoc, number[]>();
  let i = 0;

  let words: ShellWord[] = [];
  let redirects: ShellRedirect[] = [];
  let heredocs: ShellHeredoc[] = [];
  let cmdStart = -1;
  let cmdEnd = -1;
  let commands: ShellCommand[] = [];
  let pendingRedirect: string | undefined;
  let pendingHeredoc: { stripTabs: boolean } | undefined;
  const pending: PendingHeredoc[] = [];
  /** Source indices of each word, for reading a nested script's characters back. */
  const wordSpans = new Map<ShellWord, [number, number]>();

  const endCommand = () => {
    while (words.length && RESERVED_LEAD.has(words[0]?.raw ?? '')) words = words.slice(1);
    if (words.length === 1 && RESERVED_ALONE.has(words[0]?.raw ?? '') && !redirects.length) words = [];
    if (words.length || redirects.length || heredocs.length) {
      commands.push({ words, redirects, heredocs, start: words[0]?.start ?? src.at(cmdStart), end: src.at(cmdEnd) });
    }
    words = [];
    redirects = [];
    heredocs = [];
    cmdStart = -1;
    pendingRedirect = undefined;
    pendingHeredoc = undefined;
  };
  const endPipeline = () => {
    endCommand();
    if (commands.length) {
      const first = commands[0];
      const last = commands[commands.length - 1];
      if (first && last) pipelines.push({ commands, start: first.start, end: last.end });
    }
    commands = [];
  };

  /** Reads the bodies of the heredocs opened on the line that just ended; `i` is just after its newline. */
  const readHeredocs = () => {
    for (const h of pending.splice(0)) {
      const offsets: number[] = [];
      const bodyLines: string[] = [];
      const bodyStart = i;
      let bodyEnd = i;
      while (i < n) {
        let lineEnd = t.indexOf('\n', i);
        if (lineEnd === -1) lineEnd = n;
        let lineStart = i;
        if (h.stripTabs) while (t[lineStart] === '\t') lineStart++;
        const line = t.slice(lineStart, lineEnd).replace(/\r$/, '');
        i = Math.min(n, lineEnd + 1);
        if (line === h.delimiter) break;
        bodyLines.push(line);
        for (let k = 0; k < line.length; k++) offsets.push(src.at(lineStart + k));
        offsets.push(src.at(lineStart + line.length));
        bodyEnd = lineStart + line.length;
      }
      const heredoc: ShellHeredoc = {
        delimiter: h.delimiter,
        quoted: h.quoted,
        stripTabs: h.stripTabs,
        body: bodyLines.map((l) => `${l}\n`).join(''),
        start: src.at(bodyStart),
        end: src.at(bodyEnd),
      };
      h.command.heredocs.push(heredoc);
      heredocOffsets.set(heredoc, offsets);
    }
  };

  /** Skips a balanced `(…)` (or `{…}`) starting at `i` (on the opener), honouring quotes; returns the index after. */
  // Quotes inside `$(…)` inside quotes… recurse; past this depth the rest is skipped by bracket counting only.
  const MAX_DEPTH = 64;
  const skipBalanced = (j: number, open: string, close: string, depth = 0): number => {
    let level = 0;
    while (j < n) {
      const c = t[j];
      if (c === '\\') j += 2;
      else if (c === "'") j = skipSingle(j);
      else if (c === '"' && depth < MAX_DEPTH) j = readDouble(j, depth + 1).next;
      else if (c === '`') j = skipBackquote(j);
      else {
        if (c === open) level++;
        else if (c === close && --level === 0) return j + 1;
        j++;
      }
    }
    return n;
  };
  const skipSingle = (j: number): number => {
    const close = t.indexOf("'", j + 1);
    return close === -1 ? n : close + 1;
  };
  const skipBackquote = (j: number): number => {
    j++;
    while (j < n && t[j] !== '`') j += t[j] === '\\' ? 2 : 1;
    return Math.min(n, j + 1);
  };
  /** `"…"` from its opening quote: the unquoted value (expansions as written) and the index after it. */
  function readDouble(j: number, depth = 0): { value: string; next: number } {
    let value = '';
    j++;
    while (j < n && t[j] !== '"') {
      const c = t[j] ?? '';
      if (c === '\\') {
        const d = t[j + 1] ?? '';
        if (d === '\n') {
          j += 2;
          continue;
        }
        value += '$`"\\'.includes(d) ? d : `\\${d}`;
        j += 2;
      } else if (c === '$' && t[j + 1] === '(') {
        const end = skipBalanced(j + 1, '(', ')', depth + 1);
        value += t.slice(j, end);
        j = end;
      } else if (c === '$' && t[j + 1] === '{') {
        const end = skipBalanced(j + 1, '{', '}', depth + 1);
        value += t.slice(j, end);
        j = end;
      } else if (c === '`') {
        const end = skipBackquote(j);
        value += t.slice(j, end);
        j = end;
      } else {
        value += c;
        j++;
      }
    }
    return { value, next: Math.min(n, j + 1) };
  }

  const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r';
  const isMeta = (c: string | undefined) => c === undefined || isBlank(c) || c === '\n' || c === '|' || c === '&' || c === ';' || c === '(' || c === ')' || c === '<' || c === '>';

  let wordEnd = 0;
  const readWord = (): ShellWord => {
    const start = i;
    let value = '';
    let quoted = false;
    // End of the last real character: a line continuation after the word is not part of it.
    let end = i;
    while (i < n) {
      const c = t[i] ?? '';
      if (c === '\\') {
        if (t[i + 1] === '\n') {
          i += 2;
          continue;
        }
        value += t[i + 1] ?? '';
        quoted = true;
        i = Math.min(n, i + 2);
      } else if (c === "'") {
        const end = skipSingle(i);
        value += t.slice(i + 1, end - 1);
        quoted = true;
        i = end;
      } else if (c === '$' && t[i + 1] === "'") {
        const end = skipSingle(i + 1);
        value += t.slice(i + 2, end - 1);
        quoted = true;
        i = end;
      } else if (c === '"') {
        const r = readDouble(i);
        value += r.value;
        quoted = true;
        i = r.next;
      } else if (c === '$' && (t[i + 1] === '(' || t[i + 1] === '{')) {
        const end = t[i + 1] === '(' ? skipBalanced(i + 1, '(', ')') : skipBalanced(i + 1, '{', '}');
        value += t.slice(i, end);
        i = end;
      } else if (c === '`') {
        const end = skipBackquote(i);
        value += t.slice(i, end);
        i = end;
      } else if ((c === '<' || c === '>') && t[i + 1] === '(' && i === start) {
        const end = skipBalanced(i + 1, '(', ')');
        value += t.slice(i, end);
        i = end;
      } else if (isMeta(c)) {
        break;
      } else {
        value += c;
        i++;
      }
      end = i;
    }
    wordEnd = end;
    const word = { value, raw: t.slice(start, end), quoted, start: src.at(start), end: end > start ? Math.min(src.at(end - 1) + 1, src.at(n)) : src.at(start) };
    if (quoted) wordSpans.set(word, [start, end]);
    return word;
  };

  const REDIRECT = /^(\d*)(<<<|<<-|<<|&>>|&>|>>|>&|<&|>\||<>|>|<)/;

  while (i < n) {
    const c = t[i] ?? '';
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === '\\' && t[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#' && (i === 0 || isMeta(t[i - 1]))) {
      while (i < n && t[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      endPipeline();
      i++;
      readHeredocs();
      continue;
    }
    // Redirections (a leading fd number counts only when glued to the operator).
    const rm = REDIRECT.exec(t.slice(i, i + 8));
    if (rm && !((t[i] === '<' || t[i] === '>') && t[i + 1] === '(')) {
      if (cmdStart === -1) cmdStart = i;
      const op = rm[2] ?? '';
      i += rm[0].length;
      cmdEnd = i;
      if (op === '<<' || op === '<<-') pendingHeredoc = { stripTabs: op === '<<-' };
      else pendingRedirect = op;
      continue;
    }
    if (c === '|' || c === '&' || c === ';' || c === '(' || c === ')') {
      const two = t.slice(i, i + 2);
      if (two === '&&' || two === '||' || two === ';;') {
        endPipeline();
        i += 2;
      } else if (two === '|&' || c === '|') {
        endCommand();
        i += two === '|&' ? 2 : 1;
      } else {
        endPipeline();
        i++;
      }
      continue;
    }
    if (cmdStart === -1) cmdStart = i;
    const w = readWord();
    cmdEnd = wordEnd;
    if (pendingHeredoc) {
      pending.push({ delimiter: w.value, quoted: w.quoted, stripTabs: pendingHeredoc.stripTabs, command: { heredocs } });
      pendingHeredoc = undefined;
    } else if (pendingRedirect) {
      redirects.push({ op: pendingRedirect, target: w });
      pendingRedirect = undefined;
    } else {
      words.push(w);
    }
  }
  endPipeline();
  if (depth < MAX_NESTING) {
    const own = pipelines.length;
    for (let p = 0; p < own; p++) {
      for (const cmd of (pipelines[p] as ShellPipeline).commands) {
        const nested = nestedScript(cmd);
        if (!nested) continue;
        let inner: ShellSource | undefined;
        if ('heredoc' in nested) inner = heredocSource(nested.heredoc, heredocOffsets.get(nested.heredoc) ?? []);
        else {
          const span = wordSpans.get(nested.word);
          inner = span ? unquoted(src, span[0], span[1]) : plainWord(nested.word);
        }
        const parsed = parseShell(inner, depth + 1);
        for (const q of parsed.pipelines) pipelines.push(q);
        for (const [h, o] of parsed.heredocOffsets) heredocOffsets.set(h, o);
      }
    }
  }
  // Once, over the file's shell and everything nested in it (parse/shell-constants.ts).
  if (depth === 0) propagateConstants(pipelines);
  return { pipelines, heredocOffsets };
}

/** An unquoted script word (`bash -c true`): its text at its own offsets. */
function plainWord(w: ShellWord): ShellSource {
  return { text: w.value, at: (k) => w.start + Math.min(k, w.value.length) };
}
