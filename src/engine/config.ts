/**
 * `.gatewarden.yml`: paths to ignore (gitignore syntax, relative to the config's folder), rules to turn off or
 * re-grade, and the file-size limit. Found in the scanned directory unless `--config` names one.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { gitignoreMatcher } from './discover/gitignore.js';
import { parse } from 'yaml';
import type { Note } from '../model/finding.js';
import { isSeverity, type Severity } from '../model/severity.js';
import { UsageError } from '../model/errors.js';
import { DEFAULT_MAX_FILE_SIZE, parseSize } from './read/read.js';
import { toPosix, type ScanRoot } from './discover/discover.js';
import { flowDepth, MAX_YAML_DEPTH } from './parse/yaml.js';

export const CONFIG_FILE_NAMES = ['.gatewarden.yml', '.gatewarden.yaml'];

export interface ScanConfig {
  /** Where the config came from (for messages), or undefined for defaults. */
  source?: string;
  /** True for a path (relative to the scan base) that the config ignores. */
  isIgnored(relPath: string): boolean;
  /**
   * The files whose paths the config does not ignore. Unlike `isIgnored`, whose matcher remembers every path and
   * folder it was asked about (~250 bytes each, kept as long as the config), each call matches with a fresh one.
   */
  unignored<T extends { path: string }>(files: readonly T[]): T[];
  /** Rule id → 'off' or a severity override. */
  rules: ReadonlyMap<string, 'off' | Severity>;
  maxFileSize: number;
}

/** A config or baseline larger than this is refused unread: neither is ever more than a few kilobytes. */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;

/** Why a policy file (config, baseline) could not be read; the message never quotes the file's content. */
export class PolicyFileError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'symlink' | 'not-a-file' | 'too-large' | 'unreadable',
  ) {
    super(message);
  }
}

/**
 * Reads a config or baseline without following a symbolic link (O_NOFOLLOW on the last component, and a regular
 * file checked on the open descriptor, so a FIFO or a device never blocks or floods the read) and at most
 * `limit` bytes. These files steer the scan, so a link out of the repository must not be read: it could name
 * /dev/zero, a FIFO, or a file whose first key an error message would print (security review, B11).
 */
export async function readPolicyFile(file: string, what: string, limit = MAX_POLICY_FILE_BYTES): Promise<string> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new PolicyFileError(`${what} ${file} is a symbolic link; it is not read`, 'symlink');
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PolicyFileError(`cannot read ${what} ${file}: no such file`, 'missing');
    throw new PolicyFileError(`cannot read ${what} ${file} (${code ?? 'error'})`, 'unreadable');
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new PolicyFileError(`${what} ${file} is not a regular file; it is not read`, 'not-a-file');
    if (st.size > limit) throw new PolicyFileError(`${what} ${file} is larger than ${limit} bytes; it is not read`, 'too-large');
    const buf = Buffer.alloc(Math.min(st.size, limit) + 1);
    let n = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
      if (!bytesRead) break;
      n += bytesRead;
      if (n >= buf.length) throw new PolicyFileError(`${what} ${file} is larger than ${limit} bytes; it is not read`, 'too-large');
    }
    return buf.subarray(0, n).toString('utf8');
  } finally {
    await handle.close();
  }
}

export function defaultConfig(): ScanConfig {
  return { isIgnored: () => false, unignored: (files) => [...files], rules: new Map(), maxFileSize: DEFAULT_MAX_FILE_SIZE };
}

/**
 * A scan's config: `--config`, else `.gatewarden.yml` in the first scanned directory; the defaults for a scan of
 * a commit's contents (`blobs`) or one told not to look (`noConfig`).
 */
export async function scanConfig(
  opts: { configFile?: string | undefined; noConfig?: boolean | undefined; blobs?: unknown; rules: readonly { id: string }[]; configText?: ConfigText | undefined; configErrors?: 'throw' | 'note' | undefined },
  root: ScanRoot & { targets: readonly { abs: string; dir: boolean }[] },
  notes: Note[],
): Promise<ScanConfig> {
  if (opts.noConfig || opts.blobs) return defaultConfig();
  const known = new Set(opts.rules.map((r) => r.id));
  const load = () => (opts.configText ? parseConfig(opts.configText.text, path.resolve(opts.configText.file), root.base, known, notes) : loadConfig(opts.configFile, searchDir(root), root.base, known, notes));
  if (opts.configErrors !== 'note') return load();
  try {
    return await load();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // The action on a push: a broken config must not cost the SARIF (security review, B2). The scan runs with
    // the defaults and the error is an error-level note (a SARIF toolExecutionNotification); the step fails.
    notes.push({ level: 'error', code: 'config.invalid', message: `${e.message}; scanned with the default settings instead` });
    return defaultConfig();
  }
}

/** A config given as its text (the base commit's, in pull-request mode) and where it sits in the work tree. */
export interface ConfigText {
  text: string;
  /** Its path (absolute, or relative to the working directory): ignore patterns are relative to its folder. */
  file: string;
}

