/**
 * What rules check. The engine parses each file once into one of these targets and hands it to every rule
 * whose `appliesTo` names its kind. Targets are read-only views; rules never touch the file system.
 */
import type { Document } from 'yaml';
import type { Dockerfile } from 'dockerfile-ast';
import type { PathSegment } from './location.js';

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

/** One OpenClaw config file (JSON5), as evaluated. */
export interface OpenClawTarget extends TargetBase {
  kind: 'openclaw';
  text: string;
  value: unknown;
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
  /**
   * Set in a history sweep: `files` are then the paths one commit added (new, renamed or copied), or every
   * path at HEAD when the sweep checks what is still there; `gitignore` is absent. A rule about what the
   * repository lacks should set `history: false` in its metadata.
   */
  history?: { commit: string };
}

export interface TargetMap {
  text: TextTarget;
  dotenv: DotenvTarget;
  compose: ComposeTarget;
  openclaw: OpenClawTarget;
  dockerfile: DockerfileTarget;
  parse_error: ParseErrorTarget;
  repo: RepoTarget;
}
export type TargetKind = keyof TargetMap;
export type Target = TargetMap[TargetKind];

/** Targets kept for the whole scan (small, structured) and visible to every rule through the project view. */
export type StructuredKind = 'dotenv' | 'compose' | 'openclaw' | 'dockerfile';

export interface ProjectView {
  targets<K extends StructuredKind>(kind: K): readonly TargetMap[K][];
}

export type { PathSegment };
