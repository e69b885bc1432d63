/**
 * Harness for the hostile pull-request suite (test/safety/): real git repositories in temp dirs, and the built
 * bundles run as their own processes exactly as a runner or a shell would run them (`node dist/index.js` with
 * INPUT_* variables and the runner's files; `node dist/cli.js …`). Everything here observes outputs only (exit
 * code, stdout, the summary, outputs and SARIF files, requests to a fake API): nothing imports the product's
 * modules, so the suite survives any reorganisation of src/.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const ACTION_BUNDLE = path.join(ROOT, 'dist', 'index.js');
export const CLI_BUNDLE = path.join(ROOT, 'dist', 'cli.js');

const created: string[] = [];

/** A temp dir removed by `cleanUp()` (call it in `afterAll`). */
export function tempDir(prefix = 'gatewarden-hostile-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function cleanUp(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** git with a fixed identity and no user or system config, so a developer's settings cannot change a test. */
const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: tmpdir(),
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A file name: text, or raw bytes (a name that is not valid UTF-8). */
export type Name = string | Buffer;

function join(dir: string, name: Name): string | Buffer {
  return typeof name === 'string' ? path.join(dir, name) : Buffer.concat([Buffer.from(`${dir}/`), name]);
}

/** A git repository in a temp dir, built commit by commit. */
export class Repo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? path.join(tempDir('gatewarden-pr-'), 'repo');
    if (!dir) {
      mkdirSync(this.dir);
      this.git('init', '-q', '-b', 'main');
    }
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'protocol.file.allow=always', ...args], { cwd: this.dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  }

  write(files: Record<string, string | Buffer>): this {
    for (const [name, content] of Object.entries(files)) this.writeName(name, content);
    return this;
  }

  /** Writes one file whose name may be raw bytes. */
  writeName(name: Name, content: string | Buffer): this {
    const rel = typeof name === 'string' ? name : '';
    if (rel.includes('/')) mkdirSync(path.dirname(path.join(this.dir, rel)), { recursive: true });
    writeFileSync(join(this.dir, name), content);
    return this;
  }

  symlink(name: string, target: string): this {
    mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
    symlinkSync(target, path.join(this.dir, name));
    return this;
  }

  remove(name: string): this {
    rmSync(path.join(this.dir, name), { recursive: true, force: true });
    return this;
  }

  /** Stages everything and commits; returns the new commit's SHA. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** A `git clone` of this repository (extra args such as `--depth=1`) into a new temp dir. */
  clone(...args: string[]): Repo {
    const dir = path.join(tempDir('gatewarden-clone-'), 'repo');
    execFileSync('git', ['clone', '-q', ...args, `file://${this.dir}`, dir], { env: GIT_ENV, stdio: 'ignore' });
    return new Repo(dir);
  }
}

export interface ProcessResult {
  /** Exit code; null when the process was killed. */
  code: number | null;
  /** True when the harness killed it at `timeoutMs`. */
  killed: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `node <args>` in `cwd` with exactly `env` (plus PATH and HOME), killing it after `timeoutMs`. */
export function runNode(args: string[], opts: { cwd: string; env?: Record<string, string>; timeoutMs?: number; stdin?: string }): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: opts.cwd,
      env: { PATH: GIT_ENV.PATH, HOME: GIT_ENV.HOME, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', NO_COLOR: '1', ...opts.env },
      stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    if (child.stdin) child.stdin.end(opts.stdin);
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, killed, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
  });
}

/** The CLI bundle: `node dist/cli.js ARGS` in `cwd`. */
export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<ProcessResult> {
  return runNode([CLI_BUNDLE, ...args], opts);
}

export interface SarifResult {
  ruleId: string;
  level?: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints?: Record<string, string>;
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  runs: {
    results: SarifResult[];
    invocations?: { executionSuccessful?: boolean; toolExecutionNotifications?: { level?: string; message: { text: string }; descriptor?: { id: string } }[] }[];
  }[];
}

export interface ActionResult extends ProcessResult {
  summary: string;
  outputs: Record<string, string>;
  /** The SARIF file's text, '' when none was written. */
  sarifText: string;
  sarif: SarifLog | undefined;
  /** Workflow-command annotations on stdout (`::error file=…`, `::warning …`, `::notice …`). */
  annotations: string[];
  files: { event: string; output: string; summary: string; sarif: string };
}

