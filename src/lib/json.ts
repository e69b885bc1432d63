/**
 * Guards and accessors for plain JSON values (parsed YAML, JSON5, daemon.json, OpenClaw config): a rule or the
 * engine reads an untyped tree through these, never through casts. Pure: no IO, no state.
 */

/** A JSON object: a non-null, non-array object. */
export type Obj = Record<string, unknown>;

export function isRecord(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at a path of a plain JSON value (string keys into objects, numbers into arrays), or undefined. */
export function get(v: unknown, ...path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const seg of path) {
    if (typeof seg === 'number' ? !Array.isArray(cur) : !isRecord(cur)) return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** The value when it is an object, else an empty one. */
export const obj = (v: unknown): Obj => (isRecord(v) ? v : {});
/** The value when it is an array, else an empty one. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The value when it is a string, else undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/** The trimmed non-empty strings of a list (other entries are skipped). */
export const strings = (v: unknown): string[] => arr(v).filter((s): s is string => typeof s === 'string').map((s) => s.trim()).filter(Boolean);
