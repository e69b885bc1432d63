/**
 * OpenClaw configs written by scripts: `cat > ~/.openclaw/openclaw.json <<'EOF' … EOF` (or `tee`). The heredoc
 * body becomes an `openclaw` target of its own, so every OpenClaw config rule runs on it unchanged, and a
 * `reframe` function maps what those rules report (structural paths, ranges, positions in the body) back to
 * ranges in the script. A body that does not parse becomes a `parse_error` target positioned in the script.
 */
import type { Anchor, PathSegment } from '../../model/location.js';
import type { Report } from '../../model/finding.js';
import type { ComposeTarget, OpenClawTarget, ParseErrorTarget, ShellCommand, ShellHeredoc, ShellPipeline, ShellWord, Span, SystemdTarget, UnitDirective } from '../../model/target.js';
import { parseSystemd } from './systemd.js';
import { isOpenClawConfigName } from '../read/classify.js';
import { json5Resolver, parseJson5 } from './json5.js';
import { reframer } from './embed-yaml.js';
import { LineIndex } from './lines.js';
import { parseYaml, yamlResolver } from './yaml.js';
import { jqConfig, pythonConfig, type ProgramConfig, type ProgramSet } from './embed-programs.js';
import type { PathResolver } from './locator.js';

export interface Embedded {
  target: OpenClawTarget | ParseErrorTarget | SystemdTarget | ComposeTarget;
  /** Maps a finding reported on the embedded target into the enclosing file; undefined drops it. */
  reframe: (input: Report) => Report | undefined;
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
  /** Settings of programs that patch whatever config is there: judged with the `config set` commands. */
  const patches: Setting[] = [];
  for (const p of pipelines) {
    for (const [k, cmd] of p.commands.entries()) {
      const heredoc = cmd.heredocs[0];
      // `cat <<EOF | sudo tee /etc/openclaw/openclaw.json`: the heredoc goes through the pipe to tee.
      const next = p.commands[k + 1];
      const written = heredoc && (writtenConfig(cmd) ?? (next ? writtenConfig(next) : undefined));
      if (heredoc && written) out.push(embedHeredoc(file, fileText, heredoc, offsets.get(heredoc) ?? [], written, { start: cmd.start, end: cmd.end }));
      // `echo '{"gateway":{…}}' > ~/.openclaw/openclaw.json`, `printf '%s' '{…}' | tee …/openclaw.json`.
      const echoed = !heredoc ? echoedConfig(cmd) : undefined;
      const echoTo = echoed && (writtenConfig(cmd) ?? (next ? writtenConfig(next) : undefined));
      if (echoed && echoTo) out.push(embedWord(file, fileText, echoed, echoTo, { start: cmd.start, end: cmd.end }));
      // `jq '.gateway.bind = "lan"' … > openclaw.json`, `python3 - <<EOF … json.dump(cfg, f)` (parse/embed-programs.ts).
      for (const program of [jqConfig(cmd, next, pipelines, fileText, isConfigPath), pythonConfig(cmd, fileText, offsets, isConfigPath)]) {
        if (!program) continue;
        const whole = program.base ? embedProgram(file, fileText, program) : undefined;
        if (whole) out.push(whole);
        else for (const s of program.sets) patches.push(programSetting(s));
      }
    }
  }
  const sets = configSets(file, fileText, pipelines, patches);
  if (sets) out.push(sets);
  for (const p of pipelines) {
    for (const [k, cmd] of p.commands.entries()) {
      const heredoc = cmd.heredocs[0];
      const next = p.commands[k + 1];
      const unit = heredoc && (writtenTo(cmd, isUnitPath) ?? (next ? writtenTo(next, isUnitPath) : undefined));
      if (heredoc && unit) out.push(embedUnit(file, fileText, heredoc, offsets.get(heredoc) ?? [], unit));
      const compose = heredoc && (writtenTo(cmd, isComposePath) ?? (next ? writtenTo(next, isComposePath) : undefined));
      // One compose file per script: compose projects are keyed by file (further ones are left unread).
      if (heredoc && compose && !out.some((e) => e.target.kind === 'compose')) {
        const embedded = embedCompose(file, heredoc, offsets.get(heredoc) ?? [], compose, { start: cmd.start, end: cmd.end });
        if (embedded) out.push(embedded);
      }
    }
  }
  return out;
}

