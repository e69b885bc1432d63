/** A repository file read outside the per-file stage (an OpenClaw `$include`, the root .gitignore). */
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decode } from './read.js';

/** Reads by relative path from `blobs` when the scan is of a commit's contents, else from disk under `base`. */
export function repoFileReader(base: string, blobs?: { files: ReadonlyMap<string, Buffer> }): (rel: string) => string | undefined {
  if (!blobs) return (rel) => readFromDisk(base, rel);
  return (rel) => {
    const bytes = blobs.files.get(rel);
    const read = bytes ? decode(bytes, rel) : undefined;
    return read?.ok ? read.text : undefined;
  };
}

/** A file of the scanned tree by its relative path, never outside it and never through a symbolic link. */
function readFromDisk(base: string, rel: string): string | undefined {
  try {
    const abs = path.join(base, rel);
    if (!abs.startsWith(base + path.sep) || lstatSync(abs).isSymbolicLink()) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
