/**
 * The history sweep (`gatewarden scan --history`): every commit reachable from the refs (default `--all`),
 * streamed from one `git log -p -U0 --cc` and never held in memory:
 *
 *   git log → parse the patch line by line → per file a commit changed: the lines it added (a TextTarget whose
 *   line numbers map back to the file) → text rules; per commit: the paths it added (a RepoTarget) → repo rules,
 *   and `history: true` structured rules (dotenv.committed) on the added file's blob
 *   → one finding per fingerprint, kept at the commit that introduced it → `stillPresent` from a scan of HEAD
 *   → the same post-processing (config, baseline, sort) and reporters as the work-tree scan.
 *
 * Design decisions (docs/history.md has the why):
 * - Merges: `--cc` shows a merge only where its result differs from every parent; a line is new in the merge
 *   when every parent column is `+`. Lines a merge takes from one side were scanned in that side's commits.
 * - Renames and copies: `-M` (git's default for log). A pure rename adds no line, so no second finding; the
 *   new path counts as an added path for the file rules (a `.env.example` renamed to `.env` is a committed .env).
 * - Secret fingerprints leave the path out: one leaked credential is one finding, however many files and
 *   branches it was committed to. Other findings keep the engine's fingerprint (path + identity).
 * - The introducing commit is the occurrence with the earliest author date (ties: the one git lists later,
 *   i.e. the older one). An unsuppressed occurrence wins over an inline-suppressed one.
 */
import { formatBytes } from '../../lib/format.js';
import type { Finding, Note, Report } from '../../model/finding.js';
import type { HistoryInfo } from '../../model/history.js';
import type { Anchor, Location } from '../../model/location.js';
import type { AnyRule } from '../../model/rule.js';
import type { RepoFile, TargetKind } from '../../model/target.js';
import { loadBaseline } from '../postprocess/baseline.js';
import { classify } from '../read/classify.js';
import { defaultConfig, loadConfig, parseConfig, type ConfigText, type ScanConfig } from '../config.js';
import { UsageError } from '../../model/errors.js';
import { fingerprint, secretIdentity } from '../postprocess/fingerprint.js';
import { BlobReader, streamLines, tryGit, unquotePath } from '../../git/git.js';
import { LOG_FORMAT, PatchReader, type Commit, type FileDiff } from './patch.js';
import { Locator } from '../parse/locator.js';
import { parseFile } from '../parse/index.js';
import { FileContext, repoFileContext } from '../check/file-context.js';
import { finalize } from '../postprocess/finalize.js';
import { scrubFindings } from '../postprocess/redact.js';
import { applyBaseline, applyConfig, sortFindings } from '../postprocess/scan-wide.js';
import { findDirective, parseDirectives, type Directive } from '../postprocess/suppress.js';
import { EMPTY_PROJECT, RuleRunner, type Finisher } from '../check/runner.js';
import { TokenDetector } from '../check/tokens.js';
import type { ScanResult } from '../scan.js';

export interface HistoryOptions {
  /** A directory inside the repository (default: the current directory). */
  path: string;
  rules: readonly AnyRule[];
  /** Refs (branches, tags, commits) whose history is swept; default every ref (`--all`). */
  refs?: readonly string[];
  /** Only commits not reachable from this revision (`REV..refs`). */
  since?: string;
  /** At most this many commits, newest first (`git log --max-count`). */
  maxCommits?: number;
  configFile?: string;
  /** The config as text (pull-request mode: the base commit's); takes precedence over `configFile`. */
  configText?: ConfigText;
  /** Use the default settings, whatever config the work tree has (pull-request mode, when the base has none). */
  noConfig?: boolean;
  baselineFile?: string;
  /** Added text of one file in one commit above this is not scanned (bytes; default: the config's limit). */
  maxFileSize?: number;
  /** Called after each commit, for progress display. */
  onProgress?: (commits: number) => void;
}

/** A finding and where it was seen. */
interface Occurrence {
  finding: Finding;
  commit: Commit;
  order: number;
  additions: number;
}

/** Default-on for text and repo rules; structured rules opt in; any rule can opt out. */
export function runsInHistory(rule: AnyRule): boolean {
  return rule.history ?? (rule.appliesTo as readonly TargetKind[]).some((k) => k === 'text' || k === 'repo');
}

/** The text rules see only the lines a commit added; this maps their line numbers back to the file's. */
class HunkLocator extends Locator {
  constructor(
    file: string,
    text: string,
    private readonly lineNos: readonly number[],
  ) {
    super(file, text);
  }
  override locate(anchor: Anchor): Location {
    const l = super.locate(anchor);
    return { ...l, startLine: this.lineNos[l.startLine - 1] ?? l.startLine, endLine: this.lineNos[l.endLine - 1] ?? l.endLine };
  }
}

