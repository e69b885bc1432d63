/** CLI entry: argv → options → scan() → reporter → exit code (0 clean, 1 findings ≥ fail-on, 2 usage/internal error). */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { RULES } from '../rules/index.js';
import { exitCode, scanReport, scanRepository, sweepHistory } from './app/scan-repository.js';
import { BASELINE_FILE, buildBaseline } from './engine/postprocess/baseline.js';
import { parseSize } from './engine/read/read.js';
import type { ScanResult } from './engine/scan.js';
import { parseJobs } from './engine/threads/pool.js';
import { describeError, UsageError } from './model/errors.js';
import type { HistoryInfo } from './model/history.js';
import { FAIL_ON_VALUES, SEVERITIES, type FailOn } from './model/severity.js';
import { DEFAULT_MIN_SEVERITY, FORMATS, STREAMS, writeReport, type Format } from './report/index.js';
import { rulesTable } from './report/rules-table.js';
import { TOOL_NAME, TOOL_VERSION } from './model/version.js';

const USAGE = `${TOOL_NAME} ${TOOL_VERSION}: find OpenClaw self-hosting security mistakes in a repository.

Usage:
  gatewarden scan [PATH...] [options]     scan files and directories (default: .)
  gatewarden scan --history [PATH] [--since REV|--max-commits N] [--ref REF...]
                                        sweep the git history: what every commit added
  gatewarden baseline [PATH...] [options] write the current findings to a baseline file
  gatewarden rules [--format text|json|markdown]
                                        list every rule
  gatewarden org plan|scan|rollup ...     sweep an organisation (gatewarden org --help)

Options for scan:
  --format text|json|sarif|github|gitlab|junit|compact
                                        output format (default: text): gitlab is a GitLab Code Quality
                                        report, junit JUnit XML for Jenkins, compact one line a finding
  --output FILE                         write the report to FILE instead of stdout
  --fail-on critical|high|medium|low|info|never
                                        exit 1 when a finding is at or above this (default: high)
  --min-severity critical|high|medium|low|info
                                        list only findings at or above this; the rest are counted (default:
                                        low for text, github, junit and compact, info for json, sarif
                                        and gitlab); --fail-on
                                        still counts every finding
  --verbose                             text: each finding's full remediation
  --config FILE                         config file (default: .gatewarden.yml in the scanned directory)
  --baseline FILE                       hide findings recorded in this baseline (default:
                                        .gatewarden-baseline.json in the scanned directory, when there)
  --show-suppressed                     list suppressed findings too (text and json)
  --category ID                         SARIF automationDetails category (default: gatewarden/, or
                                        gatewarden-history/ with --history)
  --max-file-size SIZE                  skip larger files (default: 5MB)
  --jobs N|auto                         threads for reading plain files and running the text rules
                                        (default auto: 2 from 10,000 plain files, else 1; docs/performance.md)
  --history                             scan every commit reachable from the refs (default: all) instead of
                                        the files; one finding per secret, at the commit that introduced it
  --since REV                           with --history: only commits not reachable from REV
  --max-commits N                       with --history: at most N commits, newest first
  --ref REF                             with --history: sweep these refs instead of all (repeatable)
  --no-color                            plain text output (also NO_COLOR=1)

Environment:
  GATEWARDEN_ISOLATE_MIN_FILES=N|off      run scans of N files or more in a worker with a small young generation
                                        (default: 6000 on Node 22+ with a heap limit of 2 GB or more; else off)
  GATEWARDEN_DEBUG=1                      say where the scan ran; print stack traces of internal errors

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or internal error.
`;

