/**
 * YAML with source ranges (`yaml` package). Merge keys are on; alias expansion is bounded so an alias bomb is
 * a parse error, not an outage. Structural paths resolve through `<<` merges to the anchored node.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { PathSegment } from '../../model/location.js';
import type { PathResolver } from './locator.js';
import { fastRange, fastYaml } from './yaml-fast.js';

export const MAX_ALIAS_COUNT = 1000;
export const MAX_YAML_DEPTH = 200;

export type YamlParse =
  | { ok: true; doc: Document; value: unknown }
  | { ok: false; message: string; line?: number; column?: number };

/**
 * A YAML file whose Document may never be needed (compose): the fast first parse (yaml-fast.ts) when the text is in
 * its subset, with the library's Document built only on first use (`doc()`); otherwise parseYaml's result. Value,
 * errors and every resolved range are parseYaml's either way. `plain`: the fast parse read it, so the text has no
 * tags, anchors, aliases or merge keys.
 */
export type LazyYamlParse =
  | { ok: true; value: unknown; doc: () => Document; resolver: PathResolver; plain: boolean }
  | { ok: false; message: string; line?: number; column?: number };

export function parseYamlLazy(text: string): LazyYamlParse {
  const fast = MAX_YAML_DEPTH >= flowDepth(text, MAX_YAML_DEPTH).depth ? fastYaml(text) : undefined;
  if (fast && depth(fast.value, 0) <= MAX_YAML_DEPTH) {
    let doc: Document | undefined;
    const lazyDoc = (): Document => (doc ??= parseDocument(text, YAML_OPTIONS()));
    let slow: PathResolver | undefined;
    const resolver: PathResolver = (path, part) => {
      const r = fastRange(fast.root, path, part);
      // A range that comment lines may extend is the library's to give.
      return r === 'ask' ? (slow ??= yamlResolver(lazyDoc()))(path, part) : r;
    };
    return { ok: true, value: fast.value, doc: lazyDoc, resolver, plain: true };
  }
  const r = parseYaml(text);
  if (!r.ok) return r;
  const doc = r.doc;
  return { ok: true, value: r.value, doc: () => doc, resolver: yamlResolver(doc), plain: false };
}

/** The library's options (logLevel 'error': its own warnings, e.g. a hostile collection key, would print input bytes to stderr). */
const YAML_OPTIONS = () => ({ merge: true, lineCounter: new LineCounter(), uniqueKeys: false, logLevel: 'error' as const });

export function parseYaml(text: string): YamlParse {
  // The yaml parser recurses once per flow level: about 1,000 levels overflow the stack, and ~100,000 (a 200 KB
  // line of `[`) exhaust memory and kill the process. Refuse such text before parsing, in one linear pass.
  const flow = flowDepth(text, MAX_YAML_DEPTH);
  if (flow.depth > MAX_YAML_DEPTH) return { ok: false, message: `YAML nested deeper than ${MAX_YAML_DEPTH} levels`, line: flow.line, column: flow.column };
  const doc = parseDocument(text, YAML_OPTIONS());
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const message = /Maximum call stack size exceeded/.test(err.message) ? `YAML nested too deeply to check` : firstLine(err.message);
    return { ok: false, message, ...(pos ? { line: pos.line, column: pos.col } : {}) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    return { ok: false, message: `YAML rejected: ${firstLine((e as Error).message)}` };
  }
  if (depth(value, 0) > MAX_YAML_DEPTH) return { ok: false, message: `YAML nested deeper than ${MAX_YAML_DEPTH} levels` };
  return { ok: true, doc, value };
}

/**
 * The deepest nesting of flow collections (`[`, `{`), counted without parsing, stopping once past `limit`.
 * Comments are skipped; brackets inside quoted strings are counted, which can only over-count (a file would need
 * hundreds of unbalanced brackets in strings to be refused).
 */
export function flowDepth(text: string, limit: number): { depth: number; line: number; column: number } {
  let depth = 0;
  let max = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return { depth, line, column: i - lineStart + 1 };
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (c === 0x23 && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n' || text[i - 1] === '\r')) {
      const nl = text.indexOf('\n', i);
      if (nl === -1) break;
      i = nl - 1;
    }
  }
  return { depth: max, line, column: 1 };
}

function firstLine(s: string): string {
  return s.split('\n')[0]?.trim() ?? s;
}

/** Depth of a plain value, stopping early; shared references (from aliases) are visited once. */
function depth(v: unknown, d: number, seen = new Set<unknown>()): number {
  if (d > MAX_YAML_DEPTH || v === null || typeof v !== 'object' || seen.has(v)) return d;
  seen.add(v);
  let max = d;
  for (const child of Object.values(v as Record<string, unknown>)) {
    max = Math.max(max, depth(child, d + 1, seen));
    if (max > MAX_YAML_DEPTH) break;
  }
  return max;
}

function keyMatches(pair: Pair, seg: PathSegment): boolean {
  const k = pair.key;
  if (isScalar(k)) return String(k.value) === String(seg);
  return false;
}

function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && (typeof pair.key.value === 'symbol' || pair.key.source === '<<');
}

function findPair(doc: Document, node: unknown, seg: PathSegment, depthLeft = 20): Pair | undefined {
  if (!isMap(node)) return undefined;
  // Own keys win over merged ones, as in the merge-key spec.
  for (const item of node.items) if (isPair(item) && !isMergePair(item) && keyMatches(item, seg)) return item;
  if (depthLeft <= 0) return undefined;
  for (const item of node.items) {
    if (!isPair(item) || !isMergePair(item)) continue;
    const sources = isSeq(item.value) ? item.value.items : [item.value];
    for (const src of sources) {
      const resolved = isAlias(src) ? src.resolve(doc) : src;
      const found = findPair(doc, resolved, seg, depthLeft - 1);
      if (found) return found;
    }
  }
  return undefined;
}

export function yamlResolver(doc: Document): PathResolver {
  return (path, part) => {
    let node: unknown = doc.contents;
    let pair: Pair | undefined;
    for (const seg of path) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        pair = undefined;
        if (node === undefined) return undefined;
      } else {
        pair = findPair(doc, node, seg);
        if (!pair) return undefined;
        node = pair.value;
      }
    }
    const rangeOf = (n: unknown): [number, number] | undefined => {
      const r = (n as Node | null)?.range;
      return r ? [r[0], r[1]] : undefined;
    };
    if (!pair) return rangeOf(node);
    const keyR = rangeOf(pair.key);
    const valR = rangeOf(pair.value);
    if (part === 'key') return keyR ?? valR;
    if (part === 'value') return valR && valR[1] > valR[0] ? valR : keyR;
    // A pair with a scalar value is one span; for a collection value, the key line stands for the whole.
    return keyR && valR && isScalar(pair.value) && valR[1] > valR[0] ? [keyR[0], valR[1]] : keyR;
  };
}