export interface ActionSetup {
  /** The checkout: the action runs with this as its working directory (`path: .`). */
  cwd: string;
  eventName: string;
  payload?: unknown;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Where the SARIF file goes (default: a fresh temp dir). */
  sarifFile?: string;
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks, or `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1] ?? ''] = m[3] ?? '';
  for (const m of text.matchAll(/^([\w-]+)=(.*)$/gm)) out[m[1] ?? ''] ??= m[2] ?? '';
  return out;
}

export const annotationLines = (stdout: string): string[] => stdout.split('\n').filter((l) => /^::(error|warning|notice)[ :]/.test(l));

/** Runs the action bundle as the runner does: `node dist/index.js` in the checkout, inputs as INPUT_* variables. */
export async function runAction(setup: ActionSetup): Promise<ActionResult> {
  const dir = tempDir('gatewarden-runner-');
  const files = { event: path.join(dir, 'event.json'), output: path.join(dir, 'output'), summary: path.join(dir, 'summary.md'), sarif: setup.sarifFile ?? path.join(dir, 'out', 'results.sarif') };
  writeFileSync(files.event, JSON.stringify(setup.payload ?? {}));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs: Record<string, string> = { path: '.', 'sarif-file': files.sarif, 'fail-on': 'high', token: '', ...setup.inputs };
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: setup.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'octo/claw',
    GITHUB_WORKSPACE: setup.cwd,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...setup.env,
  };
  const r = await runNode([ACTION_BUNDLE], { cwd: setup.cwd, env, timeoutMs: setup.timeoutMs ?? 30_000 });
  const sarifText = existsSync(files.sarif) ? readFileSync(files.sarif, 'utf8') : '';
  let sarif: SarifLog | undefined;
  try {
    sarif = sarifText ? (JSON.parse(sarifText) as SarifLog) : undefined;
  } catch {
    sarif = undefined;
  }
  return { ...r, summary: readFileSync(files.summary, 'utf8'), outputs: parseOutputs(readFileSync(files.output, 'utf8')), sarifText, sarif, annotations: annotationLines(r.stdout), files };
}

/** A `pull_request` event payload as the runner writes it (same repository unless `fork`). */
export function pullRequestPayload(o: { number: number; baseSha: string; headSha: string; fork?: boolean }): unknown {
  const repo = { full_name: 'octo/claw', name: 'claw', owner: { login: 'octo' } };
  const forkRepo = { full_name: 'someone/claw', name: 'claw', owner: { login: 'someone' } };
  return {
    action: 'synchronize',
    number: o.number,
    pull_request: { number: o.number, state: 'open', base: { ref: 'main', sha: o.baseSha, repo }, head: { ref: 'feature', sha: o.headSha, repo: o.fork ? forkRepo : repo } },
    repository: repo,
  };
}

/** A `merge_group` event payload (a pull request entering the merge queue). */
export function mergeGroupPayload(o: { baseSha: string; headSha: string }): unknown {
  const repo = { full_name: 'octo/claw', name: 'claw', owner: { login: 'octo' } };
  return {
    action: 'checks_requested',
    merge_group: { head_sha: o.headSha, head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-0000000', base_sha: o.baseSha, base_ref: 'refs/heads/main', head_commit: { id: o.headSha, message: 'Merge pull request #7' } },
    repository: repo,
  };
}

/** Every result of every run of a SARIF log. */
export const sarifResults = (log: SarifLog | undefined): SarifResult[] => log?.runs.flatMap((r) => r.results) ?? [];
export const sarifNotifications = (log: SarifLog | undefined) => log?.runs.flatMap((r) => r.invocations ?? []).flatMap((i) => i.toolExecutionNotifications ?? []) ?? [];
export const uriOf = (r: SarifResult): string => r.locations[0]?.physicalLocation.artifactLocation.uri ?? '';

/**
 * A TCP server that accepts connections and never answers: a git remote or an API that hangs. Sockets are kept
 * so `close()` can end them.
 */
export async function silentServer(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  let count = 0;
  const server: Server = createServer((s) => {
    count++;
    sockets.push(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    connections: () => count,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The parts of a Markdown text that render as Markdown: code spans (with CommonMark's rule that a run of N
 * backticks closes only at the next run of exactly N) are cut out, so what is left is what can become HTML,
 * links, images or mentions. Backslash-escaped punctuation is cut out too (it renders literally). Used to check
 * that untrusted text, however the fix chooses to escape it, renders as text only.
 */
export function outsideCodeSpans(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    const c = md[i] ?? '';
    if (c === '\\' && /[!-/:-@[-`{-~]/.test(md[i + 1] ?? '')) {
      out += ' ';
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (md[i + n] === '`') n++;
      // Find the next run of exactly n backticks.
      let j = i + n;
      let close = -1;
      while (j < md.length) {
        if (md[j] === '`') {
          let m = 0;
          while (md[j + m] === '`') m++;
          if (m === n) {
            close = j;
            break;
          }
          j += m;
        } else j++;
      }
      if (close >= 0) {
        out += ' ';
        i = close + n;
      } else {
        out += md.slice(i, i + n);
        i += n;
      }
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/**
 * What untrusted text must never do in a rendered Markdown output (job summary, review comment): problems found
 * outside code spans, and control characters found anywhere. `allowLink` says which link targets are the
 * product's own (the rule docs).
 */
export function markdownProblems(md: string, allowLink: (url: string) => boolean = (u) => /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[\w.-]+\/docs\/rules\/[\w.-]+\.md$/.test(u)): string[] {
  const problems: string[] = [];
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  const controls = md.match(/[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/g);
  if (controls) problems.push(`control characters ${[...new Set(controls)].map((c) => `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(', ')}`);
  const text = outsideCodeSpans(md);
  for (const m of text.matchAll(/<(!--|[A-Za-z][\w-]*|\/[A-Za-z][\w-]*)/g)) {
    // The product's own hidden bookkeeping markers (review comments) are allowed, exactly as the product writes
    // them: the ownership test above reads them back. Untrusted text never produces one (its `<` is escaped).
    if (m[0] === '<!--' && /^<!-- gatewarden:(review|fp=[0-9a-f]+(?: state=\w+)?) -->/.test(text.slice(m.index))) continue;
    if (!/^<\/?(details|summary|sub|br)$/i.test(m[0])) problems.push(`raw HTML ${JSON.stringify(text.slice(m.index, m.index + 30))}`);
  }
  for (const m of text.matchAll(/\]\(([^)\s]*)/g)) if (!allowLink(m[1] ?? '')) problems.push(`link to ${JSON.stringify(m[1])}`);
  for (const m of text.matchAll(/(^|[^\w`])@([A-Za-z0-9][\w-]*)/g)) problems.push(`mention @${m[2]}`);
  for (const m of text.matchAll(/(?:^|\s)(?:https?|javascript):\/\/?[^\s)]*/g)) if (!allowLink(m[0].trim())) problems.push(`autolink ${JSON.stringify(m[0].trim())}`);
  return problems;
}
