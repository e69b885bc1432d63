/**
 * What rules check. The engine parses each file once into one of these targets and hands it to every rule
 * whose `appliesTo` names its kind. Targets are read-only views; rules never touch the file system.
 */
import type { Document } from 'yaml';
import type { Dockerfile } from 'dockerfile-ast';
import type { Anchor, PathSegment } from './location.js';

/** How a file is classified by path and name (engine/classify.ts holds the one table). */
export type FileKind = 'compose' | 'openclaw' | 'dotenv' | 'dockerfile' | 'text';

interface TargetBase {
  /** Repository-relative POSIX path of the file the target was parsed from. */
  file: string;
}

/** Every text file, whatever its kind: the input of the secret rules. */
export interface TextTarget extends TargetBase {
  kind: 'text';
  fileKind: FileKind;
  text: string;
}

export interface DotenvEntry {
  key: string;
  /** The value after unquoting and with `export ` stripped; escapes in double quotes resolved. */
  value: string;
  quote: '"' | "'" | '';
  line: number;
  /** Character offsets of the key and of the value's text inside the file (quotes excluded). */
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

export interface DotenvTarget extends TargetBase {
  kind: 'dotenv';
  text: string;
  /** A template by name (`.env.example`, `.sample`, `.template`, `.dist`, `.defaults`): not a leak as a file. */
  template: boolean;
  entries: readonly DotenvEntry[];
}

/** One YAML compose file, anchors and `<<` merges resolved in `value`. */
export interface ComposeTarget extends TargetBase {
  kind: 'compose';
  text: string;
  /** The plain value (`doc.toJS()` with merge keys, alias limits enforced). */
  value: unknown;
  doc: Document;
}

/** Where a key of the resolved OpenClaw config is written: the file and the path inside that file. */
export interface OpenClawOrigin {
  file: string;
  path: readonly PathSegment[];
}

/**
 * One OpenClaw config as OpenClaw loads it: the root file (`file`, `text`) with every `$include` merged in
 * (`value`). `${VAR}` strings are kept as written. A rule anchors findings with `at.path([...])` on the merged
 * path; the engine moves the anchor into the file that holds the key (`origin` tells a rule the same).
 */
export interface OpenClawTarget extends TargetBase {
  kind: 'openclaw';
  text: string;
  /** The resolved config: `$include` merged (objects deep-merge, arrays concatenate, siblings win). */
  value: unknown;
  /** The root file's own value, before includes (what the author wrote in this file). */
  authored: unknown;
  /** Repository-relative paths of the files merged in through `$include`, in load order. */
  includes: readonly string[];
  /** The file and local path that hold a merged path (its deepest existing prefix). */
  origin(path: readonly PathSegment[]): OpenClawOrigin;
}

export interface DockerfileTarget extends TargetBase {
  kind: 'dockerfile';
  text: string;
  dockerfile: Dockerfile;
}

/** A file of a structured kind that failed to parse. The scan goes on; a rule reports it. */
export interface ParseErrorTarget extends TargetBase {
  kind: 'parse_error';
  fileKind: FileKind;
  message: string;
  /** 1-based, when the parser knows. */
  line?: number;
  column?: number;
}

export interface RepoFile {
  path: string;
  kind: FileKind;
}

/** The repository as a whole: for rules about what is (or is not) in it. */
export interface RepoTarget extends TargetBase {
  kind: 'repo';
  /** Whether discovery used `git ls-files` (tracked files) or walked the directory. */
  git: boolean;
  files: readonly RepoFile[];
  /** The text of the root `.gitignore`, when there is one. */
  gitignore?: string;
  /** Whether the root `.gitignore` ignores a repository-relative path (false when there is none). */
  ignoredByRootGitignore(path: string): boolean;
}

/**
 * One service of a compose project, as Docker Compose would run it: files merged in Compose's order, `extends`
 * resolved, anchors and `<<` expanded, `environment` and `build.args` normalised to maps, and every string
 * interpolated. Rules read `value` like a plain compose service; `at()` says where a key came from.
 */
export interface ComposeService {
  name: string;
  /** The merged service with interpolation applied. An unresolved variable without default stays as written
   *  (`${VAR}`): its value is unknown, never safe (rules/_shared/compose.ts `isUnresolved`). */
  value: Readonly<Record<string, unknown>>;
  /** The same tree before interpolation (`${PASSWORD:-changeme}` as written). Same shape as `value`. */
  raw: Readonly<Record<string, unknown>>;
  /** Anchor of a path inside the merged service, in the file (and at the line) that introduced it.
   *  `at([])` is the service's key in the first file that defines it. */
  at(path: readonly PathSegment[], part?: 'key' | 'value' | 'pair'): Anchor;
  /** The file a path of the merged service came from. */
  fileOf(path: readonly PathSegment[]): string;
  /** Variables from the service's `env_file:` files found in the scan (`environment:` wins over these). */
  envFiles: Readonly<Record<string, { value: string; file: string; line: number }>>;
}

/**
 * A compose project: the files `docker compose` would load together (a base file and its overrides in one
 * folder, or one standalone file), with `include:` and `extends:` resolved within the repository and
 * `.env` beside the main file used for interpolation. Built once by src/engine/compose/ after parsing.
 */
export interface ComposeProjectTarget extends TargetBase {
  kind: 'compose_project';
  /** The files merged, in order (`file` is the first). */
  files: readonly string[];
  /** Findings are kept only when located in one of these files; another project owns the rest (a base file
   *  shared by several overlay projects is reported once). */
  owns: readonly string[];
  /** Variables read from the `.env` beside the main file (empty when there is none in the scan). */
  env: Readonly<Record<string, string>>;
  services: readonly ComposeService[];
  /** Merged top-level elements other than `services` (`volumes`, `secrets`, `networks`, `x-…`), interpolated. */
  value: Readonly<Record<string, unknown>>;
}

export interface TargetMap {
  text: TextTarget;
  dotenv: DotenvTarget;
  compose: ComposeTarget;
  compose_project: ComposeProjectTarget;
  openclaw: OpenClawTarget;
  dockerfile: DockerfileTarget;
  parse_error: ParseErrorTarget;
  repo: RepoTarget;
}
export type TargetKind = keyof TargetMap;
export type Target = TargetMap[TargetKind];

/** Targets kept for the whole scan (small, structured) and visible to every rule through the project view. */
export type StructuredKind = 'dotenv' | 'compose' | 'compose_project' | 'openclaw' | 'dockerfile';

export interface ProjectView {
  targets<K extends StructuredKind>(kind: K): readonly TargetMap[K][];
}

export type { PathSegment };
