/** The audit's severities (warn / critical / info) in Gatewarden's scale, for the OpenClaw config rules. */
import type { Severity } from '../../../src/model/severity.js';

/** The audit's warn / critical / info, in Gatewarden's scale. */
export const WARN: Severity = 'medium';

export const CRITICAL: Severity = 'critical';

export const INFO: Severity = 'info';
