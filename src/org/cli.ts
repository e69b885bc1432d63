/**
 * `gatewarden org plan | scan | rollup`: the org sweep's three steps, each a job of the reusable workflow
 * (.github/workflows/org-sweep.yml). Kept apart from the scan command's options: src/cli.ts hands `org …`
 * over before parsing its own flags. The token is read from the environment (GATEWARDEN_TOKEN, else
 * GITHUB_TOKEN), never from a flag, so it never shows in a process list or a log.
 */
import { appendFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RULES } from '../../rules/index.js';
import { UsageError } from '../model/errors.js';
import { createOctokit, type GitHubLog } from '../github/octokit.js';
import { DEFAULT_FILTERS, DEFAULT_LIMITS, parsePushedSince, planOrg, TRISTATE, VISIBILITIES, type Plan, type RepoFilters, type Tristate, type Visibility } from './plan.js';
import { isJobReport, renderMarkdown, rollup } from './rollup.js';
import { sweepJob, type JobReport } from './sweep.js';

export const ORG_USAGE = `Usage:
  gatewarden org plan --org NAME [filters] [--repos-per-job N] [--output FILE] [--batch N] [--github-output]
      List the organisation's repositories and cut them into matrix batches (≤ 256 jobs, ≤ 1 MB each).
      Filters: --archived include|exclude|only (default exclude)   --forks include|exclude|only (default exclude)
               --visibility public,private,internal   --topic T (repeatable; any of)
               --pushed-since 2026-01-31|90d   --include GLOB / --exclude GLOB (repeatable; on the repository name)
      Without --output the plan JSON goes to stdout; with --batch N, only that batch's matrix does.
      --github-output writes count, batches, matrix (of --batch, default 0) and has-jobs to $GITHUB_OUTPUT.
  gatewarden org scan --repos "owner/a owner/b" [--job ID] [--output FILE] [--category ID] [--no-upload] [--depth N] [--wait S]
      Clone (--depth commits, default 1; 0 = whole history), scan and upload SARIF for each repository;
      a failing repository is recorded, never fatal. --wait polls each upload's processing for up to S seconds.
  gatewarden org rollup [FILE|DIR...] [--json FILE] [--markdown FILE] [--github-summary]
      Merge job reports into the org report (JSON) and a Markdown summary.

Environment: GATEWARDEN_TOKEN or GITHUB_TOKEN (a GitHub App installation token: contents read, security events
write), GITHUB_API_URL (default https://api.github.com), GITHUB_SERVER_URL (default https://github.com).
`;