const OPTIONS = {
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  baseline: { type: 'string' },
  'show-suppressed': { type: 'boolean' },
  'min-severity': { type: 'string' },
  verbose: { type: 'boolean' },
  category: { type: 'string' },
  'max-file-size': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'no-color': { type: 'boolean' },
  history: { type: 'boolean' },
  since: { type: 'string' },
  'max-commits': { type: 'string' },
  ref: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function useColor(noColorFlag: boolean | undefined, toFile: boolean): boolean {
  if (noColorFlag || toFile || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

function progress(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 100 && done !== total) return;
    last = now;
    process.stderr.write(done === total ? '\r\x1b[K' : total === Infinity ? `\r\x1b[Kscanning history: ${done} commits` : `\r\x1b[Kscanning ${done}/${total} files`);
  };
}

function jobsOf(value: string | undefined): number | 'auto' {
  const jobs = parseJobs(value ?? 'auto');
  if (jobs === undefined) throw new UsageError(`--jobs must be auto or a whole number from 1 to 64 (got "${value}")`);
  return jobs;
}

export async function main(argv: readonly string[]): Promise<number> {
  // The org sweep has its own subcommands and flags (src/org/cli.ts).
  if (argv[0] === 'org') return (await import('./org/cli.js')).orgMain(argv.slice(1));
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  if (values.version) {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }

  if (command === 'rules') {
    const format = oneOf('format', values.format, ['text', 'json', 'markdown'] as const, 'text');
    await writeReport([rulesTable(RULES, format)], values.output);
    return 0;
  }
  if (command !== 'scan' && command !== 'baseline') throw new UsageError(`unknown command "${command}" (expected scan, baseline or rules)`);

  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = parseSize(values['max-file-size']);
    if (!maxFileSize) throw new UsageError(`--max-file-size must be a size such as 5MB (got "${values['max-file-size']}")`);
  }
  const jobs = jobsOf(values.jobs);
  if (!values.history && (values.since !== undefined || values['max-commits'] !== undefined || values.ref)) throw new UsageError('--since, --max-commits and --ref need --history');
  const common = {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values.baseline && command === 'scan' ? { baselineFile: values.baseline } : {}),
    // The baseline command records every finding: the baseline it may be rewriting must not hide them.
    ...(command === 'baseline' ? { noBaseline: true } : {}),
    ...(maxFileSize ? { maxFileSize } : {}),
  };
  let history: HistoryInfo | undefined;
  let result: ScanResult;
  if (values.history) {
    if (paths.length > 1) throw new UsageError('--history takes one repository directory');
    let maxCommits: number | undefined;
    if (values['max-commits'] !== undefined) {
      maxCommits = Number(values['max-commits']);
      if (!Number.isInteger(maxCommits) || maxCommits < 1) throw new UsageError(`--max-commits must be a positive whole number (got "${values['max-commits']}")`);
    }
    const show = progress();
    ({ history, ...result } = await sweepHistory({
      ...common,
      path: paths[0] ?? '.',
      ...(values.ref ? { refs: values.ref } : {}),
      ...(values.since !== undefined ? { since: values.since } : {}),
      ...(maxCommits !== undefined ? { maxCommits } : {}),
      ...(show ? { onProgress: (n: number) => show(n, Infinity) } : {}),
    }));
    if (show) show(1, 1);
  } else {
    const show = progress();
    result = await scanRepository({ ...common, paths: paths.length ? paths : ['.'], jobs, ...(show ? { onProgress: show } : {}) });
  }

  if (command === 'baseline') {
    const file = values.output ?? BASELINE_FILE;
    const baseline = buildBaseline(result.findings);
    await writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`);
    process.stderr.write(`wrote ${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'} to ${file}\n`);
    return result.internalErrors ? 2 : 0;
  }

  const format: Format = oneOf('format', values.format, FORMATS, 'text');
  const failOn: FailOn = oneOf('fail-on', values['fail-on'], FAIL_ON_VALUES, 'high');
  const minSeverity = oneOf('min-severity', values['min-severity'], SEVERITIES, DEFAULT_MIN_SEVERITY[format]);
  const report = STREAMS[format](
    scanReport({ ...result, ...(history ? { history } : {}) }),
    {
      showSuppressed: Boolean(values['show-suppressed']),
      minSeverity,
      verbose: Boolean(values.verbose),
      // A sweep is its own SARIF category, so it neither closes nor duplicates the work-tree scan's alerts.
      category: values.category ?? (history ? 'gatewarden-history/' : 'gatewarden/'),
      color: format === 'text' && useColor(values['no-color'], Boolean(values.output)),
    },
  );
  // Set before the report is written: a reader that goes away mid-report (`| head`) ends the process through the
  // EPIPE handler below, which must still exit 1 when there are findings at or above --fail-on.
  const code = exitCode(result, failOn);
  process.exitCode = code;
  await writeReport(report, values.output);
  return code;
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const isUsage = err instanceof UsageError || (err as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS');
    process.stderr.write(`gatewarden: ${isUsage ? (err as Error).message : describeError(err)}\n`);
    if (!isUsage && process.env.GATEWARDEN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  },
);
