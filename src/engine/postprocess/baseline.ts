/** Baseline files: known findings, hidden by fingerprint. Written by `gatewarden baseline`, read with `--baseline`. */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../model/finding.js';
import { UsageError } from '../../model/errors.js';
import { PolicyFileError, readPolicyFile } from '../config.js';

/** A baseline holds one short entry per finding: 64 MB is hundreds of thousands of them. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

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
  let text: string;
  try {
    text = await readPolicyFile(file, 'baseline', MAX_BASELINE_BYTES);
  } catch (e) {
    if (e instanceof PolicyFileError) throw new UsageError(e.reason === 'missing' ? `cannot read baseline ${file}: ENOENT` : e.message);
    throw e;
  }
  return parseBaseline(text, file);
}

/**
 * The fingerprints of a baseline's text. Errors name the file and never quote its content (JSON.parse's message
 * does: a baseline that is some other file must not print its first characters).
 */
export function parseBaseline(text: string, file: string): Set<string> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`cannot read baseline ${file}: not valid JSON`);
  }
  const b = raw as Partial<BaselineFile>;
  if (b?.tool !== 'gatewarden' || !Array.isArray(b.findings)) throw new UsageError(`${file} is not a Gatewarden baseline (write one with \`gatewarden baseline\`)`);
  if (b.version !== BASELINE_VERSION) throw new UsageError(`${file}: baseline version ${String(b.version)} is not supported (expected ${BASELINE_VERSION})`);
  return new Set(b.findings.map((f) => f?.fingerprint).filter((x): x is string => typeof x === 'string'));
}
