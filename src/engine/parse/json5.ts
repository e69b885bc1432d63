/**
 * JSON5 with node locations (@humanwhocodes/momoa in json5 mode): comments, trailing commas, unquoted keys,
 * single quotes. momoa accepts duplicate keys (the last wins, as in OpenClaw), so no extra check is needed for
 * evaluation; the locator points at the last occurrence, the one that takes effect.
 */
import { evaluate, parse, type AnyNode, type DocumentNode, type ElementNode, type MemberNode } from '@humanwhocodes/momoa';
import type { PathSegment } from '../../model/location.js';
import type { PathResolver } from './locator.js';

export const MAX_JSON_DEPTH = 200;

export type Json5Parse =
  | { ok: true; ast: DocumentNode; value: unknown }
  | { ok: false; message: string; line?: number; column?: number };

export function parseJson5(text: string): Json5Parse {
  let ast: DocumentNode;
  try {
    // momoa's tokenizer never returns when the input ends inside a string right after a backslash (`"C:\`
    // at end of file: found by the mutation property test); a final newline makes that an ordinary "unexpected
    // end of input" error and moves no offset.
    // No `ranges`: every node's `loc` already has its offsets, and the AST is kept for the whole scan
    // (docs/performance.md#memory).
    ast = parse(text.endsWith('\n') ? text : `${text}\n`, { mode: 'json5' });
  } catch (e) {
    const err = e as Error & { line?: number; column?: number };
    // momoa recurses per level; thousands of levels overflow the stack, which is a refusal, not a crash.
    if (err instanceof RangeError) return { ok: false, message: `JSON nested too deeply to check` };
    const message = err.message.replace(/ \(\d+:\d+\)$/, '');
    return { ok: false, message, ...(err.line ? { line: err.line, column: err.column ?? 1 } : {}) };
  }
  if (nodeDepth(ast.body, 0) > MAX_JSON_DEPTH) return { ok: false, message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  return { ok: true, ast, value: evaluate(ast.body) };
}

function nodeDepth(node: AnyNode, d: number): number {
  if (d > MAX_JSON_DEPTH) return d;
  if (node.type === 'Object') return node.members.reduce((m, mem) => Math.max(m, nodeDepth(mem.value, d + 1)), d);
  if (node.type === 'Array') return node.elements.reduce((m, el) => Math.max(m, nodeDepth(el.value, d + 1)), d);
  return d;
}

function memberName(name: AnyNode): string | undefined {
  if (name.type === 'Identifier') return name.name;
  if (name.type === 'String') return name.value;
  return undefined;
}

export function json5Resolver(ast: DocumentNode): PathResolver {
  return (path: readonly PathSegment[], part) => {
    let node: AnyNode = ast.body;
    let key: AnyNode | undefined;
    for (const seg of path) {
      key = undefined;
      if (node.type === 'Object') {
        let found: MemberNode | undefined;
        for (const m of node.members) if (memberName(m.name) === String(seg)) found = m;
        if (!found) return undefined;
        key = found.name;
        node = found.value;
      } else if (node.type === 'Array' && typeof seg === 'number') {
        const el: ElementNode | undefined = node.elements[seg];
        if (!el) return undefined;
        node = el.value;
      } else {
        return undefined;
      }
    }
    const r = (n: AnyNode): [number, number] => [n.loc.start.offset, n.loc.end.offset];
    if (!key) return r(node);
    if (part === 'key') return r(key);
    if (part === 'value') return r(node);
    const scalar = node.type !== 'Object' && node.type !== 'Array';
    return scalar ? [r(key)[0], r(node)[1]] : r(key);
  };
}
