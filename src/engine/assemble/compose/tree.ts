/**
 * A compose value with provenance: every node remembers the file and the path (in that file) it was written
 * at, and scalars keep their text before interpolation. Files are turned into these trees, merged in
 * Compose's order, then flattened back into plain values (what rules read) plus an origin table (where
 * findings go).
 */
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import type { PathSegment } from '../../../model/location.js';
import { interpolate, type Lookup } from './interpolate.js';

export interface Origin {
  file: string;
  path: readonly PathSegment[];
}
export type Scalar = string | number | boolean | null;

export interface SNode {
  o: Origin;
  /** Interpolated scalar, list, or map. */
  v: Scalar | SNode[] | Map<string, SNode>;
  /** A scalar as written, before interpolation. */
  r?: Scalar;
  /** Compose's merge tags: `!reset` removes the key, `!override` replaces instead of merging. */
  tag?: 'reset' | 'override';
}

export type Tags = ReadonlyMap<string, 'reset' | 'override'>;
export const pathKey = (p: readonly PathSegment[]): string => JSON.stringify(p);

/** Paths of nodes tagged `!reset` / `!override` in a parsed file (the plain value loses YAML tags). */
export function collectTags(doc: Document): Tags {
  const tags = new Map<string, 'reset' | 'override'>();
  const walk = (node: unknown, path: PathSegment[], depth: number) => {
    if (depth > 12 || !node) return;
    const tag = (node as { tag?: string }).tag;
    if (tag === '!reset' || tag === '!override') tags.set(pathKey(path), tag === '!reset' ? 'reset' : 'override');
    if (isMap(node)) for (const it of node.items) if (isPair(it) && isScalar(it.key)) walk(it.value, [...path, String(it.key.value)], depth + 1);
    if (isSeq(node)) node.items.forEach((it, i) => walk(it, [...path, i], depth + 1));
  };
  walk(doc.contents, [], 0);
  return tags;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds a provenance tree from a file's plain value, interpolating scalars with `env`. */
export function build(raw: unknown, file: string, path: readonly PathSegment[], env: Lookup, tags: Tags): SNode {
  const o: Origin = { file, path };
  // Most files have no tag: no key to build for every node then.
  const tag = tags.size ? tags.get(pathKey(path)) : undefined;
  const node = (v: SNode['v'], r?: Scalar): SNode => ({ o, v, ...(r !== undefined ? { r } : {}), ...(tag ? { tag } : {}) });
  if (Array.isArray(raw)) return node(raw.map((x, i) => build(x, file, [...path, i], env, tags)));
  if (isRecord(raw)) return node(new Map(Object.entries(raw).map(([k, x]) => [k, build(x, file, [...path, k], env, tags)])));
  if (typeof raw === 'string') return node(interpolate(raw, env), raw);
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return node(raw, raw);
  return node(raw === undefined ? null : String(raw), null);
}

/**
 * `environment:` and `build.args:` as a map whatever their spelling. A list item `KEY=value` keeps its own
 * origin; a bare `KEY` (or `KEY:` with no value) is passed through from the shell: its value is what `.env`
 * says, else unknown (`${KEY}`).
 */
export function normaliseKeyValues(n: SNode, env: Lookup): SNode {
  const passThrough = (k: string, o: Origin): SNode => {
    const v = env(k);
    return { o, v: v ?? `\${${k}}`, r: `\${${k}}` };
  };
  if (Array.isArray(n.v)) {
    const map = new Map<string, SNode>();
    for (const item of n.v) {
      if (typeof item.v !== 'string' || typeof item.r !== 'string') continue;
      const eq = item.r.indexOf('=');
      if (eq === -1) {
        map.set(item.r.trim(), passThrough(item.r.trim(), item.o));
        continue;
      }
      const key = item.r.slice(0, eq).trim();
      const rawValue = item.r.slice(eq + 1);
      map.set(key, { o: item.o, v: interpolate(rawValue, env), r: rawValue });
    }
    return { ...n, v: map };
  }
  if (n.v instanceof Map) {
    const map = new Map<string, SNode>();
    for (const [k, item] of n.v) map.set(k, item.v === null ? passThrough(k, item.o) : item);
    return { ...n, v: map };
  }
  return n;
}

/** Generic Compose merge (13-merge.md): maps merge key by key, sequences append, scalars are replaced. */
export function merge(base: SNode | undefined, over: SNode, special?: (key: string, b: SNode, o: SNode) => SNode | undefined | null): SNode | undefined {
  if (over.tag === 'reset') return undefined;
  if (!base || over.tag === 'override') return over;
  if (base.v instanceof Map && over.v instanceof Map) {
    const out = new Map(base.v);
    for (const [k, ov] of over.v) {
      const bv = out.get(k);
      const s = bv && special ? special(k, bv, ov) : null;
      const m = s !== null ? s : merge(bv, ov);
      if (m) out.set(k, m);
      else out.delete(k);
    }
    return { o: base.o, v: out };
  }
  if (Array.isArray(base.v) && Array.isArray(over.v)) return { o: base.o, v: [...base.v, ...over.v] };
  return over;
}

/** The plain value (interpolated, or as written) of a tree. */
export function plain(n: SNode, which: 'v' | 'r'): unknown {
  if (Array.isArray(n.v)) return n.v.map((x) => plain(x, which));
  if (n.v instanceof Map) return Object.fromEntries([...n.v].map(([k, x]) => [k, plain(x, which)]));
  return which === 'r' && n.r !== undefined ? n.r : n.v;
}