/** Where a scan looks for `.gatewarden.yml` and `.gatewarden-baseline.json`: the first scanned directory, else the base. */
export function searchDir(root: ScanRoot & { targets: readonly { abs: string; dir: boolean }[] }): string {
  const first = root.targets[0];
  return first?.dir ? first.abs : root.base;
}

/**
 * @param explicit path given with `--config` (must exist)
 * @param searchDir the scanned directory, where `.gatewarden.yml` is looked for
 * @param base the directory scan paths are relative to
 */
export async function loadConfig(explicit: string | undefined, searchDir: string, base: string, knownRules: ReadonlySet<string>, notes: Note[]): Promise<ScanConfig> {
  let file = explicit ? path.resolve(explicit) : undefined;
  let text: string | undefined;
  if (file) {
    try {
      text = await readPolicyFile(file, 'config file');
    } catch (e) {
      if (e instanceof PolicyFileError && e.reason !== 'missing') throw new UsageError(e.message);
      throw new UsageError(`cannot read config file ${explicit}`);
    }
  } else {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(searchDir, name);
      try {
        text = await readPolicyFile(candidate, 'config file');
        file = candidate;
        break;
      } catch (e) {
        if (!(e instanceof PolicyFileError) || e.reason === 'missing') continue;
        // Found but not readable as a config (a link, a FIFO, a huge file): said, and the defaults apply.
        const shown = toPosix(path.relative(base, candidate)) || name;
        notes.push({ level: 'warning', code: 'config.not_read', message: `${e.message.replace(candidate, shown)}; the scan uses the default settings`, file: shown });
        return defaultConfig();
      }
    }
  }
  if (text === undefined || file === undefined) return defaultConfig();
  return parseConfig(text, file, base, knownRules, notes);
}

/** A config from its text; `file` (absolute) is where it sits: messages name it, ignore patterns are relative to it. */
export function parseConfig(text: string, file: string, base: string, knownRules: ReadonlySet<string>, notes: Note[]): ScanConfig {
  const shown = toPosix(path.relative(process.cwd(), file)) || file;
  let raw: unknown;
  // The config is in the scanned repository, so it is input like any other file: deep flow nesting would
  // exhaust the yaml parser (see parse/yaml.ts) and end the process instead of failing with a message.
  if (flowDepth(text, MAX_YAML_DEPTH).depth > MAX_YAML_DEPTH) throw new UsageError(`${shown}: not valid YAML: nested deeper than ${MAX_YAML_DEPTH} levels`);
  try {
    raw = parse(text, { maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new UsageError(`${shown}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (typeof raw !== 'object' || Array.isArray(raw) || raw === null) throw new UsageError(`${shown}: expected a mapping at the top level`);
  const obj = raw as Record<string, unknown>;
  const allowed = new Set(['ignore', 'rules', 'max-file-size']);
  for (const k of Object.keys(obj)) if (!allowed.has(k)) throw new UsageError(`${shown}: unknown key "${k}" (expected ${[...allowed].join(', ')})`);

  const patterns = obj.ignore ?? [];
  if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string')) throw new UsageError(`${shown}: "ignore" must be a list of paths`);
  const configDir = path.dirname(file);
  const rel = toPosix(path.relative(base, configDir));
  // No patterns, no matcher: the `ignore` package would still remember every path it was asked about.
  const matcher = (): ((relPath: string) => boolean) => {
    if (!patterns.length) return () => false;
    const ig = gitignoreMatcher(patterns as string[]);
    return (relPath) => {
      const local = rel ? (relPath.startsWith(`${rel}/`) ? relPath.slice(rel.length + 1) : undefined) : relPath;
      return local !== undefined && local !== '' && ig.ignores(local);
    };
  };
  const isIgnored = matcher();

  const rules = new Map<string, 'off' | Severity>();
  const rulesRaw = obj.rules ?? {};
  if (typeof rulesRaw !== 'object' || rulesRaw === null || Array.isArray(rulesRaw)) throw new UsageError(`${shown}: "rules" must map rule ids to off or a severity`);
  for (const [id, v] of Object.entries(rulesRaw)) {
    const val = v === false ? 'off' : v;
    if (val !== 'off' && !isSeverity(val)) throw new UsageError(`${shown}: rules.${id} must be off, critical, high, medium, low or info`);
    if (!knownRules.has(id)) notes.push({ level: 'warning', code: 'config.unknown_rule', message: `${shown}: rules.${id} names no Gatewarden rule`, file: shown });
    rules.set(id, val);
  }

  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (obj['max-file-size'] !== undefined) {
    const n = parseSize(obj['max-file-size'] as string | number);
    if (!n) throw new UsageError(`${shown}: max-file-size must be a size such as 5MB`);
    maxFileSize = n;
  }

  return {
    source: shown,
    rules,
    maxFileSize,
    isIgnored,
    unignored(files) {
      const ignored = matcher();
      return files.filter((f) => !ignored(f.path));
    },
  };
}
