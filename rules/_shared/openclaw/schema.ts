/**
 * What an OpenClaw version accepts: the schema facts of data/openclaw-schema (compact form in schema-data.ts,
 * scripts/openclaw-schema/compact.mjs) and a validation of a config against one version, as OpenClaw's config
 * reader validates it (`validateConfigObjectRaw`): the core schema first, then the bundled channel and plugin
 * schemas only when the core passed. docs/openclaw-schema.md says what the data leaves out.
 */
import { gunzipSync } from 'node:zlib';
import type { PathSegment } from '../../../src/model/location.js';
import { SCHEMA_DATA_GZ_BASE64 } from './schema-data.js';

interface Entry {
  /** Comma-separated JSON types (`any` = unconstrained). */
  t: string;
  k?: 'strict' | 'strip' | 'passthrough' | 'record';
  e?: unknown[];
  n?: number;
  x?: number;
  g?: number;
  l?: number;
  nl?: number;
  xl?: number;
  ni?: number;
  xi?: number;
}
interface Node {
  '#'?: number | number[];
  [seg: string]: Node | number | number[] | undefined;
}
export interface DoctorFix {
  doctor: string;
  id: string;
  changes?: string[];
  /** The paths the fix writes (a rename's new key); none = the key is removed. */
  writes: string[];
}
export interface Retired {
  last: string;
  removed: string;
  ignored?: true;
  /** Versions (bit mask) whose config reader migrates the key when it reads the config. */
  loads?: number;
  fix?: DoctorFix[];
  latestFix?: DoctorFix[];
}
interface Narrowed {
  last: string;
  removed: string;
  values?: unknown[];
  types?: string[];
  fixes?: Record<string, { loads?: number; fix?: DoctorFix[] }>;
}
interface Compact {
  versions: string[];
  bundled: Record<string, string[]>;
  entries: Entry[];
  tree: Node;
  retired: Record<string, Retired>;
  narrowed: Record<string, Narrowed[]>;
  doctor: Record<string, (number | string)[]>;
}

let data: Compact | undefined;
function load(): Compact {
  data ??= JSON.parse(gunzipSync(Buffer.from(SCHEMA_DATA_GZ_BASE64, 'base64')).toString('utf8')) as Compact;
  return data;
}

/** The versions the data describes (the latest release of each 2026 minor line), oldest first. */
export function schemaVersions(): readonly string[] {
  return load().versions;
}
export function latestVersion(): string {
  const v = load().versions;
  return v[v.length - 1]!;
}

/**
 * The data version that stands for a release: the extracted release of its minor line (2026.3.2 → 2026.3.31);
 * older than the data → the oldest line, newer → the latest. `exact` when the release is the extracted one.
 */
export function lineOf(release: string): { version: string; exact: boolean; outside?: 'older' | 'newer' } {
  const versions = load().versions;
  const m = /^v?(\d{4})\.(\d{1,4})\.(\d{1,6})/.exec(release.trim());
  if (!m) return { version: latestVersion(), exact: false, outside: 'newer' };
  const key = (y: number, mo: number) => y * 100 + mo;
  const want = key(Number(m[1]), Number(m[2]));
  const lines = versions.map((v) => v.split('.').map(Number) as [number, number, number]);
  const same = lines.findIndex(([y, mo]) => key(y, mo) === want);
  if (same !== -1) return { version: versions[same]!, exact: versions[same] === `${m[1]}.${Number(m[2])}.${Number(m[3])}` };
  const [fy, fm] = lines[0]!;
  if (want < key(fy, fm)) return { version: versions[0]!, exact: false, outside: 'older' };
  return { version: latestVersion(), exact: false, outside: 'newer' };
}

const bitOf = (version: string) => 1 << load().versions.indexOf(version);

