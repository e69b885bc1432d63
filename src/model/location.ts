/** Positions as every reporter wants them: repository-relative POSIX path, 1-based line and column. */
export interface Location {
  /** Path relative to the repository root (or the scanned directory outside git), with `/` separators. */
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  /** The column after the last character, as SARIF defines it. */
  endColumn: number;
}

/** A segment of a structural path into a parsed document: a map key or a sequence index. */
export type PathSegment = string | number;

/**
 * Where a rule says a finding is. Rules never count lines: they name a structural path into the parsed
 * document, or a character range in the file's text, and the engine turns either into a Location.
 * `file` is only needed when the target spans several files (a merged compose project, an `$include`).
 */
export type Anchor =
  | { kind: 'path'; path: readonly PathSegment[]; file?: string; part?: 'key' | 'value' | 'pair' }
  | { kind: 'range'; start: number; end: number; file?: string }
  | { kind: 'position'; line: number; column: number; endLine: number; endColumn: number; file?: string }
  | { kind: 'file'; file?: string };

export const at = {
  path(path: readonly PathSegment[], opts: { file?: string; part?: 'key' | 'value' | 'pair' } = {}): Anchor {
    return { kind: 'path', path, ...opts };
  },
  range(start: number, end: number, file?: string): Anchor {
    return file === undefined ? { kind: 'range', start, end } : { kind: 'range', start, end, file };
  },
  /** 1-based line and column, end column exclusive (for parsers that give positions, e.g. dockerfile-ast + 1). */
  position(line: number, column: number, endLine: number, endColumn: number, file?: string): Anchor {
    return { kind: 'position', line, column, endLine, endColumn, ...(file === undefined ? {} : { file }) };
  },
  file(file?: string): Anchor {
    return file === undefined ? { kind: 'file' } : { kind: 'file', file };
  },
};
