/**
 * Platform-as-a-service configs: `fly.toml`, `railway.toml` (TOML), `railway.json` (JSON), `render.yaml` and
 * Kamal's `config/deploy*.yml` (YAML), Azure Bicep `*.bicep`/`*.bicepparam` (parse/bicep.ts). Read into a plain value with a path resolver for findings.
 *
 * TOML: a small reader (no TOML parser is among the dependencies, and these files use tables, arrays of tables,
 * `key = value` with strings, numbers, booleans, arrays and inline tables). What it does not read (dates, multi-line
 * literal strings) is kept as its raw text; a line it cannot read at all is a parse error.
 */
import type { PaasTarget } from '../../model/target.js';
import type { PathSegment } from '../../model/location.js';
import { isRecord } from '../../lib/json.js';
import { BicepSyntaxError, readBicep } from './bicep.js';
import { json5Resolver, parseJson5 } from './json5.js';
import { LineIndex } from './lines.js';
import type { PathResolver } from './locator.js';
import { parseYaml, yamlResolver } from './yaml.js';

export function paasPlatform(relPath: string): PaasTarget['platform'] | undefined {
  const segments = relPath.split('/');
  const base = segments[segments.length - 1] ?? '';
  if (/^fly(\.[\w-]+)?\.toml$/.test(base)) return 'fly';
  if (/^render\.ya?ml$/.test(base)) return 'render';
  if (/^railway\.(toml|json)$/.test(base)) return 'railway';
  if (/^deploy(\.[\w-]+)?\.ya?ml$/.test(base) && segments[segments.length - 2] === 'config') return 'kamal';
  if (/\.bicep(param)?$/.test(base)) return 'azure';
  return undefined;
}

type Result = { ok: true; target: PaasTarget; resolver: PathResolver } | { ok: false; message: string; line?: number; column?: number };

export function parsePaas(file: string, text: string): Result {
  const platform = paasPlatform(file) ?? 'fly';
  if (platform === 'azure') {
    try {
      const { value, rangeOf } = readBicep(text);
      const resolver: PathResolver = (path) => rangeOf(path);
      return { ok: true, target: { kind: 'paas', file, text, platform, value }, resolver };
    } catch (e) {
      if (!(e instanceof BicepSyntaxError)) throw e;
      const pos = new LineIndex(text).position(e.offset);
      return { ok: false, message: e.message, line: pos.line, column: pos.column };
    }
  }
  if (/\.ya?ml$/.test(file)) {
    const r = parseYaml(text);
    if (!r.ok) return r;
    return { ok: true, target: { kind: 'paas', file, text, platform, value: r.value }, resolver: yamlResolver(r.doc) };
  }
  if (/\.json$/.test(file)) {
    const r = parseJson5(text);
    if (!r.ok) return r;
    return { ok: true, target: { kind: 'paas', file, text, platform, value: r.value }, resolver: json5Resolver(r.ast) };
  }
  try {
    const { value, ranges } = readToml(text);
    const resolver: PathResolver = (path) => ranges.get(JSON.stringify(path));
    return { ok: true, target: { kind: 'paas', file, text, platform, value }, resolver };
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const pos = new LineIndex(text).position(e.offset);
    return { ok: false, message: e.message, line: pos.line, column: pos.column };
  }
}

class TomlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_TOML_DEPTH = 50;

