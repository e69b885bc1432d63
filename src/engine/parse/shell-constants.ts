/**
 * Constant propagation of plain scalar assignments within one script: `CONFIG_DIR="$HOME/.openclaw"` then
 * `chmod 755 "$CONFIG_DIR"` is read as `chmod 755 "$HOME/.openclaw"`, `PORT=18789; ufw allow "$PORT/tcp"` as
 * `ufw allow "18789/tcp"`, `cat > "$CONFIG_FILE" <<EOF` as the file it names. Every rule that reads operands
 * sees the value the script runs with; `raw` keeps what was written.
 *
 * What is known, and nothing more (unknown stays unknown, never guessed):
 * - a variable assigned by plain assignments (`X=v`, `export X=v`, `readonly X=v`) that all give it the same
 *   value: straight-line code, and `if` branches that agree. Branches that disagree, a reassignment, `read X`,
 *   `for X in`, `local X` or an assignment in front of a command make it unknown;
 * - only after its first assignment (a use before it is the environment's);
 * - its value is the assignment's text with the constants before it substituted; `$HOME`, `$(…)` and other
 *   unknowns stay as written (`$HOME/.openclaw` is still a path under a home);
 * - `${X:-default}` / `${X-default}` with X never assigned in the script: the default, which is what the script
 *   runs with unless its caller sets X;
 * - nothing is substituted inside single quotes (a word whose raw text holds one is left alone).
 */
import type { ShellPipeline, ShellWord } from '../../model/target.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// A default with quotes or expansions of its own (`${A:-")"}`) is not a plain value: the reference stays whole.
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^{}$"'`\\]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
/** Longest value substituted (a constant is a path, a port, a mode; a longer text is left as a reference). */
const MAX_VALUE = 512;

interface Constant {
  value: string;
  /** File offset after which it holds. */
  from: number;
}

export function propagateConstants(pipelines: readonly ShellPipeline[]): void {
  const assigned = new Map<string, Constant | null>(); // null: assigned, but not to one known value
  const everAssigned = new Set<string>();
  const unknown = (name: string) => {
    everAssigned.add(name);
    assigned.set(name, null);
  };
  const resolve = (text: string, at: number): string =>
    text.replace(REFERENCE, (m, braced: string | undefined, op: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const c = assigned.get(name);
      if (c && c.from < at) return c.value;
      if (op && !everAssigned.has(name) && fallback !== undefined) return fallback;
      return m;
    });

  // Pass 1: which names are assignments of one value, in file order.
  for (const p of pipelines) {
    for (const cmd of p.commands) {
      const w = cmd.words;
      const lead = w[0]?.value;
      if (lead === 'read' || lead === 'local' || lead === 'declare' || lead === 'typeset' || lead === 'unset' || lead === 'mapfile' || lead === 'readarray') {
        for (const a of w.slice(1)) {
          const name = a.value.split('=')[0] ?? '';
          if (NAME.test(name)) unknown(name);
        }
        continue;
      }
      if (lead === 'for' && w[1] && NAME.test(w[1].value)) {
        unknown(w[1].value);
        continue;
      }
      const start = lead === 'export' || lead === 'readonly' ? 1 : 0;
      const all = w.length > start && w.slice(start).every((x) => assignmentName(x) !== undefined);
      for (const x of w.slice(start)) {
        const name = assignmentName(x);
        // `X=1 cmd` sets X for that command only.
        if (!name || !all) break;
        const rawValue = x.value.slice(name.length + 1);
        // Inside single quotes `$` is literal: the value is taken as written.
        const value = x.raw.includes("'") ? rawValue : resolve(rawValue, x.start);
        const prev = assigned.get(name);
        everAssigned.add(name);
        if (prev === null || value.length > MAX_VALUE || value.includes('`')) assigned.set(name, null);
        else if (prev === undefined) assigned.set(name, { value, from: x.end });
        else if (prev.value !== value) assigned.set(name, null);
      }
    }
  }
  // Pass 2: substitute the known ones where they are used.
  const substitute = (x: ShellWord) => {
    if (!x.value.includes('$') || x.raw.includes("'")) return;
    const value = resolve(x.value, x.start);
    if (value !== x.value) x.value = value;
  };
  for (const p of pipelines) {
    for (const cmd of p.commands) {
      for (const x of cmd.words) if (assignmentName(x) === undefined) substitute(x);
      for (const r of cmd.redirects) if (r.target) substitute(r.target);
    }
  }
}

/** `NAME=…` (not `NAME+=…`, not `==`): the name, else undefined. */
function assignmentName(x: ShellWord): string | undefined {
  const eq = x.raw.indexOf('=');
  if (eq <= 0) return undefined;
  const name = x.raw.slice(0, eq);
  return NAME.test(name) ? name : undefined;
}
