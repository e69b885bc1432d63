/**
 * Stage 1 of a scan, over every discovered file: the per-file pass (file-pass.ts: read, classify, text rules),
 * and the parse of each file that is structured by its path, as soon as it is read. Plain files (most of a
 * repository) may go to a FileStageExecutor meanwhile (worker threads: engine/threads/pool.ts, given by the entry
 * point); each result lands in its file's slot, so what follows runs in path order whichever thread made it and
 * the result never depends on the number of threads.
 */
import type { AnyRule } from '../../model/rule.js';
import type { FileKind, RepoFile } from '../../model/target.js';
import type { Breather } from '../breather.js';
import type { TokenDetector } from '../check/tokens.js';
import type { DiscoveredFile } from '../discover/discover.js';
import { parseFile, type Parsed } from '../parse/index.js';
import { classify } from './classify.js';
import { FilePass, mayEmbedConfig, SHELL_LIKE, type TextFileResult } from './file-pass.js';

/** What a FileStageExecutor is asked to do: the per-file pass of `files[i]` for each `i` of `indices`. */
export interface FileStageJob {
  rules: readonly AnyRule[];
  /** The scan's token detector (a worker builds the same one from `tokens.ruleIds`). */
  tokens: TokenDetector;
  maxFileSize: number;
  files: readonly DiscoveredFile[];
  /** Files that are plain by their path. */
  indices: readonly number[];
}

/** Runs the per-file pass of plain files elsewhere (worker threads), beside this thread. */
export interface FileStageExecutor {
  /** Starts on the job, handing each result to `collect`; undefined when it will not (too few files, no worker). */
  start(job: FileStageJob, collect: (result: TextFileResult) => void): RunningFileStage | undefined;
}

export interface RunningFileStage {
  /** This thread's share: takes files through `local` until every file of the job has a result. */
  finish(local: (index: number) => Promise<TextFileResult>): Promise<void>;
}

/** A file read on this thread: its result, with its parse when it is structured and was parsed at once. */
export type ReadFile = TextFileResult & { parsed?: Parsed };

/**
 * What stage 1 found, in path order. A plain file that was read and has nothing to report is kept as its entry
 * of the repository's file list only; every other file as its result.
 */
export interface FilesRead {
  files: (ReadFile | RepoFile)[];
  /** Bytes of the plain files kept as entries only. */
  plainBytes: number;
  /** Rule crashes of the per-file pass. */
  internalErrors: number;
}

export interface FileStageOptions {
  rules: readonly AnyRule[];
  /** The scan's token detector; by default, one from `rules`. */
  tokens?: TokenDetector;
  maxFileSize: number;
  fileStage?: FileStageExecutor;
  /** Run the text rules on these files only (ScanOptions.findingsIn). */
  findingsIn?: ReadonlySet<string>;
  onProgress?: (done: number, total: number) => void;
}

export async function readFiles(batches: AsyncIterable<DiscoveredFile[]> | Iterable<DiscoveredFile[]>, opts: FileStageOptions, breather: Breather): Promise<FilesRead> {
  const pass = new FilePass(opts.rules, opts.maxFileSize, opts.tokens);
  const files: DiscoveredFile[] = [];
  const slots: (ReadFile | RepoFile)[] = [];
  const tally = { plainBytes: 0, internalErrors: 0 };
  let done = 0;
  const wanted = (f: DiscoveredFile) => !opts.findingsIn || opts.findingsIn.has(f.path);
  const local = async (i: number, byPath: FileKind) => {
    const f = files[i] as DiscoveredFile;
    const r: ReadFile = await pass.run(i, f, byPath, wanted(f));
    if (r.kind && r.kind !== 'text' && r.text !== undefined && needsParseNow(r.kind, r.text)) r.parsed = parseFile(r.path, r.kind, r.text);
    return r;
  };
  const collect = (r: TextFileResult) => {
    slots[r.index] = r.kind === 'text' && !r.findings.length && !r.notes.length && !r.skipped ? entryOf(r, tally) : r;
    tally.internalErrors += r.internalErrors;
    opts.onProgress?.(++done, files.length);
  };
  let batchCount = 0;
  for await (const batch of batches) {
    batchCount++;
    const first = files.length;
    for (const f of batch) files.push(f);
    const plain: number[] = [];
    const structured: { index: number; kind: FileKind }[] = [];
    for (let i = first; i < files.length; i++) {
      const kind = classify((files[i] as DiscoveredFile).path);
      if (kind === 'text') plain.push(i);
      else structured.push({ index: i, kind });
    }
    // Structured files stay on this thread (their parse cannot cross threads) while the executor starts on the
    // plain ones; then this thread takes plain files too.
    const running = opts.fileStage?.start({ rules: opts.rules, tokens: pass.tokens, maxFileSize: opts.maxFileSize, files, indices: plain }, collect);
    for (const { index, kind } of structured) {
      collect(await local(index, kind));
      await breather.breathe();
    }
    if (running) await running.finish((i) => local(i, 'text'));
    else
      for (const i of plain) {
        collect(await local(i, 'text'));
        await breather.breathe();
      }
  }
  // Each batch is sorted; several (tracked, then untracked files) are merged as if discovered together.
  const inOrder = batchCount > 1 ? [...slots.keys()].sort((a, b) => ((files[a] as DiscoveredFile).path < (files[b] as DiscoveredFile).path ? -1 : 1)).map((i) => slots[i] as ReadFile | RepoFile) : slots;
  return { files: inOrder, ...tally };
}

/** A plain file with nothing to report: only its entry of the repository's file list is kept. */
function entryOf(r: TextFileResult, tally: { plainBytes: number }): RepoFile {
  tally.plainBytes += r.bytes;
  return { path: r.path, kind: 'text' };
}

/**
 * Whether a structured file is parsed as soon as it is read. Scripts, Makefiles and workflows wait for the shell
 * stage (engine/check/run-targets.ts), one at a time, unless they may write an OpenClaw config in a heredoc: such a
 * config is shared (other files' rules read it), so it must be known before then.
 */
export function needsParseNow(kind: Exclude<FileKind, 'text'>, text: string): boolean {
  return !SHELL_LIKE.has(kind) || mayEmbedConfig(text);
}
