/**
 * Reports are produced in pieces and written as they come: a large SARIF built whole (every result object, then
 * one string) would raise the scan's peak memory at its very end (docs/performance.md#streamed-reports). A
 * reporter is a generator of chunks; `render` joins them for callers that want the text (tests, the org sweep),
 * `writeReport` writes them to a file or stdout.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../model/errors.js';

/**
 * `JSON.stringify(skeleton, null, 2)` with `items` in place of the array at one key, byte for byte, produced one
 * item at a time. `place(marker)` puts the marker where the array goes (e.g. `{ ...run, results: marker }`).
 * The marker is a string no input can contain (a fresh UUID between NULs), so the one place it occurs in the
 * skeleton's text is that key's value.
 */
export function* jsonWithArray(place: (marker: string) => unknown, items: Iterable<unknown>): Generator<string> {
  const marker = `\u0000${randomUUID()}\u0000`;
  const text = JSON.stringify(place(marker), null, 2);
  const quoted = JSON.stringify(marker);
  const at = text.indexOf(quoted);
  if (at < 0) throw new Error('jsonWithArray: the skeleton does not hold the marker');
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = ' '.repeat(text.slice(lineStart).search(/[^ ]/));
  const pad = `${indent}  `;
  yield `${text.slice(0, at)}[`;
  let first = true;
  for (const item of items) {
    // JSON.stringify escapes newlines inside strings, so every raw newline here is the pretty-printer's own.
    yield `${first ? '\n' : ',\n'}${pad}${(JSON.stringify(item, null, 2) ?? 'null').replaceAll('\n', `\n${pad}`)}`;
    first = false;
  }
  yield `${first ? '' : `\n${indent}`}]${text.slice(at + quoted.length)}`;
}

const BATCH = 64 * 1024;

/**
 * Writes a report's chunks to `file` or, without one, to stdout, in batches of ~64 KB.
 *
 * A file is written whole or not at all: the chunks go to a temporary file beside it, renamed over `file` once
 * the last one is written. A report that fails half-way (a full disk, a fault while producing it) would otherwise
 * leave a truncated SARIF that a workflow's `if: always()` upload step sends to code scanning. A path that exists
 * and is not a regular file (`/dev/stdout`, a FIFO, a symbolic link) is written in place: renaming over it would
 * replace it.
 *
 * Stdout may be a pipe to a slower reader: each batch waits for the previous one to drain, so the report is
 * never buffered whole in the stream either.
 */
export async function writeReport(chunks: Iterable<string>, file?: string): Promise<void> {
  if (file === undefined) {
    for (const batch of batches(chunks)) if (!process.stdout.write(batch)) await once(process.stdout, 'drain');
    return;
  }
  const inPlace = isSpecial(file);
  const dest = inPlace ? file : path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(dest, 'w');
  } catch (err) {
    // A missing folder or a read-only path is the caller's to fix, not a fault of the scan.
    throw new UsageError(`cannot write the report to ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    try {
      for (const batch of batches(chunks)) {
        const buf = Buffer.from(batch, 'utf8');
        for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
      }
    } finally {
      closeSync(fd);
    }
    if (!inPlace) renameSync(dest, file);
  } catch (err) {
    if (!inPlace) rmSync(dest, { force: true });
    throw err;
  }
}

/** Whether `file` exists as something other than a regular file (lstat: a symbolic link counts as special). */
function isSpecial(file: string): boolean {
  try {
    return !lstatSync(file).isFile();
  } catch {
    return false;
  }
}

function* batches(chunks: Iterable<string>): Generator<string> {
  let pending = '';
  for (const c of chunks) {
    pending += c;
    if (pending.length >= BATCH) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}
