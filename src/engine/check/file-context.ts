import { Locator } from '../parse/locator.js';
import { findDirective, parseDirectives, type Directive } from '../postprocess/suppress.js';

/** The per-file handle rules report through: where things are in the file, and its inline suppressions. */
export class FileContext {
  private directives: Map<number, Directive> | undefined;
  constructor(
    readonly file: string,
    readonly text: string,
    readonly locator: Locator,
  ) {}
  suppression(ruleId: string, line: number): Directive | undefined {
    this.directives ??= parseDirectives(this.text);
    return findDirective(this.directives, ruleId, line);
  }
}

/** A whole-file finding of the repository rules (a committed `.env`) on a file whose text is no longer kept. */
export function repoFileContext(file: string): FileContext {
  return new FileContext(file, '', new Locator(file, ''));
}
