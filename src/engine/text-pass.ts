/**
 * The per-file first stage of a scan, the same on the main thread and in a worker (engine/pool.ts): read the
 * file, classify it (by path, then by content for YAML with `services:` and shebang scripts), and run the `text`
 * rules (secrets and other line-level checks) on it. What it returns is plain data, so it crosses threads as is.
 */
import type { Finding, Note } from '../model/finding.js';
import type { FileKind } from '../model/target.js';
import { looksLikeCompose, looksLikeShell } from './classify.js';
import type { DiscoveredFile } from './discover.js';
import { Locator } from './parse/locator.js';
import { FileContext } from './postprocess.js';
import { readText } from './read.js';
import { EMPTY_PROJECT, type RuleRunner } from './runner.js';

export interface TextFileResult {
  /** Position of the file in discovery order: results are merged in that order whichever thread made them. */
  index: number;
  path: string;
  /** Undefined when the file was not read (see `skipped`, or it vanished since discovery). */
  kind?: FileKind;
  bytes: number;
  /** Why the file was not read (too large, binary, unreadable, a symlink, …). */
  skipped?: Note;
  findings: Finding[];
  notes: Note[];
  internalErrors: number;
  /** The text, when the caller needs it: always on the main thread; from a worker, only for structured kinds. */
  text?: string;
}

/** `byPath`: the file's kind by its path (`classify`), which the caller has already worked out to route the file. */
export async function textPass(
  index: number,
  f: DiscoveredFile,
  byPath: FileKind,
  maxFileSize: number,
  runner: RuleRunner,
  keepText: (kind: FileKind) => boolean,
): Promise<TextFileResult> {
  const result: TextFileResult = { index, path: f.path, bytes: 0, findings: [], notes: [], internalErrors: 0 };
  const read = await readText(f, maxFileSize);
  if (!read.ok) {
    if (read.note) result.skipped = read.note;
    return result;
  }
  let kind: FileKind = byPath;
  if (kind === 'text' && looksLikeCompose(f.path, read.text)) kind = 'compose';
  if (kind === 'text' && looksLikeShell(f.path, read.text)) kind = 'shell';
  result.kind = kind;
  result.bytes = read.bytes;
  const ctx = new FileContext(f.path, read.text, new Locator(f.path, read.text));
  const errorsBefore = runner.internalErrors;
  await runner.run({ kind: 'text', file: f.path, fileKind: kind, text: read.text }, () => ctx, EMPTY_PROJECT, undefined, result);
  result.internalErrors = runner.internalErrors - errorsBefore;
  if (keepText(kind)) result.text = read.text;
  return result;
}
