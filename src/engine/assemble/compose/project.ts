/**
 * Compose projects, built once after parsing: which files `docker compose` loads together, merged in its
 * order with per-key provenance (see docs/compose.md).
 *
 * - In a folder, the base file (compose.yaml > compose.yml > docker-compose.yml > docker-compose.yaml) and its
 *   `*.override.y(a)ml` form one project, as `docker compose up` loads them. Every other `<base>.<x>.yml`
 *   in that folder is an overlay (`-f base -f x`): its own project [base, x] that owns only x, so the base's
 *   findings are not reported twice. Any other compose file is a project of its own.
 * - `extends:` and `include:` are resolved within the repository (and only among the compose files the scan
 *   parsed); what cannot be resolved is skipped, never guessed.
 * - Each file is interpolated with the `.env` of its project folder before merging, as Compose does.
 */
import path from 'node:path';
import { at } from '../../../model/location.js';
import type { PathSegment } from '../../../model/location.js';
import type { Note } from '../../../model/finding.js';
import { composeMounts, parsePort } from '../../../lib/exposure.js';
import type { ComposeProjectTarget, ComposeService, ComposeTarget, DotenvTarget } from '../../../model/target.js';
import type { Lookup } from './interpolate.js';
import { build, collectTags, isRecord, merge, normaliseKeyValues, plain, type SNode, type Tags } from './tree.js';

const BASE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDE = /^(docker-)?compose\.override\.ya?ml$/i;
const VARIANT = /^(docker-)?compose\.[\w.-]+\.ya?ml$/i;
const MAX_EXTENDS_DEPTH = 10;

interface Loader {
  files: Map<string, { target: ComposeTarget; tags: Tags }>;
  dotenv: Map<string, DotenvTarget>;
  /** What could not be resolved (an `extends`/`include` target the scan did not parse), keyed to dedupe. */
  notes: Map<string, Note>;
}

export function buildComposeProjects(composeTargets: readonly ComposeTarget[], dotenvTargets: readonly DotenvTarget[]): { projects: ComposeProjectTarget[]; notes: Note[] } {
  const loader: Loader = {
    files: new Map(composeTargets.map((t) => [t.file, { target: t, tags: t.plain ? new Map() : collectTags(t.doc) }])),
    dotenv: new Map(dotenvTargets.map((t) => [t.file, t])),
    notes: new Map(),
  };
  const byDir = new Map<string, string[]>();
  for (const t of composeTargets) byDir.set(path.posix.dirname(t.file), [...(byDir.get(path.posix.dirname(t.file)) ?? []), t.file]);

  const projects: ComposeProjectTarget[] = [];
  for (const [dir, files] of byDir) {
    const nameOf = (f: string) => path.posix.basename(f);
    const base = BASE_NAMES.map((n) => files.find((f) => nameOf(f).toLowerCase() === n)).find((f) => f !== undefined);
    const family = base && /^docker-/i.test(nameOf(base)) ? 'docker-compose' : 'compose';
    const override = base ? files.find((f) => OVERRIDE.test(nameOf(f)) && nameOf(f).toLowerCase().startsWith(`${family}.`)) : undefined;
    // COMPOSE_FILE in the folder's .env replaces the default pair, as it does for `docker compose up`.
    const listed = composeFileVariable(loader, dir);
    const main = listed.length ? listed : base ? [base, ...(override ? [override] : [])] : [];
    if (main.length) projects.push(project(loader, dir, main, main));
    for (const f of files) {
      if (main.includes(f)) continue;
      if (base && VARIANT.test(nameOf(f))) projects.push(project(loader, dir, [base, f], [f]));
      else projects.push(project(loader, dir, [f], [f]));
    }
  }
  return { projects, notes: [...loader.notes.values()] };
}

/** The files named by `COMPOSE_FILE` in the folder's `.env` (`:`-separated, or `COMPOSE_PATH_SEPARATOR`) that the scan parsed. */
function composeFileVariable(loader: Loader, dir: string): string[] {
  const { env } = dotenvLookup(loader, dir);
  const value = env.COMPOSE_FILE;
  if (!value) return [];
  return value
    .split(env.COMPOSE_PATH_SEPARATOR || ':')
    .map((f) => resolveRel(dir, f.trim()))
    .filter((f): f is string => f !== undefined && loader.files.has(f));
}

function unresolved(loader: Loader, file: string, what: string): void {
  const message = `${what} is not a compose file in this scan; ${file} was checked without it.`;
  loader.notes.set(message, { level: 'warning', code: 'compose.unresolved_reference', message, file });
}

