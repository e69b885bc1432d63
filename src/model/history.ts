/** What the reporters say about a history sweep (`scan --history`) itself. */
export interface HistoryInfo {
  commits: number;
  /** The repository is a shallow clone: older history was not there to scan. */
  shallow: boolean;
  /** `--all`, or the refs given (with `^since`). */
  range: string;
}
