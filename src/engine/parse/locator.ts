import type { Anchor, Location, PathSegment } from '../../model/location.js';
import { LineIndex } from './lines.js';

/** Resolves a structural path to a character range in the file, or undefined when the path is not there. */
export type PathResolver = (path: readonly PathSegment[], part: 'key' | 'value' | 'pair') => [number, number] | undefined;

/** Turns a rule's anchor into a Location for one file. Built by the parser of that file's kind. */
export class Locator {
  readonly lines: LineIndex;
  constructor(
    readonly file: string,
    text: string,
    private readonly resolvePath?: PathResolver,
  ) {
    this.lines = new LineIndex(text);
  }

  locate(anchor: Anchor): Location {
    switch (anchor.kind) {
      case 'range':
        return this.lines.location(this.file, anchor.start, anchor.end);
      case 'position':
        return { file: this.file, startLine: anchor.line, startColumn: anchor.column, endLine: anchor.endLine, endColumn: anchor.endColumn };
      case 'file':
        return this.lines.fileLocation(this.file);
      case 'path': {
        // The deepest prefix of the path that exists: a missing key is reported at the object lacking it.
        for (let n = anchor.path.length; n >= 0 && this.resolvePath; n--) {
          const r = this.resolvePath(anchor.path.slice(0, n), n === anchor.path.length ? (anchor.part ?? 'pair') : 'key');
          if (r) return this.lines.location(this.file, r[0], r[1]);
        }
        return this.lines.fileLocation(this.file);
      }
    }
  }
}
