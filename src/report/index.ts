import { compactReport } from './compact.js';
import { githubReport } from './github.js';
import { gitlabReport } from './gitlab.js';
import { junitReport } from './junit.js';
import { jsonReport } from './json.js';
import { sarifReport } from './sarif.js';
import { textReport } from './text.js';
import { render, type Reporter, type ReportStream } from './types.js';
import type { Severity } from '../model/severity.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit', 'compact'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * The reporting floor of each format when none is given: what people read (text, annotations) leaves out info
 * notes, what tools read keeps every finding (they filter themselves; code scanning shows info as notes).
 */
export const DEFAULT_MIN_SEVERITY: Record<Format, Severity> = {
  text: 'low',
  json: 'info',
  sarif: 'info',
  github: 'low',
  gitlab: 'info',
  // A failed test case per file: an info note failing a test in Jenkins is noise.
  junit: 'low',
  compact: 'low',
};

/** Each format as chunks, for writing (report/stream.ts `writeReport`). */
export const STREAMS: Record<Format, ReportStream> = {
  text: textReport,
  json: jsonReport,
  sarif: sarifReport,
  github: githubReport,
  gitlab: gitlabReport,
  junit: junitReport,
  compact: compactReport,
};
/** Each format as one text. */
export const REPORTERS = Object.fromEntries(FORMATS.map((f) => [f, render(STREAMS[f])])) as Record<Format, Reporter>;

export { writeReport } from './stream.js';
export type { FormatOptions, Reporter, ReportStream, ScanReport } from './types.js';
