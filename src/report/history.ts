/** What to do about a secret in git history: printed once by the text report and the job summary of a sweep. */
export const HISTORY_REMEDIATION: readonly string[] = [
  'Revoke or rotate every secret first. Removing it from git does not un-leak it: every clone, fork and cache already has it.',
  'Then rewrite the history with git filter-repo (`git filter-repo --replace-text <expressions-file>` for a value, `git filter-repo --invert-paths --path <file>` for a file), and force-push every branch and tag.',
  'A force push does not remove the commits from existing forks, clones, pull-request refs or caches (GitHub keeps them until its support purges them): only rotation makes the secret harmless.',
];
