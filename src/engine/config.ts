/**
 * `.gatewarden.yml`: paths to ignore (gitignore syntax, relative to the config's folder), rules to turn off or
 * re-grade, and the file-size limit. Found in the scanned directory unless `--config` names one.
 */
import { readFile } from 'node:fs/promises';
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

export function defaultConfig(): ScanConfig {
  return { isIgnored: () => false, unignored: (files) => [...files], rules: new Map(), maxFileSize: DEFAULT_MAX_FILE_SIZE };
}

/**
 * A scan's config: `--config`, else `.gatewarden.yml` in the first scanned directory; the defaults for a scan of
 * a commit's contents (`blobs`) or one told not to look (`noConfig`).
 */
export async function scanConfig(
  opts: { configFile?: string | undefined; noConfig?: boolean | undefined; blobs?: unknown; rules: readonly { id: string }[] },
  root: ScanRoot & { targets: readonly { abs: string; dir: boolean }[] },
  notes: Note[],
): Promise<ScanConfig> {
  if (opts.noConfig || opts.blobs) return defaultConfig();
  return loadConfig(opts.configFile, searchDir(root), root.base, new Set(opts.rules.map((r) => r.id)), notes);
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
      text = await readFile(file, 'utf8');
    } catch {
      throw new UsageError(`cannot read config file ${explicit}`);
    }
  } else {
    for (const name of CONFIG_FILE_NAMES) {
      try {
        text = await readFile(path.join(searchDir, name), 'utf8');
        file = path.join(searchDir, name);
        break;
      } catch {
        /* not there */
      }
    }
  }
  if (text === undefined || file === undefined) return defaultConfig();
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