export const ORG_OPTIONS = {
  org: { type: 'string' },
  archived: { type: 'string' },
  forks: { type: 'string' },
  visibility: { type: 'string' },
  topic: { type: 'string', multiple: true },
  'pushed-since': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'repos-per-job': { type: 'string' },
  'max-jobs': { type: 'string' },
  batch: { type: 'string' },
  'github-output': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  repos: { type: 'string' },
  job: { type: 'string' },
  category: { type: 'string' },
  'no-upload': { type: 'boolean' },
  depth: { type: 'string' },
  wait: { type: 'string' },
  json: { type: 'string' },
  markdown: { type: 'string' },
  'github-summary': { type: 'boolean' },
  'api-url': { type: 'string' },
  'git-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface OrgIo {
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const DEFAULT_IO: OrgIo = { env: process.env, stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

function tristate(name: string, v: string | undefined, fallback: Tristate): Tristate {
  if (v === undefined) return fallback;
  if (!(TRISTATE as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${TRISTATE.join(', ')} (got "${v}")`);
  return v as Tristate;
}

function positiveInt(name: string, v: string | undefined, fallback: number, max = Infinity): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be an integer from 1 to ${max} (got "${v}")`);
  return n;
}

function stderrLog(io: OrgIo): GitHubLog {
  return { debug() {}, info() {}, warn: (m) => io.stderr(`gatewarden: ${m}\n`), error: (m) => io.stderr(`gatewarden: ${m}\n`) };
}

/** GitHub's multi-line output syntax, with a delimiter that cannot occur in the value. */
function outputBlock(name: string, value: string): string {
  let delim = 'GATEWARDEN_EOF';
  while (value.includes(delim)) delim += '_';
  return `${name}<<${delim}\n${value}\n${delim}\n`;
}

export async function orgMain(argv: readonly string[], io: OrgIo = DEFAULT_IO): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options: ORG_OPTIONS, allowPositionals: true, strict: true });
  const [sub, ...rest] = positionals;
  if (values.help || !sub) {
    io.stdout(ORG_USAGE);
    return sub || values.help ? 0 : 2;
  }
  const token = io.env.GATEWARDEN_TOKEN || io.env.GITHUB_TOKEN || undefined;
  const apiUrl = values['api-url'] ?? io.env.GITHUB_API_URL ?? 'https://api.github.com';
  const octokit = () => createOctokit({ purpose: 'org-sweep', ...(token ? { token } : {}), baseUrl: apiUrl, log: stderrLog(io) });

  if (sub === 'plan') {
    if (!values.org) throw new UsageError('org plan needs --org NAME');
    let visibility: Visibility[] = [];
    if (values.visibility) {
      visibility = values.visibility.split(',').map((v) => v.trim()) as Visibility[];
      const bad = visibility.find((v) => !(VISIBILITIES as readonly string[]).includes(v));
      if (bad !== undefined) throw new UsageError(`--visibility takes ${VISIBILITIES.join(', ')} (got "${bad}")`);
    }
    let pushedSince: Date | undefined;
    if (values['pushed-since'] !== undefined) {
      pushedSince = parsePushedSince(values['pushed-since']);
      if (!pushedSince) throw new UsageError(`--pushed-since must be a date (2026-01-31) or a number of days (90d) (got "${values['pushed-since']}")`);
    }
    const filters: RepoFilters = {
      ...DEFAULT_FILTERS,
      archived: tristate('archived', values.archived, DEFAULT_FILTERS.archived),
      forks: tristate('forks', values.forks, DEFAULT_FILTERS.forks),
      visibility,
      topics: values.topic ?? [],
      include: values.include ?? [],
      exclude: values.exclude ?? [],
      ...(pushedSince ? { pushedSince } : {}),
    };
    const limits = {
      ...DEFAULT_LIMITS,
      reposPerJob: positiveInt('repos-per-job', values['repos-per-job'], DEFAULT_LIMITS.reposPerJob),
      maxJobs: positiveInt('max-jobs', values['max-jobs'], DEFAULT_LIMITS.maxJobs, 256),
    };
    const batchIndex = values.batch === undefined ? undefined : Number(values.batch);
    if (batchIndex !== undefined && !(Number.isInteger(batchIndex) && batchIndex >= 0)) throw new UsageError(`--batch must be 0 or more (got "${values.batch}")`);
    if (values['github-output'] && !io.env.GITHUB_OUTPUT) throw new UsageError('--github-output needs the GITHUB_OUTPUT environment variable (set inside GitHub Actions)');
    const plan: Plan = await planOrg(octokit(), values.org, filters, limits);
    io.stderr(`gatewarden: ${plan.total} repositories to sweep (${plan.skipped.length} filtered out) in ${plan.batches.length} batch(es)\n`);
    if (values.output) await writeFile(values.output, `${JSON.stringify(plan, null, 2)}\n`);
    const batch = plan.batches[batchIndex ?? 0];
    if (values['github-output']) {
      const file = io.env.GITHUB_OUTPUT as string;
      const matrix = JSON.stringify(batch?.matrix ?? { include: [] });
      await appendFile(
        file,
        outputBlock('count', String(plan.total)) +
          outputBlock('batches', JSON.stringify(plan.batches.map((b) => b.index))) +
          outputBlock('has-jobs', String(Boolean(batch?.matrix.include.length))) +
          outputBlock('matrix', matrix),
      );
    }
    if (batchIndex !== undefined) io.stdout(`${JSON.stringify(batch?.matrix ?? { include: [] })}\n`);
    else if (!values.output) io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
    return 0;
  }

  if (sub === 'scan') {
    const repos = (values.repos ?? rest.join(' ')).split(/[\s,]+/).filter(Boolean);
    if (!repos.length) throw new UsageError('org scan needs --repos "owner/a owner/b"');
    const upload = !values['no-upload'];
    let waitMs = 0;
    if (values.wait !== undefined) {
      waitMs = Number(values.wait) * 1000;
      if (!Number.isFinite(waitMs) || waitMs < 0) throw new UsageError(`--wait must be a number of seconds (got "${values.wait}")`);
    }
    let depth = 1;
    if (values.depth !== undefined) {
      depth = Number(values.depth);
      if (!Number.isInteger(depth) || depth < 0) throw new UsageError(`--depth must be 0 (whole history) or more (got "${values.depth}")`);
    }
    if (upload && !token) throw new UsageError('org scan uploads SARIF: set GATEWARDEN_TOKEN or GITHUB_TOKEN (or pass --no-upload)');
    const report = await sweepJob(values.job ?? 'local', repos, {
      octokit: octokit(),
      ...(token ? { token } : {}),
      gitBaseUrl: values['git-url'] ?? io.env.GITHUB_SERVER_URL ?? 'https://github.com',
      category: values.category ?? 'gatewarden/',
      upload,
      depth,
      wait: { waitMs },
      log: (line) => io.stderr(`gatewarden: ${line}\n`),
    });
    const text = `${JSON.stringify(report, null, 2)}\n`;
    if (values.output) await writeFile(values.output, text);
    else io.stdout(text);
    const failed = report.repos.filter((r) => r.status === 'failed').length;
    io.stderr(`gatewarden: job ${report.job}: ${report.repos.length - failed} swept, ${failed} failed\n`);
    return 0;
  }

  if (sub === 'rollup') {
    if (values['github-summary'] && !io.env.GITHUB_STEP_SUMMARY) throw new UsageError('--github-summary needs the GITHUB_STEP_SUMMARY environment variable (set inside GitHub Actions)');
    const jobs = await readJobReports(rest.length ? rest : ['.']);
    const report = rollup(jobs, RULES);
    const md = renderMarkdown(report);
    if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    if (values.markdown) await writeFile(values.markdown, md);
    if (values['github-summary']) {
      await appendFile(io.env.GITHUB_STEP_SUMMARY as string, md);
    }
    if (!values.json && !values.markdown && !values['github-summary']) io.stdout(md);
    return 0;
  }

  throw new UsageError(`unknown org command "${sub}" (expected plan, scan or rollup)`);
}

/** Every job report among the given files and directories (searched recursively); other JSON is ignored. */
export async function readJobReports(inputs: readonly string[]): Promise<JobReport[]> {
  const out: JobReport[] = [];
  const visit = async (p: string): Promise<void> => {
    const s = await stat(p);
    if (s.isDirectory()) {
      for (const name of (await readdir(p)).sort()) if (name !== 'node_modules' && !name.startsWith('.')) await visit(path.join(p, name));
      return;
    }
    if (!p.endsWith('.json')) return;
    let v: unknown;
    try {
      v = JSON.parse(await readFile(p, 'utf8'));
    } catch {
      return;
    }
    if (isJobReport(v)) out.push(v);
  };
  for (const i of inputs) await visit(i);
  return out;
}