function dotenvLookup(loader: Loader, dir: string): { env: Record<string, string>; lookup: Lookup } {
  const file = loader.dotenv.get(dir === '.' ? '.env' : `${dir}/.env`);
  const env: Record<string, string> = {};
  for (const e of file?.entries ?? []) env[e.key] = e.value;
  return { env, lookup: (name) => (Object.hasOwn(env, name) ? env[name] : undefined) };
}

/** A repository-relative path for `rel` written in a file of `dir`; undefined when it leaves the repository. */
function resolveRel(dir: string, rel: string): string | undefined {
  if (path.posix.isAbsolute(rel) || rel.includes('$')) return undefined;
  const p = path.posix.normalize(path.posix.join(dir, rel));
  return p.startsWith('../') || p === '..' ? undefined : p;
}

function project(loader: Loader, dir: string, files: readonly string[], owns: readonly string[]): ComposeProjectTarget {
  const { env, lookup } = dotenvLookup(loader, dir);
  let services = new Map<string, SNode>();
  let top: SNode | undefined;
  const included = new Set<string>();
  for (const file of files) {
    const loaded = loader.files.get(file);
    if (!loaded) continue;
    const fileServices = loadServices(loader, file, lookup, new Set(files), included);
    for (const [name, node] of fileServices) {
      const merged = mergeService(services.get(name), node);
      if (merged) services.set(name, merged);
      else services.delete(name);
    }
    const rest = build(Object.fromEntries(Object.entries(isRecord(loaded.target.value) ? loaded.target.value : {}).filter(([k]) => k !== 'services')), file, [], lookup, loaded.tags);
    top = merge(top, rest) ?? top;
  }
  services = new Map([...services].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const topValue = (top ? plain(top, 'v') : {}) as Record<string, unknown>;
  return {
    kind: 'compose_project',
    file: files[0] ?? dir,
    files: [...files, ...included],
    owns,
    env,
    services: [...services].map(([name, node]) => service(name, node, loader, topValue)),
    value: topValue,
  };
}

/** The services a file defines (with `extends` resolved) and those of the files it `include`s. */
function loadServices(loader: Loader, file: string, lookup: Lookup, seen: Set<string>, included: Set<string>): Map<string, SNode> {
  const out = new Map<string, SNode>();
  const value = loader.files.get(file)?.target.value;
  if (!isRecord(value)) return out;
  const dir = path.posix.dirname(file);
  // include: each included file is its own project (its own .env); its services join this one.
  for (const entry of Array.isArray(value.include) ? value.include : []) {
    const paths = typeof entry === 'string' ? [entry] : isRecord(entry) ? [entry.path].flat() : [];
    for (const p of paths) {
      const target = typeof p === 'string' ? resolveRel(dir, p) : undefined;
      if (typeof p === 'string' && (!target || !loader.files.has(target))) unresolved(loader, file, `include ${p}`);
      if (!target || seen.has(target) || !loader.files.has(target)) continue;
      seen.add(target);
      included.add(target);
      const inc = dotenvLookup(loader, path.posix.dirname(target)).lookup;
      for (const [name, node] of loadServices(loader, target, inc, seen, included)) if (!out.has(name)) out.set(name, node);
    }
  }
  if (isRecord(value.services)) for (const name of Object.keys(value.services)) {
    const node = loadService(loader, file, name, lookup, 0);
    if (node) out.set(name, node);
  }
  return out;
}

function loadService(loader: Loader, file: string, name: string, lookup: Lookup, depth: number): SNode | undefined {
  const loaded = loader.files.get(file);
  const services = isRecord(loaded?.target.value) ? loaded.target.value.services : undefined;
  const raw = isRecord(services) ? services[name] : undefined;
  if (!loaded || !isRecord(raw)) return undefined;
  let node = normaliseService(build(raw, file, ['services', name], lookup, loaded.tags), lookup);
  const ext = raw.extends;
  if (ext !== undefined && node.v instanceof Map) {
    node.v.delete('extends');
    const baseName = typeof ext === 'string' ? ext : isRecord(ext) && typeof ext.service === 'string' ? ext.service : undefined;
    const baseFile = isRecord(ext) && typeof ext.file === 'string' ? resolveRel(path.posix.dirname(file), ext.file) : file;
    const base = baseName && baseFile && depth < MAX_EXTENDS_DEPTH ? loadService(loader, baseFile, baseName, lookup, depth + 1) : undefined;
    if (!base && depth < MAX_EXTENDS_DEPTH) unresolved(loader, file, `extends ${isRecord(ext) && typeof ext.file === 'string' ? `${ext.file} ` : ''}service ${baseName ?? '?'} (of ${name})`);
    // The merged service keeps the extending service's own origin: a finding about the service as a whole
    // belongs where it is declared, not at the template it extends.
    const merged = base ? mergeService(base, node) : undefined;
    if (merged) node = { ...merged, o: node.o };
  }
  return node;
}

function normaliseService(n: SNode, lookup: Lookup): SNode {
  if (!(n.v instanceof Map)) return n;
  const env = n.v.get('environment');
  if (env) n.v.set('environment', normaliseKeyValues(env, lookup));
  const b = n.v.get('build');
  if (b && typeof b.v === 'string') n.v.set('build', { o: b.o, v: new Map([['context', { ...b }]]) });
  const args = n.v.get('build')?.v;
  if (args instanceof Map && args.get('args')) args.set('args', normaliseKeyValues(args.get('args') as SNode, lookup));
  return n;
}

/**
 * Merging one service onto another: as the generic merge, except that `command`, `entrypoint` and
 * `healthcheck.test` are replaced, `ports` drop exact duplicates, and `volumes` are keyed by their target
 * (an override's mount of the same container path replaces the base's).
 */
function mergeService(base: SNode | undefined, over: SNode): SNode | undefined {
  return merge(base, over, (key, b, o) => {
    if (o.tag) return null;
    if (key === 'command' || key === 'entrypoint') return o;
    if (key === 'healthcheck') return merge(b, o, (k, _b, oo) => (k === 'test' ? oo : null));
    if ((key === 'ports' || key === 'volumes') && Array.isArray(b.v) && Array.isArray(o.v)) {
      const id = (n: SNode) => (key === 'ports' ? JSON.stringify(plain(n, 'v')) : volumeTarget(plain(n, 'v')));
      const overIds = new Set(o.v.map(id));
      const kept = key === 'volumes' ? b.v.filter((n) => !overIds.has(id(n))) : b.v;
      const baseIds = new Set(kept.map(id));
      return { o: b.o, v: [...kept, ...o.v.filter((n) => key === 'volumes' || !baseIds.has(id(n)))] };
    }
    return null;
  });
}

function volumeTarget(v: unknown): string {
  if (isRecord(v)) return String(v.target ?? '');
  if (typeof v !== 'string') return JSON.stringify(v);
  const parts = v.split(':');
  return parts.length === 1 ? (parts[0] ?? '') : (parts[1] ?? '');
}

function service(name: string, node: SNode, loader: Loader, project: Record<string, unknown>): ComposeService {
  // The deepest prefix of the path that the tree has, walked down the tree (what a table of every path's origin
  // keyed by pathKey answered, without building that table for every service).
  const originOf = (p: readonly PathSegment[]) => {
    let cur = node;
    let n = 0;
    for (; n < p.length; n++) {
      const seg = p[n];
      const next = Array.isArray(cur.v) ? (typeof seg === 'number' ? cur.v[seg] : undefined) : cur.v instanceof Map && typeof seg === 'string' ? cur.v.get(seg) : undefined;
      if (!next) break;
      cur = next;
    }
    return { o: cur.o, rest: p.slice(n) };
  };
  const value = plain(node, 'v') as Record<string, unknown>;
  return {
    name,
    value,
    raw: plain(node, 'r') as Record<string, unknown>,
    at(p, part) {
      const { o, rest } = originOf(p);
      return at.path([...o.path, ...rest], { file: o.file, ...(part ? { part } : {}) });
    },
    fileOf: (p) => originOf(p).o.file,
    envFiles: envFiles(value, node, loader),
    // Ports and mounts in the long form shared with Kubernetes (lib/exposure.ts), so rules never parse spellings.
    ports: (Array.isArray(value.ports) ? value.ports : []).flatMap((p, i) => parsePort(p, i) ?? []),
    mounts: composeMounts(value.volumes, project.volumes),
  };
}

/** Variables of the service's `env_file:` entries that the scan parsed as dotenv files. */
function envFiles(value: Record<string, unknown>, node: SNode, loader: Loader): ComposeService['envFiles'] {
  const out: Record<string, { value: string; file: string; line: number }> = {};
  const list = [value.env_file ?? []].flat();
  const envNode = node.v instanceof Map ? node.v.get('env_file') : undefined;
  list.forEach((entry, i) => {
    const rel = typeof entry === 'string' ? entry : isRecord(entry) && typeof entry.path === 'string' ? entry.path : undefined;
    const from = envNode && Array.isArray(envNode.v) ? (envNode.v[i]?.o.file ?? envNode.o.file) : (envNode?.o.file ?? node.o.file);
    const file = rel ? resolveRel(path.posix.dirname(from), rel) : undefined;
    for (const e of (file && loader.dotenv.get(file)?.entries) || []) out[e.key] = { value: e.value, file: file ?? '', line: e.line };
  });
  return out;
}