/** Inline suppressions among the added lines, keyed by file line (a directive on an unchanged line is not seen). */
class HunkContext extends FileContext {
  private byFileLine: Map<number, Directive> | undefined;
  constructor(file: string, text: string, private readonly lineNos: readonly number[]) {
    super(file, text, new HunkLocator(file, text, lineNos));
  }
  override suppression(ruleId: string, line: number): Directive | undefined {
    this.byFileLine ??= new Map([...parseDirectives(this.text)].map(([i, d]) => [this.lineNos[i - 1] ?? i, d]));
    return findDirective(this.byFileLine, ruleId, line);
  }
}

export async function scanHistory(opts: HistoryOptions): Promise<ScanResult & { history: HistoryInfo }> {
  const started = performance.now();
  const notes: Note[] = [];
  const base = await tryGit(opts.path, ['rev-parse', '--show-toplevel']);
  if (!base) throw new UsageError(`--history needs a git work tree; ${opts.path} is not inside one`);
  const revs = [...(opts.refs ?? []), ...(opts.since ? [opts.since] : [])];
  const [known, shallowOut, config, baseline] = await Promise.all([
    Promise.all(revs.map(async (r) => !r.startsWith('-') && (await tryGit(base, ['rev-parse', '--verify', '--quiet', `${r}^{commit}`])) !== undefined)),
    tryGit(base, ['rev-parse', '--is-shallow-repository']),
    opts.noConfig
      ? defaultConfig()
      : opts.configText
        ? parseConfig(opts.configText.text, opts.configText.file, base, new Set(opts.rules.map((r) => r.id)), notes)
        : loadConfig(opts.configFile, base, base, new Set(opts.rules.map((r) => r.id)), notes),
    opts.baselineFile ? loadBaseline(opts.baselineFile) : undefined,
  ]);
  const unknown = revs.find((_, i) => !known[i]);
  if (unknown !== undefined) throw new UsageError(`unknown revision "${unknown}"`);
  const rules = opts.rules.filter(runsInHistory);
  const maxFileSize = opts.maxFileSize ?? config.maxFileSize;
  const active = rules.filter((r) => config.rules.get(r.id) !== 'off');
  const structured = active.some((r) => (r.appliesTo as readonly TargetKind[]).includes('dotenv'));
  const shallow = shallowOut === 'true';
  if (shallow) {
    notes.push({
      level: 'warning',
      code: 'history.shallow',
      message:
        'this is a shallow clone: commits older than the clone depth were not scanned. On GitHub Actions set `fetch-depth: 0` on actions/checkout; locally run `git fetch --unshallow`.',
    });
  }

  // The token detector from the whole registry given, as in a scan (engine/scan.ts).
  const tokens = new TokenDetector(opts.rules);
  const runner = new RuleRunner(active, notes, historyFinisher, tokens);
  const blobs = new BlobReader(base);
  const seen = new Map<string, Occurrence>();
  let order = 0;
  let commits = 0;
  let files = 0;
  let bytes = 0;
  let binary = 0;
  const tooLarge = new Map<string, { count: number; newest: string }>();

  // What HEAD still holds is looked for once the first finding turns up, while the history goes on streaming
  // (git log keeps one core busy; this uses the other). A sweep that finds nothing never reads HEAD's tree.
  let atHead: ReturnType<typeof fingerprintsAtHead> | undefined;
  const checkHead = () => {
    if (atHead) return;
    atHead = fingerprintsAtHead(base, active, config, maxFileSize, notes, tokens);
    atHead.catch(() => undefined); // awaited below; not an unhandled rejection if the stream fails first
  };

  const collect = (c: Commit) => {
    // The commit's findings scrubbed of every secret reported in their file (postprocess/redact.ts), then let go.
    const found = scrubFindings(runner.findings.splice(0), runner.secrets);
    runner.secrets.clear();
    for (const finding of found) {
      const cand: Occurrence = { finding, commit: c, order: order++, additions: 1 };
      const prev = seen.get(finding.fingerprint);
      if (!prev) {
        seen.set(finding.fingerprint, cand);
        checkHead();
      } else {
        cand.additions = prev.additions + 1;
        seen.set(finding.fingerprint, introducedEarlier(cand, prev) ? cand : { ...prev, additions: cand.additions });
      }
    }
  };

  const added = new Map<Commit, RepoFile[]>(); // per commit: the paths it added, for the repository rules

  /** One file of one commit: its added lines to the text rules; an added .env, whole, to the dotenv rules. */
  const scanFile = async (d: FileDiff): Promise<void> => {
    if (d.path === undefined || config.isIgnored(d.path)) return;
    const c = d.commit;
    const kind = classify(d.path);
    if (d.added) {
      const paths = added.get(c) ?? [];
      paths.push({ path: d.path, kind });
      added.set(c, paths);
    }
    if (d.binary) {
      binary++;
      return;
    }
    if (d.tooLarge) {
      const t = tooLarge.get(d.path) ?? { count: 0, newest: c.sha };
      t.count++;
      tooLarge.set(d.path, t);
      return;
    }
    if (d.lines.length) {
      files++;
      bytes += d.size;
      const text = d.lines.join('\n');
      const ctx = new HunkContext(d.path, text, d.lineNos);
      await runner.run({ kind: 'text', file: d.path, fileKind: kind, text }, () => ctx, EMPTY_PROJECT);
    }
    if (d.added && kind === 'dotenv' && structured) await scanDotenvBlob(`${c.sha}:${d.path}`, d.path);
    collect(c);
  };

  /** Structured rules need the whole file, which a rename or copy does not show: read it from git. */
  const scanDotenvBlob = async (object: string, file: string) => {
    const blob = await blobs.read(object, maxFileSize);
    if (blob.kind !== 'ok' || blob.data.subarray(0, 8000).includes(0)) return;
    const text = blob.data.toString('utf8');
    const parsed = parseFile(file, 'dotenv', text);
    if (parsed.ok) {
      const ctx = new FileContext(file, text, parsed.locator);
      await runner.run(parsed.target, () => ctx, EMPTY_PROJECT);
    }
  };

  /** One commit, after its files: the paths it added to the repository rules. */
  const scanCommit = async (c: Commit): Promise<void> => {
    const paths = added.get(c);
    added.delete(c);
    if (paths) {
      await runner.run({ kind: 'repo', file: '.', git: true, files: paths, history: { commit: c.sha }, ignoredByRootGitignore: () => false }, repoFileContext, EMPTY_PROJECT);
      collect(c);
    }
    commits++;
    opts.onProgress?.(commits);
  };

  // Pinned against user configuration that would change what the parser reads: root commits shown,
  // a/ and b/ prefixes, no external diff or textconv, no signature blocks.
  const args = [
    '-c', 'core.quotepath=off',
    '-c', 'log.showRoot=true',
    '-c', 'log.showSignature=false',
    'log', '--no-color', '--no-ext-diff', '--no-textconv', '--no-relative', '--src-prefix=a/', '--dst-prefix=b/',
    '-p', '-U0', '--cc', '-M', '--irreversible-delete',
    LOG_FORMAT,
    ...(opts.maxCommits !== undefined ? [`--max-count=${opts.maxCommits}`] : []),
    ...(opts.refs?.length ? opts.refs : ['--all']),
    ...(opts.since ? [`^${opts.since}`] : []),
    '--',
  ];
  let stderr = '';
  try {
    // A line longer than the file limit cannot be scanned anyway; cutting it keeps memory flat.
    const reader = new PatchReader(maxFileSize, { file: scanFile, commit: scanCommit });
    ({ stderr } = await streamLines(base, args, maxFileSize + 1, (line, truncated) => reader.line(line, truncated)));
    await reader.end();
  } finally {
    blobs.close();
  }
  for (const w of new Set(stderr.split('\n').filter((l) => l.startsWith('warning:')))) {
    notes.push({ level: 'warning', code: 'history.git_warning', message: `git: ${w.slice('warning:'.length).trim()}` });
  }
  if (binary) notes.push({ level: 'info', code: 'skipped.binary', message: `${binary} binary file version${binary === 1 ? '' : 's'} in the history not scanned` });
  for (const [file, t] of tooLarge) {
    notes.push({ level: 'warning', code: 'skipped.too_large', message: `lines added in ${t.count} commit${t.count === 1 ? '' : 's'} (newest ${t.newest.slice(0, 12)}) are above the ${formatBytes(maxFileSize)} limit and were not scanned (raise max-file-size in .gatewarden.yml to scan them)`, file });
  }

  const head = atHead ? await atHead : { fingerprints: new Set<string>(), internalErrors: 0 };
  const still = head.fingerprints;
  const located = [...seen.values()].map((o) => describeOrigin(o, still.has(o.finding.fingerprint)));
  const findings = sortFindings(applyBaseline(applyConfig(located, config), baseline));
  const range = [...(opts.refs?.length ? opts.refs : ['--all']), ...(opts.since ? [`^${opts.since}`] : [])].join(' ');

  return {
    root: { base, git: true },
    findings,
    notes,
    stats: { files, bytes, skipped: binary + [...tooLarge.values()].reduce((n, t) => n + t.count, 0), durationMs: Math.round(performance.now() - started) },
    internalErrors: runner.internalErrors + head.internalErrors,
    history: { commits, shallow, range },
  };
}

