/**
 * The per-file first stage of a scan, the same on the main thread and in a worker (engine/threads/pool.ts): read
 * the file, classify it (by path, then by content for YAML with `services:` and shebang scripts), and run the
 * `text` rules (secrets and other line-level checks) on it. What it returns is plain data, so it crosses threads
 * as is.
 */
import type { Finding, Note } from '../../model/finding.js';
import type { AnyRule } from '../../model/rule.js';
import type { FileKind } from '../../model/target.js';
import { looksLikeCloudInit, looksLikeCompose, looksLikeKubernetes, looksLikeNginx, looksLikeOpenClawConfig, looksLikeShell } from './classify.js';
import type { DiscoveredFile } from '../discover/discover.js';
import { keywordText, mayApply } from '../check/keywords.js';
import { Locator } from '../parse/locator.js';
import { FileContext } from '../check/file-context.js';
import { readText } from './read.js';
import { EMPTY_PROJECT, RuleRunner } from '../check/runner.js';
import { TokenDetector } from '../check/tokens.js';

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
  /** The raw secrets the text rules reported in the file, for the scan-wide scrub (postprocess/redact.ts); never output. */
  secrets?: string[];
  /** The text, when the caller needs it: always on the main thread; from a worker, only for structured kinds. */
  text?: string;
}

/** The per-file stage for one scan's rules and size limit. */
export class FilePass {
  private readonly runner: RuleRunner;
  private readonly keepText: (kind: FileKind, text: string) => boolean;

  constructor(
    rules: readonly AnyRule[],
    readonly maxFileSize: number,
    readonly tokens: TokenDetector = new TokenDetector(rules),
  ) {
    this.runner = new RuleRunner(rules, [], undefined, tokens);
    this.keepText = textNeeded(rules);
  }

  /**
   * `byPath`: the file's kind by its path (`classify`), which the caller has already worked out to route the file.
   * `runTextRules` false: read and classify only (the caller does not want this file's findings).
   */
  async run(index: number, f: DiscoveredFile, byPath: FileKind, runTextRules = true): Promise<TextFileResult> {
    const result: TextFileResult = { index, path: f.path, bytes: 0, findings: [], notes: [], internalErrors: 0 };
    const read = await readText(f, this.maxFileSize, byPath !== 'text');
    if (!read.ok) {
      if (read.note) result.skipped = read.note;
      return result;
    }
    let kind: FileKind = byPath;
    if (kind === 'text' && looksLikeCloudInit(f.path, read.text)) kind = 'cloud_init';
    if (kind === 'text' && looksLikeKubernetes(f.path, read.text)) kind = 'kubernetes';
    if (kind === 'text' && looksLikeCompose(f.path, read.text)) kind = 'compose';
    if (kind === 'text' && looksLikeShell(f.path, read.text)) kind = 'shell';
    if (kind === 'text' && looksLikeOpenClawConfig(f.path, read.text)) kind = 'openclaw';
    if (kind === 'text' && looksLikeNginx(f.path, read.text)) kind = 'nginx';
    result.kind = kind;
    result.bytes = read.bytes;
    if (runTextRules) {
      const ctx = new FileContext(f.path, read.text, new Locator(f.path, read.text));
      const errorsBefore = this.runner.internalErrors;
      await this.runner.run({ kind: 'text', file: f.path, fileKind: kind, text: read.text }, () => ctx, EMPTY_PROJECT, undefined, result);
      result.internalErrors = this.runner.internalErrors - errorsBefore;
      const secrets = this.runner.secrets.get(f.path);
      if (secrets) {
        result.secrets = [...secrets];
        this.runner.secrets.delete(f.path);
      }
    }
    if (this.keepText(kind, read.text)) result.text = read.text;
    return result;
  }
}

/** Kinds parsed into shell targets only: nothing of theirs is shared unless they embed an OpenClaw config. */
export const SHELL_LIKE: ReadonlySet<FileKind> = new Set(['shell', 'makefile', 'workflow']);

/**
 * Whether a shell-like file may write an OpenClaw config (parse/embedded.ts): a heredoc needs `<<` in the shell
 * code (a workflow's YAML could spell `<` as an escape in a double-quoted scalar), `openclaw config set` its
 * words, an `echo '{…}' > …/openclaw.json` the file name.
 */
export function mayEmbedConfig(text: string): boolean {
  return text.includes('<<') || /\\(?:x3c|u003c|U0000003c)/i.test(text) || / set /.test(text) && text.includes('config') || text.includes('openclaw.json');
}

/**
 * Which texts a scan keeps past this stage (for parsing): a structured file's, except a script, Makefile or
 * workflow that no shell rule has a keyword in (check/keywords.ts) and that cannot embed an OpenClaw config:
 * that file will never be parsed, so its text is let go here (docs/performance.md#memory).
 */
export function textNeeded(rules: readonly AnyRule[]): (kind: FileKind, text: string) => boolean {
  const shellRules = rules.filter((r) => (r.appliesTo as readonly string[]).includes('shell'));
  return (kind, text) => {
    if (kind === 'text') return false;
    if (!SHELL_LIKE.has(kind) || mayEmbedConfig(text)) return true;
    const kw = keywordText(text);
    return shellRules.some((rule) => mayApply(rule, kw));
  };
}
