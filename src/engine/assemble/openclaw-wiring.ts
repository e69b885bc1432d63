/**
 * OpenClaw configs found by wiring (docs/openclaw.md#how-a-file-is-recognised): a file the deployment puts where
 * OpenClaw reads its config is that config, whatever its name or content. The wiring is read from the parses
 * already made (no file is parsed twice for it):
 * - shell (scripts, Makefiles, workflows, Dockerfile `RUN`): `cp|install X DEST`, `ln -s X DEST`;
 * - Dockerfile `COPY|ADD X DEST`;
 * - compose: a bind mount `X:DEST` (short or long syntax), or `X:…/.openclaw` (then `X/openclaw.json`);
 * - `OPENCLAW_CONFIG_PATH=X` in a compose service's environment or a `.env`, when X is a relative path of the tree;
 *   in a compose service it also names DEST for that service's mounts. (A unit's `Environment=` names a host path,
 *   absolute: nothing of the tree, so units are not read for it.)
 * DEST is a config path: a file named as OpenClaw's config (`…/.openclaw/openclaw.json`, read/classify.ts), or
 * `$OPENCLAW_CONFIG_PATH`. X is resolved against the wiring file's folder (a compose file's folder, a Dockerfile's
 * folder as its build context), then each folder above it up to the root (a script run from the repository root,
 * a build context one level up); the first file of the scanned tree found wins. Only files of the scanned tree,
 * and not files that are OpenClaw configs already.
 */
import type { Dockerfile } from 'dockerfile-ast';
import type { ShellCommand, ShellTarget, TargetMap } from '../../model/target.js';
import { normaliseHostPath } from '../../lib/exposure.js';
import { isOpenClawConfigName } from '../read/classify.js';

export interface WiredConfig {
  /** The config's path in the repository. */
  file: string;
  /** The file whose wiring names it. */
  wiredBy: string;
}

const WRAPPERS = new Set(['sudo', 'doas', 'env', 'command', 'exec', 'nohup']);
const CONFIG_VAR = /^\$\{?OPENCLAW_CONFIG_PATH\}?$/;

/** Where OpenClaw reads its config: its file name, or the variable that names it. */
export function isConfigDestination(dest: string, extra: ReadonlySet<string> = new Set()): boolean {
  const d = trimSlashes(dest);
  return isOpenClawConfigName(d) || CONFIG_VAR.test(d) || extra.has(d);
}

/** Without its trailing slashes (a loop: `/\/+$/` backtracks quadratically on a long run of slashes). */
function trimSlashes(p: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}

/** `…/.openclaw` (a state directory mounted or copied whole): its `openclaw.json` is the config. */
function isStateDir(dest: string): boolean {
  return /(?:^|\/)\.openclaw\/?$/.test(dest);
}

/** Files the deployment wires to the config path. `exists`: whether a repository path is a file of the scan. */
export function findWiredConfigs(
  sources: {
    shells: readonly ShellTarget[];
    dockerfiles: readonly TargetMap['dockerfile'][];
    composeProjects: readonly TargetMap['compose_project'][];
    dotenvs: readonly TargetMap['dotenv'][];
  },
  exists: (rel: string) => boolean,
): WiredConfig[] {
  const out = new Map<string, WiredConfig>();
  const wire = (wiredBy: string, source: string, dir = false) => {
    const file = resolveInTree(wiredBy, dir ? `${trimSlashes(source)}/openclaw.json` : source, exists);
    if (file && !out.has(file)) out.set(file, { file, wiredBy });
  };
  for (const s of sources.shells) for (const p of s.pipelines) for (const cmd of p.commands) for (const x of copiedToConfig(cmd)) wire(s.file, x);
  for (const d of sources.dockerfiles) for (const x of dockerfileCopies(d.dockerfile)) wire(d.file, x.source, x.dir);
  for (const project of sources.composeProjects) {
    for (const svc of project.services) {
      const env = svc.value.environment;
      const configPath = env && typeof env === 'object' ? (env as Record<string, unknown>).OPENCLAW_CONFIG_PATH : undefined;
      const extra = new Set(typeof configPath === 'string' ? [configPath] : []);
      if (typeof configPath === 'string') wire(svc.fileOf(['environment']), configPath);
      for (const m of svc.mounts) {
        // A bind as written (short `./x:DEST` or long `type: bind`); a named volume bound by `driver_opts` names no
        // file of the tree by its source (the volume's name).
        if (m.type !== 'bind' || m.hostPath !== normaliseHostPath(m.source)) continue;
        const file = svc.fileOf(['volumes', m.index]);
        if (isConfigDestination(m.target, extra)) wire(file, m.source);
        else if (isStateDir(m.target)) wire(file, m.source, true);
      }
    }
  }
  for (const e of sources.dotenvs) for (const entry of e.entries) if (entry.key === 'OPENCLAW_CONFIG_PATH') wire(e.file, entry.value);
  return [...out.values()];
}

