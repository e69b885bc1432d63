/**
 * OpenClaw config resolution: the config a rule sees is the file with every `$include` merged in, as OpenClaw
 * loads it (src/config/includes.ts): `$include` is a string or an array of relative paths, allowed at any
 * object level; included files are JSON5 and may include further files; several includes merge in order;
 * objects deep-merge, arrays concatenate, and the including object's sibling keys win over included content.
 * Includes are confined to the directory of the root config (OpenClaw's default without
 * OPENCLAW_INCLUDE_ROOTS) and to the repository.
 *
 * Alongside the merged value we build an origin tree: for every node of the merged value, the file and the
 * local path that hold it, so a rule's `at.path([...merged path])` lands in the file that holds the key.
 * `${VAR}` strings are left as written; rules decide what a reference means (see rules/_shared/openclaw.ts).
 */
import type { DocumentNode } from '@humanwhocodes/momoa';
import path from 'node:path';
import type { PathSegment } from '../../model/location.js';
import type { OpenClawOrigin } from '../../model/target.js';
import { parseJson5 } from './json5.js';

export const INCLUDE_KEY = '$include';
const MAX_INCLUDE_DEPTH = 10;
const MAX_INCLUDE_BYTES = 2 * 1024 * 1024;

/** One node of the origin tree: where the node came from, and its children (object keys or array items). */
export interface OriginNode {
  file: string;
  path: readonly PathSegment[];
  keys?: Map<string, OriginNode>;
  items?: OriginNode[];
}

export interface IncludedFile {
  file: string;
  text: string;
  ast: DocumentNode;
}

export interface ResolvedOpenClaw {
  value: unknown;
  origin: OriginNode;
  /** Files merged in through `$include` (repository-relative), in load order. */
  includes: IncludedFile[];
  /** Problems OpenClaw would refuse to load with (missing include, escape, cycle, parse error). */
  errors: { file: string; path: readonly PathSegment[]; message: string; line?: number; column?: number }[];
}

/** Reads a repository-relative file; undefined when it does not exist or cannot be read. */
export type ReadRepoFile = (relPath: string) => string | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function resolveOpenClaw(rootFile: string, rootValue: unknown, read: ReadRepoFile): ResolvedOpenClaw {
  // Most configs include nothing: the merged value is the value and every path its own origin, so no copy and no
  // origin tree is built for them; both would be kept for the whole scan (docs/performance.md#memory).
  if (!containsInclude(rootValue)) return { value: rootValue, origin: { file: rootFile, path: [] }, includes: [], errors: [] };
  const includes: IncludedFile[] = [];
  const errors: ResolvedOpenClaw['errors'] = [];
  const confine = path.posix.dirname(rootFile);
  const cache = new Map<string, { value: unknown } | undefined>();

  const load = (fromFile: string, at: readonly PathSegment[], spec: string, chain: readonly string[]): { file: string; value: unknown } | undefined => {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
    const rel = confine === '.' ? target : path.posix.relative(confine, target);
    if (path.posix.isAbsolute(spec) || target.startsWith('../') || target === '..' || rel.startsWith('../') || rel === '..') {
      errors.push({ file: fromFile, path: at, message: `$include "${spec}" points outside the config directory; OpenClaw refuses it` });
      return undefined;
    }
    if (chain.includes(target)) {
      errors.push({ file: fromFile, path: at, message: `$include cycle through ${target}` });
      return undefined;
    }
    if (chain.length > MAX_INCLUDE_DEPTH) {
      errors.push({ file: fromFile, path: at, message: `$include nested deeper than ${MAX_INCLUDE_DEPTH} levels` });
      return undefined;
    }
    if (!cache.has(target)) {
      const text = read(target);
      if (text === undefined) {
        errors.push({ file: fromFile, path: at, message: `$include "${spec}" not found in the repository (${target})` });
        cache.set(target, undefined);
      } else if (text.length > MAX_INCLUDE_BYTES) {
        errors.push({ file: fromFile, path: at, message: `$include "${spec}" is larger than 2 MiB; OpenClaw refuses it` });
        cache.set(target, undefined);
      } else {
        const r = parseJson5(text);
        if (!r.ok) {
          errors.push({ file: target, path: [], message: `included file is not valid JSON5: ${r.message}`, ...(r.line ? { line: r.line, column: r.column ?? 1 } : {}) });
          cache.set(target, undefined);
        } else {
          includes.push({ file: target, text, ast: r.ast });
          cache.set(target, { value: r.value });
        }
      }
    }
    const hit = cache.get(target);
    return hit ? { file: target, value: hit.value } : undefined;
  };

  const resolve = (value: unknown, file: string, at: readonly PathSegment[], chain: readonly string[]): { value: unknown; origin: OriginNode } => {
    if (Array.isArray(value)) {
      const items = value.map((v, i) => resolve(v, file, [...at, i], chain));
      return { value: items.map((r) => r.value), origin: { file, path: at, items: items.map((r) => r.origin) } };
    }
    if (!isRecord(value)) return { value, origin: { file, path: at } };
    const own: Record<string, unknown> = {};
    const ownOrigin: OriginNode = { file, path: at, keys: new Map() };
    for (const [k, v] of Object.entries(value)) {
      if (k === INCLUDE_KEY) continue;
      const r = resolve(v, file, [...at, k], chain);
      own[k] = r.value;
      ownOrigin.keys!.set(k, r.origin);
    }
    if (!(INCLUDE_KEY in value)) return { value: own, origin: ownOrigin };

    const spec = value[INCLUDE_KEY];
    const specs = typeof spec === 'string' ? [spec] : Array.isArray(spec) ? spec.filter((s): s is string => typeof s === 'string') : [];
    if (specs.length === 0) errors.push({ file, path: [...at, INCLUDE_KEY], message: '$include must be a path or an array of paths' });
    let merged: { value: unknown; origin: OriginNode } | undefined;
    specs.forEach((s, i) => {
      const loaded = load(file, [...at, INCLUDE_KEY, ...(Array.isArray(spec) ? [i] : [])], s, [...chain, file]);
      if (!loaded) return;
      const r = resolve(loaded.value, loaded.file, [], [...chain, file]);
      merged = merged ? mergeNodes(merged, r) : r;
    });
    if (!merged) return { value: own, origin: ownOrigin };
    if (Object.keys(own).length === 0) return merged;
    if (!isRecord(merged.value)) {
      errors.push({ file, path: at, message: 'included content must be an object when the including object has other keys' });
      return { value: own, origin: ownOrigin };
    }
    return mergeNodes(merged, { value: own, origin: ownOrigin });
  };

  const r = resolve(rootValue, rootFile, [], []);
  return { value: r.value, origin: r.origin, includes, errors };
}