/** The engine's finalize, with secrets fingerprinted without their path (one credential, one finding). */
const historyFinisher: Finisher = (rule, input: Report, ctx) => {
  const f = finalize(rule, input, ctx);
  if (input.secret !== undefined) f.fingerprint = fingerprint(rule.id, '', secretIdentity(input.secret));
  return f;
};

function introducedEarlier(a: Occurrence, b: Occurrence): boolean {
  const sa = a.finding.suppressed ? 1 : 0;
  const sb = b.finding.suppressed ? 1 : 0;
  if (sa !== sb) return sa < sb;
  if (a.commit.sha === b.commit.sha) return false;
  if (a.commit.time !== b.commit.time) return a.commit.time < b.commit.time;
  return a.order > b.order;
}

/** The finding as reporters show it: at its introducing commit, saying whether HEAD still has it. */
function describeOrigin(o: Occurrence, stillPresent: boolean): Finding {
  const { finding: f, commit } = o;
  const where = stillPresent ? 'it is still present at HEAD' : 'it is no longer at HEAD but stays in the history';
  return {
    ...f,
    message: `${f.message} Introduced in commit ${commit.sha.slice(0, 12)} (${commit.date}); ${where}.`,
    properties: { ...(f.properties ?? {}), commit: commit.sha, commitDate: commit.date, stillPresent, additions: o.additions },
  };
}

