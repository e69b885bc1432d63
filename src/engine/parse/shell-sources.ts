/**
 * Where shell code hides in files that are not shell scripts, turned into one `ShellSource` each with offsets
 * back into the original file: Makefile recipes, Dockerfile `RUN` instructions, GitHub workflow `run:` steps.
 */
import type { Dockerfile } from 'dockerfile-ast';
import { isMap, isScalar, isSeq, Scalar, type Document } from 'yaml';
import { LineIndex } from './lines.js';
import { SourceBuilder, type ShellSource } from './shell.js';

/**
 * Recipe lines (starting with a tab) with their continuation lines. Make's own prefixes (`@`, `-`, `+`) are
 * dropped and `$$` becomes the shell's `$`; each recipe line is its own shell command line, as make runs it.
 */
export function makefileSource(text: string): ShellSource {
  const b = new SourceBuilder();
  const lines = text.split('\n');
  let off = 0;
  let inRecipe = false;
  let continued = false;
  let inDefine = false;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const lineOff = off;
    off += raw.length + 1;
    if (!continued && /^\s*define\b/.test(line)) inDefine = true;
    if (inDefine) {
      if (/^\s*endef\b/.test(line)) inDefine = false;
      continue;
    }
    if (continued || line.startsWith('\t')) {
      if (!continued && !inRecipe) continue; // a tab-indented line outside a rule is not a recipe
      let k = continued ? 0 : 1;
      if (!continued) while (k < line.length && /[@+\- \t]/.test(line[k] ?? '')) k++;
      for (; k < line.length; k++) {
        if (line[k] === '$' && line[k + 1] === '$') {
          b.push('$', lineOff + k);
          k++;
        } else {
          b.push(line[k] ?? '', lineOff + k);
        }
      }
      continued = line.endsWith('\\');
      b.push('\n', lineOff + line.length);
      continue;
    }
    continued = false;
    // A rule line (`target: prereqs`), not a variable assignment (`X := y`, `X ?= y`), opens a recipe.
    if (/^[^\s#=][^=]*:(?!=)/.test(line) && !/^[^:]*[:?+!]?=/.test(line)) inRecipe = true;
    else if (line.trim() && !line.trimStart().startsWith('#')) inRecipe = false;
    // `target: ; command` has a recipe on the rule line itself.
    const start = recipeOnRuleLine(line);
    if (start !== undefined) b.push(`${line.slice(start)}\n`, lineOff + start);
  }
  return b.build(text.length);
}

/** `target: prereqs ; command`: where the command starts, if the line is a rule with one (no regex: linear). */
function recipeOnRuleLine(line: string): number | undefined {
  if (!line || /[\s#=]/.test(line[0] ?? '')) return undefined;
  const colon = line.indexOf(':');
  const semi = line.indexOf(';');
  if (colon === -1 || semi === -1 || semi < colon) return undefined;
  if (line.slice(0, semi).includes('=')) return undefined;
  return semi + 1 < line.length ? semi + 1 : undefined;
}

/**
 * The shell of each `RUN` instruction in shell form (exec form `RUN ["…"]` is not shell), and of `CMD`/`ENTRYPOINT`
 * in shell form (Docker runs it with `/bin/sh -c`) or in an exec form that runs a shell's `-c` script
 * (`["sh", "-c", "…"]`). BuildKit flags (`--mount=…`, `--network=…`) and comment lines inside a continued
 * instruction are dropped, as Docker does.
 */
export function dockerfileRunSource(text: string, dockerfile: Dockerfile): ShellSource {
  const b = new SourceBuilder();
  const idx = new LineIndex(text);
  const off = (p: { line: number; character: number }) => idx.lineStart(p.line + 1) + p.character;
  for (const ins of dockerfile.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    if (keyword !== 'RUN' && keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
    const r = ins.getArgumentsRange();
    if (!r) continue;
    let start = off(r.start);
    const end = off(r.end);
    let body = text.slice(start, end);
    const flags = keyword === 'RUN' ? /^(\s*--[^\s=]+(=\S*)?)+\s*/.exec(body) : null;
    if (flags) {
      start += flags[0].length;
      body = body.slice(flags[0].length);
    }
    if (body.startsWith('[')) {
      if (keyword !== 'RUN') pushExecScript(b, body, start);
      continue;
    }
    // `RUN <<EOF` (BuildKit): the heredoc body is the script.
    const script = /^<<-?[ \t]*(["']?)(\w+)\1[ \t]*\r?\n/.exec(body);
    if (script) {
      let pos = script[0].length;
      for (const line of body.slice(pos).split('\n')) {
        if (line.replace(/\r$/, '').trim() === script[2]) break;
        b.push(`${line}\n`, start + pos);
        pos += line.length + 1;
      }
      continue;
    }
    let pos = 0;
    for (const line of body.split('\n')) {
      if (pos > 0 && /^\s*#/.test(line)) {
        pos += line.length + 1;
        continue;
      }
      b.push(`${line}\n`, start + pos);
      pos += line.length + 1;
    }
  }
  return b.build(text.length);
}

/** `CMD ["sh", "-c", "script"]`: the script, at its place in the file when its JSON string has no escapes. */
function pushExecScript(b: SourceBuilder, body: string, start: number): void {
  let argv: unknown;
  try {
    // Docker joins continued lines before reading the exec form's JSON.
    argv = JSON.parse(body.replace(/\\\r?\n/g, ''));
  } catch {
    return;
  }
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return;
  const words = argv as string[];
  if (!SHELL_PROGRAM.test(base(words[0] ?? ''))) return;
  let j = 1;
  while (j < words.length && /^[-+][a-zA-Z]+$/.test(words[j] ?? '') && !(words[j] ?? '').includes('c')) j++;
  const script = /^-[a-zA-Z]+$/.test(words[j] ?? '') && (words[j] ?? '').includes('c') ? words[j + 1] : undefined;
  if (script === undefined) return;
  const quoted = JSON.stringify(script);
  const at = quoted.length === script.length + 2 ? body.indexOf(quoted) : -1;
  if (at === -1) b.push(`${script}\n`, start, false);
  else {
    b.push(script, start + at + 1);
    b.push('\n', start + at + quoted.length - 1);
  }
}

/**
 * `COPY <<EOF /dest` / `ADD <<EOF /dest` (BuildKit heredocs): each instruction's arguments read as shell, so the
 * heredoc body comes with its per-character file offsets. The destination is the last word.
 */
export function dockerfileCopySources(text: string, dockerfile: Dockerfile): { source: ShellSource; start: number; end: number }[] {
  const idx = new LineIndex(text);
  const off = (p: { line: number; character: number }) => idx.lineStart(p.line + 1) + p.character;
  const out: { source: ShellSource; start: number; end: number }[] = [];
  for (const ins of dockerfile.getInstructions()) {
    if (ins.getKeyword() !== 'COPY' && ins.getKeyword() !== 'ADD') continue;
    const r = ins.getArgumentsRange();
    if (!r) continue;
    const start = off(r.start);
    const body = text.slice(start, off(r.end));
    if (!body.includes('<<')) continue;
    const b = new SourceBuilder();
    b.push(body.endsWith('\n') ? body : `${body}\n`, start);
    const range = ins.getRange();
    out.push({ source: b.build(text.length), start: off(range.start), end: off(ins.getInstructionRange().end) });
  }
  return out;
}

const NON_SHELL = /^(pwsh|powershell|python|cmd)\b/i;

/** Every `jobs.<id>.steps[].run` (and composite `runs.steps[].run`) whose shell is a POSIX shell. */
export function workflowSource(text: string, doc: Document): ShellSource {
  const b = new SourceBuilder();
  const steps: unknown[] = [];
  const jobs = doc.get('jobs', true);
  if (isMap(jobs)) for (const job of jobs.items) if (isMap(job.value)) steps.push(job.value.get('steps', true));
  const runs = doc.get('runs', true);
  if (isMap(runs)) steps.push(runs.get('steps', true));
  for (const list of steps) {
    if (!isSeq(list)) continue;
    for (const step of list.items) {
      if (!isMap(step)) continue;
      const shell = step.get('shell');
      if (typeof shell === 'string' && NON_SHELL.test(shell)) continue;
      const run = step.get('run', true);
      if (isScalar(run)) pushScalar(b, text, run);
    }
  }
  return b.build(text.length);
}

/** The value of a YAML scalar with, for each character, where it is in the file (exact for block and plain scalars). */
export function pushScalar(b: SourceBuilder, text: string, node: Scalar): void {
  const range = node.range;
  if (!range) return;
  const [start, end] = range;
  if (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) {
    const headerEnd = text.indexOf('\n', start);
    if (headerEnd === -1 || headerEnd >= end) return;
    const lines: { text: string; off: number }[] = [];
    let p = headerEnd + 1;
    while (p < end) {
      let e = text.indexOf('\n', p);
      if (e === -1 || e > end) e = end;
      lines.push({ text: text.slice(p, e).replace(/\r$/, ''), off: p });
      p = e + 1;
    }
    const explicit = /^[|>][+-]?([1-9])/.exec(text.slice(start, headerEnd).trim());
    const indent = explicit ? Number(explicit[1]) : Math.min(...lines.filter((l) => l.text.trim()).map((l) => l.text.length - l.text.trimStart().length));
    if (!Number.isFinite(indent)) return;
    lines.forEach((l, k) => {
      const content = l.text.slice(indent);
      b.push(content, l.off + indent);
      const next = lines[k + 1];
      // Folded scalars join adjacent non-empty, non-indented lines with a space.
      const fold = node.type === Scalar.BLOCK_FOLDED && content && next?.text.trim() && !/^\s/.test(content) && !/^\s/.test(next.text.slice(indent));
      b.push(fold ? ' ' : '\n', l.off + l.text.length);
    });
    return;
  }
  if (node.type === Scalar.PLAIN && !text.slice(start, end).includes('\n')) {
    b.push(`${text.slice(start, end)}\n`, start);
    return;
  }
  // Quoted or multi-line flow scalars: the value, every character placed at the scalar's start.
  b.push(`${String(node.value)}\n`, start, false);
}

const SHELL_PROGRAM = /^(ba|da|z|k|a)?sh$/;

/**
 * The commands of a compose file's services: each service's `entrypoint` + `command` as one command line, with
 * positions in the compose file. The string form is read as the shell reads words (compose splits it the same
 * way); the list form is the argv, each item one word; when that argv is a shell with `-c` (`["sh", "-c", "…"]`,
 * `entrypoint: ["bash", "-lc"]` with the script in `command`), the script is read as shell of its own. Compose's
 * `$$` (a literal `$`) becomes the shell's `$`; `${VAR}` stays a reference.
 */
export function composeShellSource(text: string, doc: Document): ShellSource {
  const b = new SourceBuilder();
  const services = doc.get('services', true);
  if (!isMap(services)) return b.build(text.length);
  for (const svc of services.items) {
    if (!isMap(svc.value)) continue;
    const parts = ['entrypoint', 'command'].map((k) => (svc.value as { get(k: string, keep: true): unknown }).get(k, true));
    const lists = parts.filter(isSeq);
    const strings = parts.filter((p): p is Scalar => isScalar(p) && typeof p.value === 'string');
    // The argv of an exec form (entrypoint then command, as the container runs them).
    const argv = lists.length === parts.filter((p) => p !== undefined && p !== null).length ? lists.flatMap((l) => l.items.filter(isScalar)) : [];
    if (argv.length) {
      const words = argv.map((n) => String(n.value));
      let j = SHELL_PROGRAM.test(base(words[0] ?? '')) ? 1 : -1;
      while (j > 0 && j < words.length && /^[-+][a-zA-Z]+$/.test(words[j] ?? '') && !(words[j] ?? '').includes('c')) j++;
      const script = j > 0 && /^-[a-zA-Z]+$/.test(words[j] ?? '') && (words[j] ?? '').includes('c') ? argv[j + 1] : undefined;
      if (script) pushCompose(b, text, script);
      else pushArgv(b, text, argv);
      continue;
    }
    for (const s of strings) pushCompose(b, text, s);
  }
  return b.build(text.length);
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** A scalar as one line of shell, compose's `$$` read as `$`. */
function pushCompose(b: SourceBuilder, text: string, node: Scalar): void {
  const tmp = new SourceBuilder();
  pushScalar(tmp, text, node);
  const src = tmp.build(text.length);
  for (let k = 0; k < src.text.length; k++) {
    if (src.text[k] === '$' && src.text[k + 1] === '$') k++;
    b.push(src.text[k] as string, src.at(k));
  }
  if (!src.text.endsWith('\n')) b.push('\n', src.at(src.text.length), false);
}

/** An exec-form argv as one shell command line: each item one word (quoted when it holds shell syntax). */
function pushArgv(b: SourceBuilder, text: string, argv: readonly Scalar[]): void {
  for (const [k, node] of argv.entries()) {
    const value = String(node.value).replace(/\$\$/g, '$');
    const start = node.range?.[0] ?? 0;
    const quotedInFile = text[start] === '"' || text[start] === "'";
    if (k) b.push(' ', start, false);
    if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) b.push(value, quotedInFile ? start + 1 : start, value === text.slice(quotedInFile ? start + 1 : start, (quotedInFile ? start + 1 : start) + value.length));
    else b.push(`'${value.replace(/'/g, `'\\''`)}'`, start, false);
  }
  b.push('\n', argv[argv.length - 1]?.range?.[1] ?? 0, false);
}
