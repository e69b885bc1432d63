import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { sarifReporter } from './sarif.js';
import { textReporter } from './text.js';
import type { Reporter } from './types.js';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export const REPORTERS: Record<Format, Reporter> = { text: textReporter, json: jsonReporter, sarif: sarifReporter, github: githubReporter };

export type { ReportInput, Reporter } from './types.js';