/** The sources of `cp|install [opts] X… DEST` and `ln -s X DEST` whose DEST is the config path. */
function copiedToConfig(cmd: ShellCommand): string[] {
  const words = cmd.words.map((w) => w.value);
  let k = 0;
  while (k < words.length && (WRAPPERS.has(words[k] ?? '') || /^-/.test(words[k] ?? '') || /^\w+=/.test(words[k] ?? ''))) k++;
  const name = words[k];
  if (name !== 'cp' && name !== 'install' && name !== 'ln') return [];
  const args = words.slice(k + 1).filter((w) => !w.startsWith('-'));
  // `install -m 600 X DEST`: the mode is an option's value, not a source.
  const opts = words.slice(k + 1).filter((w) => w.startsWith('-'));
  if (name === 'install' && opts.some((o) => /^-[^-]*[mgo]$/.test(o))) args.shift();
  if (name === 'ln' && !opts.some((o) => /^-[^-]*s/.test(o) || o === '--symbolic')) return [];
  const dest = args.pop();
  if (!dest || !args.length) return [];
  if (isConfigDestination(dest)) return args.length === 1 ? args : [];
  return [];
}

/** `COPY|ADD [--opts] X… DEST` onto the config path (or a state directory, one source). */
function dockerfileCopies(dockerfile: Dockerfile): { source: string; dir: boolean }[] {
  const out: { source: string; dir: boolean }[] = [];
  for (const ins of dockerfile.getInstructions()) {
    const kw = ins.getKeyword();
    if (kw !== 'COPY' && kw !== 'ADD') continue;
    const args = ins.getArguments().map((a) => a.getValue()).filter((a) => !a.startsWith('--'));
    const dest = args.pop();
    if (!dest || args.length !== 1 || args[0]?.includes('<<')) continue;
    const source = args[0] as string;
    if (isConfigDestination(dest)) out.push({ source, dir: false });
    else if (isStateDir(dest)) out.push({ source, dir: true });
  }
  return out;
}

/**
 * A source path written in `wiredBy` as a file of the tree: relative to its folder, then to each folder above.
 * Absolute, home-relative and unresolved paths (`$X`, `$(…)`) are outside what the scan can know.
 */
export function resolveInTree(wiredBy: string, source: string, exists: (rel: string) => boolean): string | undefined {
  const dirs = wiredBy.split('/').slice(0, -1);
  // `"$SCRIPT_DIR/x.json"` with `SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"` (constants resolved):
  // the script's own folder, and only that.
  const cut = source.indexOf(')/');
  const ownFolder = cut !== -1 && SCRIPT_FOLDER.test(source.slice(0, cut + 1).replace(/["'\s]/g, ''));
  if (ownFolder) source = source.slice(cut + 2);
  if (!source || /[$`*?[\]{}]/.test(source) || /^[/~]/.test(source)) return undefined;
  for (let n = dirs.length; n >= (ownFolder ? dirs.length : 0); n--) {
    const rel = normalise([...dirs.slice(0, n), ...source.split('/')]);
    if (rel && exists(rel)) return rel;
  }
  return undefined;
}

/** The script's folder, quotes and spaces removed: `$(dirname "$0")`, `$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)`. */
const SCRIPT_FOLDER = /^\$\((?:cd\$\(dirname\$(?:0|\{0\}|BASH_SOURCE|\{BASH_SOURCE(?:\[0\])?\})\)&&pwd(?:-P)?|dirname\$(?:0|\{0\}|BASH_SOURCE|\{BASH_SOURCE(?:\[0\])?\}))\)$/;

/** `a/./b/../c` → `a/c`; undefined when it climbs out of the tree. */
function normalise(segments: string[]): string | undefined {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out.join('/') || undefined;
}

/**
 * Variables a script writes into an env file (`cat > …/.env <<EOF` with `NAME=value` lines, `echo "NAME=value" >>
 * …/.env`, `| tee …/.env`), set to a non-empty value: the environment the deployment it sets up runs with (the
 * container's `env_file`, the unit's `EnvironmentFile`, OpenClaw's own `~/.openclaw/.env`). Only names: a value is
 * generated or filled in at deploy time.
 */
export function envWrittenBy(shell: ShellTarget): Set<string> {
  const out = new Set<string>();
  const add = (text: string) => {
    for (const line of text.split('\n')) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      const value = (m?.[2] ?? '').trim();
      if (m?.[1] && value && value !== '""' && value !== "''") out.add(m[1]);
    }
  };
  for (const p of shell.pipelines) {
    for (const [k, cmd] of p.commands.entries()) {
      const next = p.commands[k + 1];
      if (!writesEnvFile(cmd) && !(next && writesEnvFile(next))) continue;
      for (const h of cmd.heredocs) add(h.body);
      const words = cmd.words.map((w) => w.value);
      if (words[0] === 'echo' || words[0] === 'printf') add(words.slice(1).join('\n'));
    }
  }
  return out;
}

/** `.env`, `app.env`, `…/openclaw/.env`. */
const ENV_FILE = /\.env$/;

function writesEnvFile(cmd: ShellCommand): boolean {
  if (cmd.redirects.some((r) => (r.op === '>' || r.op === '>>') && r.target && ENV_FILE.test(r.target.value))) return true;
  const words = cmd.words.map((w) => w.value);
  const tee = words.indexOf('tee');
  return tee !== -1 && words.slice(tee + 1).some((w) => !w.startsWith('-') && ENV_FILE.test(w));
}