/** TOML into a plain value, with the range of each key (`[key start, value end]`) by JSON path. */
export function readToml(s: string): { value: Record<string, unknown>; ranges: Map<string, [number, number]> } {
  const root: Record<string, unknown> = {};
  const ranges = new Map<string, [number, number]>();
  let table = root;
  let tablePath: PathSegment[] = [];
  let i = 0;
  const space = () => {
    while (s[i] === ' ' || s[i] === '\t') i++;
  };
  const spaceAll = () => {
    for (;;) {
      while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r') i++;
      if (s[i] !== '#') return;
      const nl = s.indexOf('\n', i);
      i = nl === -1 ? s.length : nl;
    }
  };
  const key = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      space();
      if (s[i] === '"' || s[i] === "'") parts.push(String(str()));
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(s.slice(i, i + 256));
        if (!m) throw new TomlError('key expected', i);
        parts.push(m[0]);
        i += m[0].length;
      }
      space();
      if (s[i] !== '.') return parts;
      i++;
    }
  };
  const str = (): string => {
    const q = s[i] as string;
    if (s.startsWith(q.repeat(3), i)) {
      const end = s.indexOf(q.repeat(3), i + 3);
      if (end === -1) throw new TomlError('string not closed', i);
      const v = s.slice(i + 3, end).replace(/^\r?\n/, '');
      i = end + 3;
      return v;
    }
    i++;
    let out = '';
    for (;;) {
      const c = s[i];
      if (c === undefined || c === '\n') throw new TomlError('string not closed', i);
      i++;
      if (c === q) return out;
      if (c === '\\' && q === '"') {
        const n = s[i++] ?? '';
        out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
      } else out += c;
    }
  };
  const value = (path: PathSegment[], depth: number): unknown => {
    if (depth > MAX_TOML_DEPTH) throw new TomlError(`nested deeper than ${MAX_TOML_DEPTH} levels`, i);
    const start = i;
    const c = s[i];
    let v: unknown;
    if (c === '"' || c === "'") v = str();
    else if (c === '[') {
      i++;
      const arr: unknown[] = [];
      for (;;) {
        spaceAll();
        if (s[i] === ']') break;
        if (i >= s.length) throw new TomlError('array not closed', start);
        arr.push(value([...path, arr.length], depth + 1));
        spaceAll();
        if (s[i] === ',') i++;
      }
      i++;
      v = arr;
    } else if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      for (;;) {
        space();
        if (s[i] === '}') break;
        if (i >= s.length || s[i] === '\n') throw new TomlError('inline table not closed', start);
        assign(obj, path, depth + 1);
        space();
        if (s[i] === ',') i++;
      }
      i++;
      v = obj;
    } else {
      const m = /^[^\s,\]}#]+/.exec(s.slice(i, i + 256));
      if (!m) throw new TomlError('value expected', i);
      i += m[0].length;
      v = m[0] === 'true' ? true : m[0] === 'false' ? false : /^[+-]?\d[\d_]*(\.\d+)?([eE][+-]?\d+)?$/.test(m[0]) ? Number(m[0].replace(/_/g, '')) : m[0];
    }
    ranges.set(JSON.stringify(path), [ranges.get(JSON.stringify(path))?.[0] ?? start, i]);
    return v;
  };
  const assign = (obj: Record<string, unknown>, base: PathSegment[], depth: number) => {
    const keyStart = i;
    const k = key();
    if (s[i] !== '=') throw new TomlError('"=" expected', i);
    i++;
    space();
    let target = obj;
    for (const part of k.slice(0, -1)) {
      if (!isRecord(target[part])) target[part] = {};
      target = target[part] as Record<string, unknown>;
    }
    const path = [...base, ...k];
    ranges.set(JSON.stringify(path), [keyStart, keyStart]);
    target[k[k.length - 1] as string] = value(path, depth);
  };
  for (;;) {
    spaceAll();
    if (i >= s.length) break;
    if (s[i] === '[') {
      const start = i;
      const array = s[i + 1] === '[';
      i += array ? 2 : 1;
      const k = key();
      if (s[i] !== ']' || (array && s[i + 1] !== ']')) throw new TomlError('"]" expected', i);
      i += array ? 2 : 1;
      let t = root;
      const path: PathSegment[] = [];
      for (const [n, part] of k.entries()) {
        const last = n === k.length - 1;
        if (last && array) {
          const list = Array.isArray(t[part]) ? (t[part] as unknown[]) : [];
          t[part] = list;
          const next: Record<string, unknown> = {};
          list.push(next);
          path.push(part, list.length - 1);
          t = next;
        } else {
          const cur = t[part];
          if (Array.isArray(cur)) {
            path.push(part, cur.length - 1);
            t = cur[cur.length - 1] as Record<string, unknown>;
          } else {
            if (!isRecord(cur)) t[part] = {};
            path.push(part);
            t = t[part] as Record<string, unknown>;
          }
        }
      }
      ranges.set(JSON.stringify(path), [start, i]);
      table = t;
      tablePath = path;
      continue;
    }
    assign(table, tablePath, 0);
    space();
    if (s[i] === '#') {
      const nl = s.indexOf('\n', i);
      i = nl === -1 ? s.length : nl;
    }
    if (i < s.length && s[i] !== '\n' && s[i] !== '\r') throw new TomlError('line break expected', i);
  }
  return { value: root, ranges };
}