/** Whether `$include` is a key anywhere in the value (iterative: a parsed value may be nested deeply). */
function containsInclude(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const v = stack.pop();
    // One push per child: spreading a long array into push() would overflow the call stack.
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (isRecord(v)) {
      if (Object.hasOwn(v, INCLUDE_KEY)) return true;
      for (const x of Object.values(v)) stack.push(x);
    }
  }
  return false;
}

/** OpenClaw's merge: objects deep-merge, arrays concatenate, otherwise the later (`b`, the includer) wins. */
function mergeNodes(a: { value: unknown; origin: OriginNode }, b: { value: unknown; origin: OriginNode }): { value: unknown; origin: OriginNode } {
  if (Array.isArray(a.value) && Array.isArray(b.value)) {
    return { value: [...a.value, ...b.value], origin: { ...b.origin, items: [...(a.origin.items ?? []), ...(b.origin.items ?? [])] } };
  }
  if (isRecord(a.value) && isRecord(b.value)) {
    const value: Record<string, unknown> = { ...a.value };
    const keys = new Map(a.origin.keys ?? []);
    for (const [k, v] of Object.entries(b.value)) {
      const bo = b.origin.keys?.get(k) ?? { file: b.origin.file, path: [...b.origin.path, k] };
      const ao = keys.get(k);
      if (k in value && ao) {
        const m = mergeNodes({ value: value[k], origin: ao }, { value: v, origin: bo });
        value[k] = m.value;
        keys.set(k, m.origin);
      } else {
        value[k] = v;
        keys.set(k, bo);
      }
    }
    return { value, origin: { ...b.origin, keys } };
  }
  return b;
}

/** Where a merged path lives: the file holding its deepest existing node, and the path inside that file. */
export function originOf(root: OriginNode, merged: readonly PathSegment[]): OpenClawOrigin {
  let node = root;
  let i = 0;
  for (; i < merged.length; i++) {
    const seg = merged[i]!;
    const next = typeof seg === 'number' ? node.items?.[seg] : node.keys?.get(seg);
    if (!next) break;
    node = next;
  }
  return { file: node.file, path: [...node.path, ...merged.slice(i)] };
}
