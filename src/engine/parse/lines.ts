/** Offsets → 1-based line/column, the one place positions are normalised (all parsers funnel here). */
import type { Location } from '../../model/location.js';

export class LineIndex {
  private starts: number[] | undefined;
  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      let i = this.text.indexOf('\n');
      while (i !== -1) {
        starts.push(i + 1);
        i = this.text.indexOf('\n', i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - (starts[lo] ?? 0) + 1 };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))] ?? 0;
  }

  lineCount(): number {
    return this.lineStarts().length;
  }

  location(file: string, start: number, end: number): Location {
    const s = this.position(start);
    const e = this.position(Math.max(start, end));
    return { file, startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
  }

  /** The whole first line: for findings about a file as a whole. */
  fileLocation(file: string): Location {
    const firstLineEnd = this.text.indexOf('\n');
    const end = firstLineEnd === -1 ? this.text.length : firstLineEnd;
    return { file, startLine: 1, startColumn: 1, endLine: 1, endColumn: Math.max(1, end) + (end > 0 ? 1 : 0) };
  }
}