function entryOf(node: Node | undefined, version: string): Entry | undefined {
  const e = node?.['#'];
  if (e === undefined) return undefined;
  const d = load();
  if (typeof e === 'number') return d.entries[e];
  const bit = bitOf(version);
  for (let i = 0; i < e.length; i += 2) if ((e[i]! & bit) !== 0) return d.entries[e[i + 1]!];
  return undefined;
}

/** A node's child by segment, if the version has an entry there. */
function child(node: Node | undefined, seg: string, version: string): Node | undefined {
  const c = node?.[seg];
  if (!c || typeof c !== 'object' || Array.isArray(c)) return undefined;
  return entryOf(c, version) ? c : undefined;
}

export type IssueKind = 'unknown_key' | 'ignored_key' | 'type' | 'enum' | 'range' | 'length' | 'items';

export interface SchemaIssue {
  kind: IssueKind;
  /** The concrete path of the offending key or value. */
  path: PathSegment[];
  /** The schema path (`*` for a record key, `[]` for array items) of that key or value. */
  pattern: string;
  /** `core`: the core schema; `plugin`: a bundled channel's or plugin's schema (checked only when core passes). */
  phase: 'core' | 'plugin';
  /** What the version expects, in words (never the value). */
  expected: string;
  /** For an unknown key: the version's retirement fact, when the key was accepted by an earlier version. */
  retired?: Retired;
  /** For a rejected value: the narrowing fact (the value or type an earlier version accepted). */
  narrowed?: { last: string; removed: string; fix?: DoctorFix[] };
}

export interface Validation {
  valid: boolean;
  /** What the validator reports: the core issues, or (when the core passed) the channel and plugin issues. */
  issues: SchemaIssue[];
  /** Keys the version drops silently (a `strip` object) and keys its reader migrates (`agents.list` in 2026.9). */
  ignored: SchemaIssue[];
  migratedOnRead: { path: PathSegment[]; pattern: string; retired: Retired }[];
}

const jsonType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

const isRef = (v: unknown) => typeof v === 'string' && v.includes('${');

const join = (pattern: string, seg: string) => (seg === '[]' ? `${pattern}[]` : pattern === '' ? seg : `${pattern}.${seg}`);

function phaseOf(pattern: string): 'core' | 'plugin' {
  const s = pattern.split('.');
  if (s[0] === 'channels' && s.length >= 2 && s[1] !== 'defaults' && s[1] !== 'modelByChannel') return 'plugin';
  if (s[0] === 'plugins' && s[1] === 'entries' && s.length >= 4 && s[3]?.startsWith('config')) return 'plugin';
  return 'core';
}

/**
 * Validates a config (its `$include`s merged, `${VAR}` as written) against one data version. Limits: depth
 * 64 and 20,000 values (a config is small; a larger one is reported as far as it was walked).
 */