/**
 * `stillPresent`: the same rules over HEAD's tree (every file as if one commit added it), fingerprinted the same
 * way; nothing when there is no HEAD (an empty repository).
 */
async function fingerprintsAtHead(base: string, rules: readonly AnyRule[], config: ScanConfig, maxFileSize: number, notes: Note[], tokens: TokenDetector): Promise<{ fingerprints: Set<string>; internalErrors: number }> {
  const out = new Set<string>();
  const head = await tryGit(base, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head) return { fingerprints: out, internalErrors: 0 };
  const runner = new RuleRunner(rules, notes, historyFinisher, tokens);
  const blobs = new BlobReader(base);
  const entries: { path: string; oid: string; size: number }[] = [];
  await streamLines(base, ['-c', 'core.quotepath=off', 'ls-tree', '-r', '-l', '--full-tree', 'HEAD'], 1 << 20, (line) => {
    const m = /^(\d+) blob ([0-9a-f]+) +(\d+)\t(.*)$/.exec(line);
    if (!m || m[1] === '120000') return;
    const path = unquotePath(m[4] ?? '');
    if (!config.isIgnored(path)) entries.push({ path, oid: m[2] ?? '', size: Number(m[3]) });
  });
  const wantsText = rules.some((r) => r.appliesTo.includes('text'));
  const wantsDotenv = rules.some((r) => r.appliesTo.includes('dotenv'));
  const files: RepoFile[] = [];
  try {
    // Keep a few MB of blobs in flight: one round trip per file would be slow, all at once too big.
    const inFlight: { path: string; result: ReturnType<BlobReader['read']> ; size: number }[] = [];
    let pendingBytes = 0;
    let next = 0;
    while (next < entries.length || inFlight.length) {
      while (next < entries.length && (inFlight.length === 0 || pendingBytes < 4 << 20)) {
        const e = entries[next++];
        if (!e) break;
        const kind = classify(e.path);
        files.push({ path: e.path, kind });
        if (e.size > maxFileSize || (!wantsText && !(wantsDotenv && kind === 'dotenv'))) continue;
        inFlight.push({ path: e.path, result: blobs.read(e.oid, maxFileSize), size: e.size });
        pendingBytes += e.size;
      }
      const cur = inFlight.shift();
      if (!cur) continue;
      pendingBytes -= cur.size;
      const blob = await cur.result;
      if (blob.kind !== 'ok' || blob.data.subarray(0, 8000).includes(0)) continue;
      const text = blob.data.toString('utf8');
      const kind = classify(cur.path);
      const ctx = new FileContext(cur.path, text, new Locator(cur.path, text));
      if (wantsText) await runner.run({ kind: 'text', file: cur.path, fileKind: kind, text }, () => ctx, EMPTY_PROJECT);
      if (kind === 'dotenv' && wantsDotenv) {
        const parsed = parseFile(cur.path, 'dotenv', text);
        if (parsed.ok) {
          const dctx = new FileContext(cur.path, text, parsed.locator);
          await runner.run(parsed.target, () => dctx, EMPTY_PROJECT);
        }
      }
      for (const f of runner.findings.splice(0)) out.add(f.fingerprint);
    }
  } finally {
    blobs.close();
  }
  await runner.run({ kind: 'repo', file: '.', git: true, files, history: { commit: head }, ignoredByRootGitignore: () => false }, repoFileContext, EMPTY_PROJECT);
  for (const f of runner.findings.splice(0)) out.add(f.fingerprint);
  return { fingerprints: out, internalErrors: runner.internalErrors };
}
