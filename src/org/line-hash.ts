/**
 * `partialFingerprints.primaryLocationLineHash`, computed the way github/codeql-action's upload step computes it
 * (its src/fingerprints.ts), so that alerts uploaded by the org sweep through the REST endpoint (which computes
 * nothing) and alerts uploaded by `upload-sarif` in pull-request and push runs get the same fingerprint and
 * de-duplicate. This is an independent implementation of the published algorithm:
 *
 * - The file is read as UTF-8 and walked one UTF-16 code unit at a time (what `String#charCodeAt` yields).
 * - Spaces and tabs are skipped entirely. CR, LF and CRLF all count as one LF.
 * - Every line (1-based) gets the polynomial rolling hash, base 37, modulo 2^64, of the 100 characters that
 *   follow its first non-skipped character (the line's own characters, its LF and the lines after it). After
 *   the last character a sentinel 0xFFFF is hashed, then zeros pad the window so the last lines have 100.
 *   A file that ends with a newline therefore has one more (empty) line, hashed over the sentinel.
 * - The value is the unsigned 64-bit hash in lower-case hex without leading zeros, then `:` and how many times
 *   that hash has been seen so far in the file (1 for the first occurrence).
 *
 * Which lines get a value follows the upload step too (see `addLineHashes`): the result's first location, its
 * region's `startLine`; a result with no region, or a file that is not inside the checkout, gets none.
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Log } from 'sarif';

const WINDOW = 100;
const BASE = 37n;
const MASK = (1n << 64n) - 1n;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const END = 0xffff;

/** 37^100 mod 2^64: the weight of the character leaving the window. */
const OUTGOING_WEIGHT = (() => {
  let w = 1n;
  for (let i = 0; i < WINDOW; i++) w = (w * BASE) & MASK;
  return w;
})();

/** Calls `emit(line, hash)` for every line of `text`, in line order. */
export function hashLines(text: string, emit: (line: number, hash: string) => void): void {
  const window = new Array<number>(WINDOW).fill(0);
  // For each window slot: the line that starts at the character in it, or 0.
  const startsLine = new Array<number>(WINDOW).fill(0);
  const seen = new Map<string, number>();
  let hash = 0n;
  let slot = 0;
  let line = 0;
  let atLineStart = true;
  let afterCR = false;

  const flush = () => {
    const hex = hash.toString(16);
    const n = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, n);
    emit(startsLine[slot] as number, `${hex}:${n}`);
    startsLine[slot] = 0;
  };
  const push = (c: number) => {
    const leaving = window[slot] as number;
    window[slot] = c;
    hash = (hash * BASE + BigInt(c) - OUTGOING_WEIGHT * BigInt(leaving)) & MASK;
    slot = (slot + 1) % WINDOW;
  };
  const take = (code: number) => {
    if (code === SPACE || code === TAB || (afterCR && code === LF)) {
      afterCR = false;
      return;
    }
    let c = code;
    afterCR = c === CR;
    if (afterCR) c = LF;
    // The slot about to be overwritten held the first character of a line 100 characters ago: its hash is done.
    if (startsLine[slot] !== 0) flush();
    if (atLineStart) {
      atLineStart = false;
      startsLine[slot] = ++line;
    }
    if (c === LF) atLineStart = true;
    push(c);
  };

  for (let i = 0; i < text.length; i++) take(text.charCodeAt(i));
  take(END);
  for (let i = 0; i < WINDOW; i++) {
    if (startsLine[slot] !== 0) flush();
    push(0);
  }
}

/** Every line's hash, by 1-based line number. */
export function lineHashes(text: string): Map<number, string> {
  const out = new Map<number, string>();
  hashLines(text, (line, hash) => out.set(line, hash));
  return out;
}

export interface LineHashReport {
  /** Results that received a `primaryLocationLineHash`. */
  added: number;
  /** Results that already had one (kept, as the upload step keeps it). */
  kept: number;
  /** Results that get none: no region, a file outside the checkout or missing, a line past the end. */
  without: number;
}

/**
 * Adds `primaryLocationLineHash` to every result of `log` whose first location is a line in a file of the
 * checkout at `root`, in place. URIs are decoded (`decodeURIComponent`), a `file://` prefix is removed, other
 * schemes are skipped, relative paths are taken relative to `root`. Unlike the upload step, a path that climbs
 * out of `root` and a symbolic link are refused (the sweep reads untrusted repositories; the engine never
 * reports inside a symlink, and GitHub does not display results in symlinked files).
 */
export async function addLineHashes(log: Log, root: string): Promise<LineHashReport> {
  const report: LineHashReport = { added: 0, kept: 0, without: 0 };
  const absRoot = await realpath(path.resolve(root));
  const byFile = new Map<string, { line: number; set: (hash: string) => void }[]>();
  for (const run of log.runs) {
    const artifacts = run.artifacts ?? [];
    for (const result of run.results ?? []) {
      const physical = result.locations?.[0]?.physicalLocation;
      const line = physical?.region?.startLine;
      let artifact = physical?.artifactLocation;
      if (artifact && artifact.uri === undefined && artifact.index !== undefined) artifact = artifacts[artifact.index]?.location;
      const file = line === undefined || !artifact ? undefined : await resolveInRoot(artifact.uri, absRoot);
      if (!file || line === undefined) {
        report.without++;
        continue;
      }
      if (result.partialFingerprints?.primaryLocationLineHash) {
        report.kept++;
        continue;
      }
      const list = byFile.get(file) ?? [];
      list.push({
        line,
        set: (hash) => {
          result.partialFingerprints = { ...result.partialFingerprints, primaryLocationLineHash: hash };
          report.added++;
        },
      });
      byFile.set(file, list);
    }
  }
  for (const [file, wanted] of byFile) {
    // Buffer#toString('utf8') decodes as the upload step's UTF-8 stream does: a BOM is kept as a character and
    // invalid bytes become U+FFFD.
    const hashes = lineHashes((await readFile(file)).toString('utf8'));
    for (const w of wanted) {
      const h = hashes.get(w.line);
      if (h) w.set(h);
      else report.without++;
    }
  }
  return report;
}

async function resolveInRoot(uri: string | undefined, root: string): Promise<string | undefined> {
  if (typeof uri !== 'string') return undefined;
  let p: string;
  try {
    p = decodeURIComponent(uri);
  } catch {
    return undefined;
  }
  if (p.startsWith('file://')) p = p.slice('file://'.length);
  if (p.includes('://')) return undefined;
  const abs = path.isAbsolute(p) ? path.normalize(p) : path.resolve(root, p);
  if (!abs.startsWith(`${root}${path.sep}`)) return undefined;
  try {
    if (!(await lstat(abs)).isFile()) return undefined;
    // A symlinked directory on the way would lead elsewhere.
    const real = await realpath(abs);
    return real.startsWith(`${root}${path.sep}`) ? real : undefined;
  } catch {
    return undefined;
  }
}