export function validate(config: unknown, version: string, opts: { renderedRefs?: boolean } = {}): Validation {
  const d = load();
  const issues: SchemaIssue[] = [];
  const ignored: SchemaIssue[] = [];
  const migratedOnRead: Validation['migratedOnRead'] = [];
  const bit = bitOf(version);
  let budget = 20_000;

  const walk = (value: unknown, node: Node, pattern: string, path: PathSegment[]) => {
    if (--budget < 0 || path.length > 64) return;
    const e = entryOf(node, version);
    if (!e) return;
    const types = e.t.split(',');
    if (types.includes('any')) return;
    const add = (kind: IssueKind, expected: string, extra: Partial<SchemaIssue> = {}) => issues.push({ kind, path, pattern, phase: phaseOf(pattern), expected, ...extra });
    // A config rendered before OpenClaw reads it (a template, an expanding heredoc): `${…}` is a value given at
    // deploy time, of any type (`{{ port }}`, `${var.port}`); nothing is known of it here.
    if (opts.renderedRefs && typeof value === 'string' && value.includes('${')) return;
    const t = jsonType(value);
    const typeOk = types.includes(t) || (t === 'integer' && types.includes('number'));
    if (!typeOk) {
      // `${VAR}` is substituted before validation: in a string field it is the deploy-time value (unknown here);
      // elsewhere it stays a string, which the version rejects.
      add('type', `a value of type ${types.join(' or ')}`, narrowing(pattern, undefined, t));
      return;
    }
    // OpenClaw substitutes `${VAR}` in strings: the value is the deployment's, unknown here.
    if (typeof value === 'string' && isRef(value)) return;
    if (e.e && !e.e.some((x) => x === value)) {
      add('enum', `one of ${e.e.map((x) => JSON.stringify(x)).join(', ')}`, narrowing(pattern, value, t));
      return;
    }
    if (typeof value === 'number') {
      if ((e.n !== undefined && value < e.n) || (e.x !== undefined && value > e.x) || (e.g !== undefined && value <= e.g) || (e.l !== undefined && value >= e.l)) add('range', rangeText(e));
    } else if (typeof value === 'string') {
      if ((e.nl !== undefined && value.length < e.nl) || (e.xl !== undefined && value.length > e.xl)) add('length', lengthText(e.nl, e.xl, 'characters'));
    } else if (Array.isArray(value)) {
      if ((e.ni !== undefined && value.length < e.ni) || (e.xi !== undefined && value.length > e.xi)) add('items', lengthText(e.ni, e.xi, 'items'));
      const items = child(node, '[]', version);
      if (items) value.forEach((v, i) => walk(v, items, `${pattern}[]`, [...path, i]));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$include') continue;
        const direct = child(node, k, version);
        if (direct) {
          walk(v, direct, join(pattern, k), [...path, k]);
          continue;
        }
        const star = child(node, '*', version);
        if (star) {
          walk(v, star, join(pattern, '*'), [...path, k]);
          continue;
        }
        if (e.k === 'passthrough' || e.k === 'record' || !e.k) continue;
        const keyPattern = join(pattern, k);
        const starPattern = join(pattern, '*');
        const retired = d.retired[keyPattern] ?? d.retired[starPattern];
        const at = [...path, k];
        if (retired?.loads !== undefined && (retired.loads & bit) !== 0) {
          migratedOnRead.push({ path: at, pattern: d.retired[keyPattern] ? keyPattern : starPattern, retired });
          continue;
        }
        const issue: SchemaIssue = { kind: e.k === 'strip' ? 'ignored_key' : 'unknown_key', path: at, pattern: d.retired[keyPattern] || !retired ? keyPattern : starPattern, phase: phaseOf(keyPattern), expected: 'no such key', ...(retired ? { retired } : {}) };
        (e.k === 'strip' ? ignored : issues).push(issue);
      }
    }
  };
  walk(config, d.tree, '', []);
  const core = issues.filter((i) => i.phase === 'core');
  const reported = core.length > 0 ? core : issues;
  return { valid: reported.length === 0, issues: reported, ignored, migratedOnRead };

  function narrowing(pattern: string, value: unknown, type: string): Partial<SchemaIssue> {
    for (const n of d.narrowed[pattern] ?? []) {
      const byValue = value !== undefined && n.values?.some((x) => x === value);
      const byType = value === undefined && n.types?.includes(type);
      if (byValue || byType) {
        const fix = value !== undefined ? n.fixes?.[JSON.stringify(value)]?.fix : undefined;
        return { narrowed: { last: n.last, removed: n.removed, ...(fix ? { fix } : {}) } };
      }
    }
    return {};
  }
}