/** A compose file's path (`docker-compose.yml`, `"$DIR/compose.prod.yaml"`). */
const isComposePath = (p: string) => /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i.test(p.slice(p.lastIndexOf('/') + 1)) && !p.includes('$(');

/**
 * A compose file written by a heredoc (`cat > docker-compose.yml <<'EOF'`), as a compose target of the script: it
 * becomes a compose project of its own (assemble/compose/), and what the compose rules report on it (paths in the
 * body) is mapped into the script by `reframe`. A body that is not YAML is left unread (the script is not broken).
 */
function embedCompose(file: string, heredoc: ShellHeredoc, map: readonly number[], written: string, command: { start: number; end: number }): Embedded | undefined {
  const r = parseYaml(heredoc.body);
  if (!r.ok || typeof r.value !== 'object' || r.value === null || !('services' in r.value)) return undefined;
  const target: ComposeTarget = { kind: 'compose', file, text: heredoc.body, value: r.value, doc: r.doc, writtenTo: written };
  return { target, reframe: reframer(file, heredoc.body, map, yamlResolver(r.doc), command, 'compose-heredoc') };
}

/** A systemd service unit's path (`/etc/systemd/system/openclaw.service`, `~/.config/systemd/user/x.service`). */
const isUnitPath = (p: string) => /\.service$/.test(p) && !p.includes('$(');

