/** Baseline files: known findings, hidden by fingerprint. Written by `gatewarden baseline`, read with `--baseline`. */
import { lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../../model/finding.js';
import { UsageError } from '../../model/errors.js';

export const BASELINE_VERSION = 1;

/** The name `gatewarden baseline` writes by default, and a scan picks up at the scanned directory without `--baseline`. */
export const BASELINE_FILE = '.gatewarden-baseline.json';

/**
 * `.gatewarden-baseline.json` in `dir` when it is a regular file there (a symbolic link is not followed, as
 * nowhere else in a scan), else undefined.
 */
export function defaultBaseline(dir: string): string | undefined {
  const file = path.join(dir, BASELINE_FILE);
  try {
    return lstatSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

export interface BaselineFile {
  version: number;
  tool: 'gatewarden';
  /** One entry per finding; `ruleId` and `file` are there for people reading the file. */
  findings: { fingerprint: string; ruleId: string; file: string }[];
}

export function buildBaseline(findings: readonly Finding[]): BaselineFile {
  const entries = findings
    .filter((f) => !f.suppressed)
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.location.file }))
    .sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  return { version: BASELINE_VERSION, tool: 'gatewarden', findings: entries };
}

export async function loadBaseline(file: string): Promise<Set<string>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read baseline ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  const b = raw as Partial<BaselineFile>;
  if (b?.tool !== 'gatewarden' || !Array.isArray(b.findings)) throw new UsageError(`${file} is not a Gatewarden baseline (write one with \`gatewarden baseline\`)`);
  if (b.version !== BASELINE_VERSION) throw new UsageError(`${file}: baseline version ${String(b.version)} is not supported (expected ${BASELINE_VERSION})`);
  return new Set(b.findings.map((f) => f.fingerprint).filter((x): x is string => typeof x === 'string'));
}