function rangeText(e: Entry): string {
  const parts: string[] = [];
  if (e.n !== undefined) parts.push(`≥ ${e.n}`);
  if (e.g !== undefined) parts.push(`> ${e.g}`);
  if (e.x !== undefined) parts.push(`≤ ${e.x}`);
  if (e.l !== undefined) parts.push(`< ${e.l}`);
  return `a number ${parts.join(' and ')}`;
}
function lengthText(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max} ${unit}`;
  return min !== undefined ? `at least ${min} ${unit}` : `at most ${max} ${unit}`;
}

/**
 * How a version reads one key of a config: `read` (the version accepts and uses it), `rejected` (the config is
 * invalid: the gateway does not start), `ignored` (dropped silently), `migrated` (moved by the reader),
 * `unchecked` (under a channel or plugin the version does not validate).
 */
export function readsKey(path: readonly PathSegment[], version: string): 'read' | 'rejected' | 'ignored' | 'migrated' | 'unchecked' {
  const d = load();
  let node: Node | undefined = d.tree;
  let pattern = '';
  for (const seg of path) {
    const s = typeof seg === 'number' ? '[]' : seg;
    const e = entryOf(node, version);
    if (!e || e.t.split(',').includes('any')) return 'unchecked';
    const next: Node | undefined = child(node, s, version) ?? (s !== '[]' ? child(node, '*', version) : undefined);
    if (next) {
      pattern = join(pattern, next === node?.[s] ? s : '*');
      node = next;
      continue;
    }
    if (e.k === 'passthrough' || e.k === 'record' || !e.k) return 'unchecked';
    if (e.k === 'strip') return 'ignored';
    const retired = d.retired[join(pattern, s)] ?? d.retired[join(pattern, '*')];
    return retired?.loads !== undefined && (retired.loads & bitOf(version)) !== 0 ? 'migrated' : 'rejected';
  }
  return 'read';
}

/** Whether a version's enum (if any) at a schema path accepts a value; `undefined` when the path has none. */
export function acceptsValue(path: readonly PathSegment[], value: unknown, version: string): boolean | undefined {
  let node: Node | undefined = load().tree;
  for (const seg of path) {
    const s = typeof seg === 'number' ? '[]' : seg;
    node = child(node, s, version) ?? (s !== '[]' ? child(node, '*', version) : undefined);
    if (!node) return undefined;
  }
  const e = entryOf(node, version);
  if (!e?.e) return undefined;
  return e.e.some((x) => x === value);
}

/** The plugins a version bundles (only their channel and plugin schemas are enforced). */
export function bundledIn(version: string): readonly string[] {
  return load().bundled[version] ?? [];
}

/** The doctor fix that applies for a target version: the latest doctor's own answer for the latest line. */
export function fixFor(r: { fix?: DoctorFix[]; latestFix?: DoctorFix[] }, version: string): DoctorFix[] | undefined {
  return version === latestVersion() ? (r.latestFix ?? r.fix) : r.fix;
}

/**
 * What a version's `openclaw doctor` says about a key or value ("Legacy config keys detected"), by its schema
 * path or its concrete path: the migration id and the doctor's message.
 */
export function doctorSays(pattern: string, path: readonly PathSegment[], version: string): { id: string; message: string } | undefined {
  const d = load();
  const bit = bitOf(version);
  for (const key of [pattern, path.map(String).join('.')]) {
    const list = d.doctor[key];
    if (!list) continue;
    for (let i = 0; i < list.length; i += 3) if (((list[i] as number) & bit) !== 0) return { id: list[i + 1] as string, message: list[i + 2] as string };
  }
  return undefined;
}

/** The data version a config is checked against, and in words what says so (`OpenClawTarget.release`). */
export function targetVersion(release: { version: string; source: 'image' | 'package' | 'meta'; file: string; text: string } | undefined): { version: string; why: string } {
  const latest = latestVersion();
  if (!release) return { version: latest, why: 'no release pinned in the repository: the latest line' };
  const said = release.source === 'image' ? `${release.text} in ${release.file}` : release.source === 'package' ? `${release.file} pins ${release.text}` : release.text;
  if (release.version === 'latest') return { version: latest, why: said };
  const line = lineOf(release.version);
  const checked = line.exact
    ? ''
    : line.outside === 'older'
      ? `; older than the data, checked against ${line.version}`
      : line.outside === 'newer'
        ? `; newer than the data, checked against ${line.version}`
        : `; checked against ${line.version}, the last release of its line`;
  return { version: line.version, why: `${said}${checked}` };
}
