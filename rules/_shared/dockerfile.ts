/** Helpers for Dockerfile rules over the parsed `dockerfile` target (dockerfile-ast, read through the target). */
import { at, type Anchor } from '../../src/model/location.js';
import type { DockerfileTarget } from '../../src/model/target.js';

type Parsed = DockerfileTarget['dockerfile'];
type Instruction = ReturnType<Parsed['getInstructions']>[number];

export interface Instr {
  keyword: string;
  /** The arguments as written (continuations joined). */
  args: string;
  /** Flags such as `--checksum=…`, `--chown=…` (dockerfile-ast keeps them out of `args`). */
  flags: readonly string[];
  /** Index of the build stage (FROM) it belongs to; -1 before the first FROM. */
  stage: number;
  at: Anchor;
  node: Instruction;
}

function anchor(i: { getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } }): Anchor {
  const r = i.getRange();
  return at.position(r.start.line + 1, r.start.character + 1, r.end.line + 1, r.end.character + 1);
}

/**
 * Every instruction, read once per Dockerfile: a dozen rules walk them, and dockerfile-ast rebuilds its argument
 * lists on each call (its getters were a tenth of a large scan). Kept with the parsed file, so it goes with it.
 */
const memo = new WeakMap<Parsed, readonly Instr[]>();

export function instructions(df: Parsed): readonly Instr[] {
  const known = memo.get(df);
  if (known) return known;
  let stage = -1;
  const all = df.getInstructions().map((node): Instr => {
    const keyword = node.getKeyword().toUpperCase();
    if (keyword === 'FROM') stage++;
    const flags = (node as unknown as { getFlags?: () => { toString(): string }[] }).getFlags?.().map((f) => f.toString()) ?? [];
    return Object.freeze({ keyword, args: node.getArgumentsContent() ?? '', flags: Object.freeze(flags), stage, at: anchor(node), node });
  });
  Object.freeze(all);
  memo.set(df, all);
  return all;
}

/** `ARG NAME=default` declared before the first FROM: what `FROM ${NAME}` resolves to when nobody passes it. */
export function globalArgs(df: Parsed): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of instructions(df)) {
    if (i.stage >= 0) break;
    if (i.keyword !== 'ARG') continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(i.args.trim());
    if (m?.[1] && m[2] !== undefined) out.set(m[1], m[2].replace(/^["']|["']$/g, ''));
  }
  return out;
}

/** Substitutes `$X`, `${X}`, `${X:-d}` from `vars`; unknown ones stay as written. */
export function substitute(s: string, vars: ReadonlyMap<string, string>): string {
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]{0,255})(?::?-([^{}]{0,512}))?\}|\$([A-Za-z_][A-Za-z0-9_]{0,255})/g, (m, a: string | undefined, d: string | undefined, b: string | undefined) => vars.get(a ?? b ?? '') ?? d ?? m);
}

export interface Stage {
  index: number;
  /** The image after ARG defaults are substituted. */
  image: string;
  /** As written. */
  written: string;
  alias: string | undefined;
  at: Anchor;
}

export function stages(df: Parsed): Stage[] {
  const vars = globalArgs(df);
  return instructions(df)
    .filter((i) => i.keyword === 'FROM')
    .map((i) => {
      const words = i.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const written = words[0] ?? '';
      const asIdx = words.findIndex((w) => w.toLowerCase() === 'as');
      return { index: i.stage, image: substitute(written, vars), written, alias: asIdx > 0 ? words[asIdx + 1] : undefined, at: i.at };
    });
}

/**
 * Who the final stage runs as: its last `USER`, else that of the earlier stage it is built `FROM` (followed back),
 * else undefined with the base image that decides.
 */
export function effectiveUser(df: Parsed): { user: string; at: Anchor } | { user: undefined; baseImage: string; at: Anchor } | undefined {
  const all = instructions(df);
  const froms = stages(df);
  let stage = froms[froms.length - 1];
  const final = stage;
  if (!stage || !final) return undefined;
  for (let hops = 0; hops <= froms.length; hops++) {
    const index: number = stage.index;
    const users = all.filter((i) => i.stage === index && i.keyword === 'USER');
    const last = users[users.length - 1];
    if (last) return { user: last.args.trim(), at: last.at };
    const parentName = stage.image.toLowerCase();
    const parent: Stage | undefined = froms.find((f) => f.alias?.toLowerCase() === parentName && f.index < index);
    if (!parent) break;
    stage = parent;
  }
  return { user: undefined, baseImage: stage.image, at: final.at };
}

export function isRootUser(user: string): boolean {
  return /^(root|0)(:.*)?$/.test(user.trim());
}

/** Exec-form (`["a","b"]`) or shell-form arguments as argv. */
export function execArgs(args: string): string[] {
  // Docker joins continued lines before reading the exec form's JSON.
  const t = args.trim().replace(/\\\r?\n/g, '');
  if (t.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(t);
      if (Array.isArray(v)) return withShellScript(v.map((x) => String(x)));
    } catch {
      // not valid JSON: Docker runs it in a shell, so split it like one
    }
  }
  return withShellScript(splitWords(t));
}

function splitWords(t: string): string[] {
  return [...t.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** `["sh", "-c", "… exec node openclaw.mjs gateway --bind lan"]`: the script's words follow, as the shell runs them. */
function withShellScript(args: string[]): string[] {
  const k = args.findIndex((a, i) => i > 0 && /^-[a-z]+$/.test(a) && a.includes('c'));
  if (k === -1 || !/(^|\/)(ba|da|z|k|a)?sh$/.test(args[0] ?? '') || args[k + 1] === undefined) return args;
  return [...args.slice(0, k + 1), ...splitWords((args[k + 1] ?? '').replace(/[;&|]+/g, ' ')), ...args.slice(k + 2)];
}

export interface EnvProperty {
  keyword: 'ENV' | 'ARG';
  name: string;
  /** As written, undefined for `ARG NAME` without a default. */
  value: string | undefined;
  stage: number;
  at: Anchor;
  valueAt: Anchor | undefined;
}

type Ranged = { getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } };
interface PropertyLike {
  getName(): string;
  getValue(): string | null;
  getRange(): Ranged['getRange'] extends () => infer R ? R : never;
  getValueRange(): (Ranged['getRange'] extends () => infer R ? R : never) | null;
}

/** Every `ENV` and `ARG` name/value pair (both `ENV A=b C=d` and the legacy `ENV A b` forms). */
export function envProperties(df: Parsed): EnvProperty[] {
  const out: EnvProperty[] = [];
  for (const i of instructions(df)) {
    if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
    const node = i.node as unknown as { getProperties?: () => PropertyLike[] };
    for (const p of node.getProperties?.() ?? []) {
      const vr = p.getValueRange();
      out.push({
        keyword: i.keyword,
        name: p.getName(),
        value: p.getValue() ?? undefined,
        stage: i.stage,
        at: anchor(p),
        valueAt: vr ? at.position(vr.start.line + 1, vr.start.character + 1, vr.end.line + 1, vr.end.character + 1) : undefined,
      });
    }
  }
  return out;
}
