/**
 * OpenClaw configs written by scripts: `cat > ~/.openclaw/openclaw.json <<'EOF' … EOF` (or `tee`). The heredoc
 * body becomes an `openclaw` target of its own, so every OpenClaw config rule runs on it unchanged, and a
 * `reframe` function maps what those rules report (structural paths, ranges, positions in the body) back to
 * ranges in the script. A body that does not parse becomes a `parse_error` target positioned in the script.
 */
import type { Anchor } from '../../model/location.js';
import type { Report } from '../../model/finding.js';
import type { OpenClawTarget, ParseErrorTarget, ShellCommand, ShellHeredoc, ShellPipeline } from '../../model/target.js';
import { isOpenClawConfigName } from '../read/classify.js';
import { json5Resolver, parseJson5 } from './json5.js';
import { LineIndex } from './lines.js';

export interface Embedded {
  target: OpenClawTarget | ParseErrorTarget;
  /** Maps a finding reported on the embedded target into the enclosing file. */
  reframe: (input: Report) => Report;
}

const WRAPPERS = new Set(['sudo', 'doas', 'env', 'command', 'exec', 'nohup']);

/** A config file name, or OpenClaw's config-path variable (`"${OPENCLAW_CONFIG_PATH}"`). */
const isConfigPath = (p: string) => isOpenClawConfigName(p) || /^\$\{?OPENCLAW_CONFIG_PATH\}?$/.test(p);

/** The config file a command writes its heredoc (or its input) to: `cat > X <<EOF`, `cat <<EOF >X`, `tee [-a] X`. */
function writtenConfig(cmd: ShellCommand): string | undefined {
  const out = cmd.redirects.find((r) => (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>') && r.target && isConfigPath(r.target.value));
  if (out?.target) return out.target.value;
  const words = cmd.words.map((w) => w.value);
  let k = 0;
  while (k < words.length && (WRAPPERS.has(words[k] ?? '') || /^-/.test(words[k] ?? '') || /^\w+=/.test(words[k] ?? ''))) k++;
  if (words[k] === 'tee') return words.slice(k + 1).find((w) => !w.startsWith('-') && isConfigPath(w));
  return undefined;
}

export function embeddedConfigs(file: string, fileText: string, pipelines: readonly ShellPipeline[], offsets: Map<ShellHeredoc, number[]>): Embedded[] {
  const out: Embedded[] = [];
  for (const p of pipelines) {
    for (const [k, cmd] of p.commands.entries()) {
      const heredoc = cmd.heredocs[0];
      // `cat <<EOF | sudo tee /etc/openclaw/openclaw.json`: the heredoc goes through the pipe to tee.
      const next = p.commands[k + 1];
      const written = heredoc && (writtenConfig(cmd) ?? (next ? writtenConfig(next) : undefined));
      if (heredoc && written) out.push(embedHeredoc(file, fileText, heredoc, offsets.get(heredoc) ?? [], written, { start: cmd.start, end: cmd.end }));
    }
  }
  return out;
}

/**
 * One heredoc body as an OpenClaw config target (or a parse error) with its `reframe`. `map` gives the file offset
 * of each body character; `command` is the range of what writes it (for whole-file findings).
 */
export function embedHeredoc(file: string, fileText: string, heredoc: Pick<ShellHeredoc, 'body' | 'start'>, map: readonly number[], written: string, command: { start: number; end: number }, what = 'heredoc writing'): Embedded {
  const fileLines = new LineIndex(fileText);
  const at = (k: number) => map[Math.max(0, Math.min(k, map.length - 1))] ?? heredoc.start;
  const bodyLines = new LineIndex(heredoc.body);
  const commandAnchor: Anchor = { kind: 'range', start: command.start, end: command.end };
  const line = fileLines.position(heredoc.start).line;
  const parsed = parseJson5(heredoc.body);
  if (!parsed.ok) {
    const bodyOff = parsed.line ? bodyLines.lineStart(parsed.line) + (parsed.column ?? 1) - 1 : 0;
    const pos = fileLines.position(at(bodyOff));
    return {
      target: { kind: 'parse_error', file, fileKind: 'openclaw', message: `${what} ${written}: ${parsed.message}`, line: pos.line, column: pos.column },
      reframe: (input) => (input.at.kind === 'file' && input.at.file === undefined ? { ...input, at: commandAnchor } : input),
    };
  }
  const resolve = json5Resolver(parsed.ast);
  const range = (s: number, e: number): Anchor => ({ kind: 'range', start: at(s), end: e > s ? at(e - 1) + 1 : at(s) });
  const mapAnchor = (a: Anchor): Anchor => {
    if (a.file !== undefined && a.file !== file) return a;
    switch (a.kind) {
      case 'range':
        return range(a.start, a.end);
      case 'position':
        return range(bodyLines.lineStart(a.line) + a.column - 1, bodyLines.lineStart(a.endLine) + a.endColumn - 1);
      case 'file':
        return commandAnchor;
      case 'path':
        for (let k = a.path.length; k >= 0; k--) {
          const r = resolve(a.path.slice(0, k), k === a.path.length ? (a.part ?? 'pair') : 'key');
          if (r) return range(r[0], r[1]);
        }
        return commandAnchor;
    }
  };
  return {
    // A heredoc config has no `$include` of its own to resolve: it is its own single origin.
    target: { kind: 'openclaw', file, text: heredoc.body, value: parsed.value, authored: parsed.value, includes: [], origin: (p) => ({ file, path: p }), embedded: { origin: 'heredoc', line } },
    reframe: (input) => ({
      ...input,
      at: mapAnchor(input.at),
      // A structural path stays the finding's identity, as it is for a config file of its own.
      ...(input.key === undefined && input.secret === undefined && input.at.kind === 'path' ? { key: `heredoc:${JSON.stringify(input.at.path)}` } : {}),
      ...(input.fix ? { fix: { ...input.fix, at: mapAnchor(input.fix.at) } } : {}),
    }),
  };
}

export { isConfigPath };
