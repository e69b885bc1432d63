/** The error taxonomy. User-facing text for bad input lives here; every such error means exit code 2. */

/** Bad input from the user: a flag, a config file, a baseline, a path. One clear line, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function describeError(err: unknown): string {
  if (err instanceof UsageError) return err.message;
  if (err instanceof Error) return `internal error: ${err.message}`;
  return `internal error: ${String(err)}`;
}