/** The file a command writes (its heredoc or input) to, when `wanted` accepts it: `cat > X`, `tee [-a] X`. */
function writtenTo(cmd: ShellCommand, wanted: (p: string) => boolean): string | undefined {
  const out = cmd.redirects.find((r) => (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>') && r.target && wanted(r.target.value));
  if (out?.target) return out.target.value;
  const words = cmd.words.map((w) => w.value);
  let k = 0;
  while (k < words.length && (WRAPPERS.has(words[k] ?? '') || /^-/.test(words[k] ?? '') || /^\w+=/.test(words[k] ?? ''))) k++;
  if (words[k] === 'tee') return words.slice(k + 1).find((w) => !w.startsWith('-') && wanted(w));
  return undefined;
}

/**
 * A unit written by a heredoc, as a systemd target of the script: parsed from the body, every range moved to the
 * script's offsets (the per-character map of the body), so the systemd rules report in the script unchanged.
 */
function embedUnit(file: string, fileText: string, heredoc: ShellHeredoc, map: readonly number[], written: string): Embedded {
  const parsed = parseSystemd(heredoc.body);
  const at = (k: number) => map[Math.max(0, Math.min(k, map.length - 1))] ?? heredoc.start;
  const end = (k: number) => (k > 0 ? at(k - 1) + 1 : at(0));
  const span = <T extends Span>(x: T): T => ({ ...x, start: at(x.start), end: end(x.end) });
  const directive = (d: UnitDirective): UnitDirective => ({ ...d, start: at(d.start), end: end(d.end), valueStart: at(d.valueStart), valueEnd: end(d.valueEnd), words: d.words.map(span) });
  const target: SystemdTarget = { kind: 'systemd', file, text: fileText, writtenTo: written, sections: parsed.sections.map(span), directives: parsed.directives.map(directive) };
  return { target, reframe: (input) => input };
}

/** The JSON an `echo`/`printf` writes, when it is one quoted word that starts an object: `echo '{…}'`. */
function echoedConfig(cmd: ShellCommand): ShellWord | undefined {
  const w = cmd.words;
  const k = w.findIndex((x) => x.value === 'echo' || x.value === 'printf');
  if (k === -1) return undefined;
  const args = w.slice(k + 1).filter((x) => !/^-[neE]+$/.test(x.value) && x.value !== '%s' && x.value !== '%s\\n');
  const word = args.length === 1 ? args[0] : undefined;
  return word && word.value.trimStart().startsWith('{') ? word : undefined;
}

/**
 * A quoted word's text as a config, when each character of its value stands at one offset of the file: a
 * single-quoted word, or a double-quoted one without escapes or expansions. Otherwise not read (positions unknown).
 */
function embedWord(file: string, fileText: string, word: ShellWord, written: string, command: { start: number; end: number }): Embedded {
  const contiguous = word.raw.length === word.value.length + 2 && (word.raw.startsWith("'") || (word.raw.startsWith('"') && !/[\\$`]/.test(word.raw)));
  const offsets = contiguous ? [...word.value].map((_, k) => word.start + 1 + k) : [];
  offsets.push(word.end - (contiguous ? 1 : 0));
  const heredoc: ShellHeredoc = { delimiter: '', quoted: true, stripTabs: false, body: contiguous ? word.value : '{}', start: word.start, end: word.end };
  const embedded = embedHeredoc(file, fileText, heredoc, offsets, written, command);
  if (embedded.target.kind === 'openclaw') embedded.target.embedded = { origin: 'echo', line: embedded.target.embedded?.line ?? 1 };
  return embedded;
}

const CONFIG_CLI = /^(openclaw|clawdbot|moltbot)(@[^/\s]*)?(\.m?js)?$/;

/** A key a script sets in whatever config is there: the path, its value, and where the setting is written. */
export interface Setting {
  path: (string | number)[];
  value: unknown;
  start: number;
  end: number;
  /** Where a key inside the value is (file offsets), for a value written as a literal (a jq or Python object). */
  locate?: PathResolver;
  /** Fingerprint key prefix of what it reports (`config-set` for `openclaw config set`, predating the others). */
  keyPrefix: string;
}

/**
 * `openclaw config set <path> <value>` commands of a script (and the settings of programs that patch the config:
 * parse/embed-programs.ts), as one config holding what they set (values read as the CLI does: JSON5 when they
 * parse, else a string), applied in the order they are written. It is partial: a finding about a key nothing sets
 * (a default of the sections it leaves out) is dropped, and the others are reported where the key is set.
 */
export function configSets(file: string, fileText: string, pipelines: readonly ShellPipeline[], patches: readonly Setting[] = []): Embedded | undefined {
  const sets: Setting[] = [...patches];
  for (const p of pipelines) {
    for (const cmd of p.commands) {
      const w = cmd.words.map((x) => x.value);
      const cli = w.findIndex((x, k) => CONFIG_CLI.test(x.slice(x.lastIndexOf('/') + 1)) && w[k + 1] === 'config' && w[k + 2] === 'set');
      if (cli === -1) continue;
      const operands = w.slice(cli + 3).filter((x) => !x.startsWith('--'));
      const [key, raw] = operands;
      if (!key || raw === undefined || key.includes('$')) continue;
      const path = key.split(/\.|\[(\d+)\]/).filter((x) => x !== undefined && x !== '').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
      if (!path.length || path.length > 32) continue;
      sets.push({ path, value: cliValue(raw), start: cmd.start, end: cmd.end, keyPrefix: 'config-set' });
    }
  }
  // Nested shell is parsed after its file's own lines: the order of the script is the order of the offsets.
  sets.sort((a, b) => a.start - b.start);
  const first = sets[0];
  if (!first) return undefined;
  const value: Record<string, unknown> = {};
  for (const s of sets) setPath(value, s.path, s.value);
  const line = new LineIndex(fileText).position(first.start).line;
  const text = JSON.stringify(value, null, 2);
  const target: OpenClawTarget = { kind: 'openclaw', file, text, value, authored: value, includes: [], origin: (p) => ({ file, path: p }), embedded: { origin: 'config set', line } };
  return { target, reframe: settingsReframe(file, sets, () => undefined) };
}

/**
 * Reports on a config built from settings, placed where the setting of their key is written (inside its literal
 * value when it has one); a report about a key no setting wrote goes to `otherwise` (undefined drops it).
 */
function settingsReframe(file: string, sets: readonly Setting[], otherwise: (input: Report) => Report | undefined): (input: Report) => Report | undefined {
  const setter = (path: readonly PathSegment[]) => {
    let best: Setting | undefined;
    let bestLen = -1;
    for (const s of sets) {
      const n = Math.min(s.path.length, path.length);
      let k = 0;
      while (k < n && String(s.path[k]) === String(path[k])) k++;
      // The finding is at or under a key the command sets, or at its direct parent (`…model` for `…model.primary`).
      // Among equals the later setting wins, as it does in the config.
      if (k === n && (k === s.path.length || s.path.length === path.length + 1) && n >= bestLen) {
        best = s;
        bestLen = n;
      }
    }
    return best;
  };
  return (input) => {
    if (input.at.kind !== 'path' || (input.at.file !== undefined && input.at.file !== file)) return otherwise(input);
    const s = setter(input.at.path);
    if (!s) return otherwise(input);
    const sub = input.at.path.slice(s.path.length);
    const inside = sub.length && input.at.path.length > s.path.length ? s.locate?.(sub, input.at.part ?? 'pair') : undefined;
    const at: Anchor = inside ? { kind: 'range', start: inside[0], end: inside[1] } : { kind: 'range', start: s.start, end: s.end };
    const { fix: _fix, ...rest } = input;
    return { ...rest, at, ...(input.key === undefined && input.secret === undefined ? { key: `${s.keyPrefix}:${JSON.stringify(input.at.path)}` } : {}) };
  };
}

/** A program's setting (a jq assignment, a Python subscript assignment) with its literal value read as JSON5. */
function programSetting(s: ProgramSet): Setting {
  const parsed = parseJson5(s.value.text);
  const map = s.value.map;
  const resolve = parsed.ok ? json5Resolver(parsed.ast) : undefined;
  const locate: PathResolver = (sub, part) => {
    const r = resolve?.(sub, part);
    return r ? [map[r[0]] ?? s.start, r[1] > r[0] ? (map[r[1] - 1] ?? s.start) + 1 : (map[r[0]] ?? s.start)] : undefined;
  };
  return { path: s.path, value: parsed.ok ? parsed.value : '${UNKNOWN}', start: s.start, end: s.end, locate, keyPrefix: 'program' };
}

/**
 * A program that writes a whole config from a literal (`jq -n '{…}'`, a Python dict literal), with the settings it
 * applies after: a config of its own, reported in the literal or at the setting that wrote the key.
 */
function embedProgram(file: string, fileText: string, program: ProgramConfig): Embedded | undefined {
  if (!program.base) return undefined;
  const parsed = parseJson5(program.base.text);
  if (!parsed.ok) return undefined;
  const sets = program.sets.map(programSetting);
  const value = structuredClone(parsed.value);
  for (const s of sets) if (typeof value === 'object' && value !== null) setPath(value as Record<string, unknown>, s.path, s.value);
  const line = new LineIndex(fileText).position(program.command.start).line;
  const literal = reframer(file, program.base.text, program.base.map, json5Resolver(parsed.ast), program.command, 'program');
  return {
    target: { kind: 'openclaw', file, text: program.base.text, value, authored: value, includes: [], origin: (p) => ({ file, path: p }), embedded: { origin: program.program, line } },
    reframe: settingsReframe(file, sets, literal),
  };
}

/** A `config set` value as the CLI reads it: JSON5 when it parses (`true`, `18789`, `["*"]`), else the string. */
function cliValue(raw: string): unknown {
  if (/^(true|false|null|-?\d+(\.\d+)?)$/.test(raw) || /^[[{"]/.test(raw)) {
    const r = parseJson5(raw);
    if (r.ok) return r.value;
  }
  return raw;
}

function setPath(obj: Record<string, unknown>, path: readonly (string | number)[], v: unknown): void {
  let cur: Record<string, unknown> = obj;
  for (const [k, seg] of path.entries()) {
    const key = String(seg);
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return;
    if (k === path.length - 1) {
      cur[key] = v;
      return;
    }
    const nextIsIndex = typeof path[k + 1] === 'number';
    const child = cur[key];
    if (typeof child !== 'object' || child === null) cur[key] = nextIsIndex ? [] : {};
    cur = cur[key] as Record<string, unknown>;
  }
}

/**
 * One heredoc body as an OpenClaw config target (or a parse error) with its `reframe`. `map` gives the file offset
 * of each body character; `command` is the range of what writes it (for whole-file findings). `heredoc.quoted`
 * absent (a ConfigMap key, a cloud-init or Ansible file body): the text is written as it stands, nothing expands it.
 */
export function embedHeredoc(file: string, fileText: string, heredoc: Pick<ShellHeredoc, 'body' | 'start'> & Partial<Pick<ShellHeredoc, 'quoted'>>, map: readonly number[], written: string, command: { start: number; end: number }, what = 'heredoc writing'): Embedded {
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
  return {
    // A heredoc config has no `$include` of its own to resolve: it is its own single origin.
    target: { kind: 'openclaw', file, text: heredoc.body, value: parsed.value, authored: parsed.value, includes: [], origin: (p) => ({ file, path: p }), embedded: { origin: 'heredoc', line, expands: heredoc.quoted === false } },
    reframe: reframer(file, heredoc.body, at, json5Resolver(parsed.ast), command, 'heredoc'),
  };
}

export { isConfigPath };
