import type { Anchor, Location } from './location.js';
import type { Severity } from './severity.js';

/** A mechanical fix: replace the text at `anchor` with `text`. Must never contain a secret. */
export interface FixSpec {
  description: string;
  at: Anchor;
  replacement: string;
}

/** What a rule hands to `ctx.report()`, apart from its message. */
interface ReportBase {
  at: Anchor;
  /** Overrides the rule's default severity (escalations, port-specific impact). */
  severity?: Severity;
  /**
   * The raw secret value, when the finding is a secret. It feeds the fingerprint (as a salted hash) and the
   * redacted preview, and is scrubbed from every other field; it never leaves the engine.
   */
  secret?: string;
  /** Explicit identity for the fingerprint, when the structural path alone is not stable or not unique. */
  key?: string;
  fix?: FixSpec;
  /** Extra, non-secret facts for JSON/SARIF properties (e.g. the port, the service name). */
  properties?: Record<string, string | number | boolean>;
}

/**
 * What a rule hands to `ctx.report()`: the report descriptor, before the engine locates and fingerprints it. The
 * message is either written out (`message`: a rule with one message), or one of the rule's `messages` by id with
 * the values of its `{{placeholders}}` (`messageId` + `data`: a rule with several, as ESLint's `meta.messages`), so
 * a fixture can expect a message by id and rewording breaks no test. Never interpolate a secret value into either.
 */
export type Report<M extends string = string> = ReportBase &
  (
    | {
        /** What was found and where, in one or two sentences. */
        message: string;
        messageId?: undefined;
        data?: undefined;
      }
    | {
        message?: undefined;
        /** A key of the rule's `messages`. */
        messageId: M;
        /** Values of the message's `{{name}}` placeholders. */
        data?: Readonly<Record<string, string | number>>;
      }
  );

/** @deprecated The old name of `Report`, kept while branches that still say it are merged. */
export type ReportInput<M extends string = string> = Report<M>;

/** The SARIF `partialFingerprints` key Gatewarden owns (the fingerprint's version is its suffix). */
export const FINGERPRINT_KEY = 'gatewarden/v1';

/** A finding after post-processing: located, fingerprinted and redacted. This is all a reporter ever sees. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Which of the rule's `messages` the message is, when the rule reported one by id. Not written to any output. */
  messageId?: string;
  location: Location;
  /** Stable identity across runs; never derived from a raw secret. */
  fingerprint: string;
  /** `sk-a…(108 chars)` for secret findings. */
  redacted?: string;
  fix?: { description: string; location: Location; replacement: string };
  properties?: Record<string, string | number | boolean>;
  suppressed?: { kind: 'inline' | 'config' | 'baseline'; reason?: string };
}

/** Something the scan wants the user to know that is not a finding: a skipped file, an internal error. */
export interface Note {
  level: 'info' | 'warning' | 'error';
  /** Stable code, e.g. `skipped.too_large`, `skipped.binary`, `internal.rule_error`. */
  code: string;
  message: string;
  file?: string;
}
