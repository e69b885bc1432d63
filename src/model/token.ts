/**
 * Token rules as data (gitleaks' rules carry theirs the same way): a rule with a `token` spec is found by the
 * engine's one token detector per scan (src/engine/check/tokens.ts), which runs every spec over a file in one
 * keyword pass and hands each rule its own matches through `ctx.tokens`. The spec says what a token of the type looks
 * like, how to tell it from an example, and carries samples that test/token-catalogue.test.ts checks.
 *
 * Patterns must be linear-time: a fixed prefix or a bounded class, bounded quantifiers, no nested repetition.
 */

/** Which secretlint rule (of the recommended preset) and which of its message ids serve a token spec. */
export interface SecretlintRoute {
  rule: string;
  messageIds: readonly string[];
  options?: Record<string, unknown>;
}

/**
 * Random-looking characters for samples, drawn from a seeded generator at test time: sample bodies are never
 * written out in the source (this repository scans itself, and GitHub's push protection reads it).
 */
export interface SampleRandom {
  /** `n` characters of `[A-Za-z0-9]`. */
  alnum(n: number): string;
  /** `n` lower-case hex digits. */
  hex(n: number): string;
  /** `n` characters of `alphabet`. */
  of(alphabet: string, n: number): string;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
}

/** A sample: literal text, or text built from seeded random characters. */
export type TokenSample = string | ((r: SampleRandom) => string);

export interface TokenSpec {
  /** What was found, for messages: "Anthropic API key". */
  describe: string;
  /** What to do, one short clause for messages: "revoke it in the Anthropic Console". */
  action: string;
  /** Case-sensitive literals; a token of this kind always contains one. Empty: the pattern always runs. */
  keywords: readonly string[];
  /** Global regex; the token is group `secret` or the whole match. Absent for secretlint-served and `find` specs. */
  pattern?: RegExp;
  /**
   * A structural finder instead of a pattern (private keys: src/lib/private-keys.ts). What it returns is material
   * by structure: no placeholder filter runs on it (an OpenSSH key body always holds `AAAAAAAAAAAB`).
   */
  find?: (text: string) => readonly { start: number; end: number }[];
  /** For `find` specs: whether decoded binary content (a base64 value) is the material (PKCS#12, JKS); its secret. */
  findInBinary?: (bytes: Uint8Array) => string | undefined;
  /** How many characters before a keyword hit a token may start (keyword in the middle, e.g. OpenAI `T3BlbkFJ`). */
  lookbehind?: number;
  /**
   * For a token type with no prefix of its own (a UUID, a bare base64 string): the keywords are names
   * (`EXA_API_KEY`, `channelAccessToken`), and a token counts only when it starts at most this many characters after
   * one of them, on its line or in the Terraform `variable` block it names. An encoded value counts when it starts
   * that near a keyword of the text it is written in.
   */
  near?: number;
  /** Minimum Shannon entropy of the secret (gitleaks' per-rule `entropy`); below it the token is an example. */
  minEntropy?: number;
  /** Extra shape check on the secret (checksums, decoded structure). */
  accept?: (secret: string) => boolean;
  /** Served by secretlint's rule instead of `pattern` (docs/secrets-engines.md says why). */
  secretlint?: SecretlintRoute;
  /**
   * Texts this rule must find (`true`: each holds exactly one token, found by this rule and no other) and must not
   * (`false`: examples, truncated or wrong-shaped values), checked by test/token-catalogue.test.ts.
   */
  samples: { true: readonly TokenSample[]; false: readonly TokenSample[] };
}

export interface TokenMatch {
  /** The id of the rule whose spec matched. */
  rule: string;
  spec: TokenSpec;
  /** The span in the scanned text: for an encoded secret, the whole encoded value. */
  start: number;
  end: number;
  /** Found in the decoded content of an encoded value (`start`/`end` are the encoded value's). */
  encoded?: 'base64' | 'hex';
  secret: string;
}

/**
 * What a rule sees of the scan's token detector on the target it checks (`ctx.tokens`). `all` and `own` are the
 * tokens of the target's text, found before the rules ran; a rule that reads them (or `holds`) on a target other
 * than `text` declares `usesTokens` (the engine then finds them for that target too).
 */
export interface FileTokens {
  /** Every token in the target's text, filtered and de-overlapped, in text order. */
  readonly all: readonly TokenMatch[];
  /** The matches of the rule being run (a token rule's own). */
  readonly own: readonly TokenMatch[];
  /**
   * Whether `value` carries a provider's marker (`sk-ant-api03-`, `ghp_`, `xoxb-`, …), valid token or not (a
   * truncated or wrong-suffix example). The generic and OpenClaw rules leave such values alone.
   */
  mentionsKeyword(value: string): boolean;
  /**
   * Whether any token of any spec lies inside `value` (a value of the target's text), including one the file's scan
   * placed by its name (`near` specs) whose name is outside the value.
   */
  holds(value: string): boolean;
}
