/**
 * Stage 2 of a scan, in path order: each structured file's parse is admitted into the shared targets (its file
 * context kept, its targets visible to every rule through `ctx.project`), and the shell still to check is listed
 * for the shell stage. Then the cross-file targets are assembled: compose files into projects as `docker compose`
 * loads them (compose/), OpenClaw configs with their `$include`s (openclaw-includes.ts), the environment a Kubernetes
 * workload gives the config its ConfigMap holds (kubernetes-env.ts) and the OpenClaw release the repository deploys
 * each with (openclaw-release.ts).
 */
import type { Note } from '../../model/finding.js';
import type { FileKind, RepoFile, ShellTarget } from '../../model/target.js';
import type { RuleRunner } from '../check/runner.js';
import { parseFile, type Parsed } from '../parse/index.js';
import { needsParseNow, type FilesRead, type ReadFile } from '../read/file-stage.js';
import { buildComposeProjects } from './compose/project.js';
import { resolveIncludes } from './openclaw-includes.js';
import { assignReleases } from './openclaw-release.js';
import { wireKubernetesEnv } from './kubernetes-env.js';
import { envWrittenBy, findWiredConfigs } from './openclaw-wiring.js';
import { SharedTargets } from './shared-targets.js';

/** The shell still to check: targets parsed already, and scripts, Makefiles and workflows to parse in their turn. */
export type PendingShell = ShellTarget | ReadFile;

export interface Assembled {
  project: SharedTargets;
  /** In path order. */
  shells: PendingShell[];
  /** Every file read, for the repository rules. */
  files: RepoFile[];
  bytes: number;
  skipped: number;
  /** Rule crashes of the per-file pass. */
  internalErrors: number;
}

/**
 * Stage 2. `readRepoFile`: a repository file by its path, for an `$include` of a file that is not otherwise
 * structured. Parse errors and rule crashes go to `runner`, notes to `notes`, both in path order.
 */
export async function assemble(read: FilesRead, runner: RuleRunner, readRepoFile: (rel: string) => string | undefined, notes: Note[]): Promise<Assembled> {
  const project = new SharedTargets();
  const inventory = await admitFiles(read, project, runner, notes);
  const compose = buildComposeProjects(project.targets('compose'), project.targets('dotenv'));
  for (const p of compose.projects) project.add(p);
  notes.push(...compose.notes);
  await admitWiredConfigs(project, inventory, readRepoFile, runner, notes);
  wireKubernetesEnv(project.targets('kubernetes'), project.targets('openclaw'));
  await resolveIncludes(project, readRepoFile, runner, notes);
  assignReleases(project, readRepoFile);
  return { project, ...inventory };
}

async function admitFiles(read: FilesRead, project: SharedTargets, runner: RuleRunner, notes: Note[]): Promise<Omit<Assembled, 'project'>> {
  const out: Omit<Assembled, 'project'> = { shells: [], files: [], bytes: read.plainBytes, skipped: 0, internalErrors: read.internalErrors };
  for (const r of read.files) {
    if (!r) continue; // (every file has a result; a hole would be a bug upstream, not a reason to crash)
    if (!('findings' in r)) {
      out.files.push(r); // a plain file with nothing to report
      continue;
    }
    if (r.skipped) {
      notes.push(r.skipped);
      out.skipped++;
    }
    if (!r.kind) continue;
    out.bytes += r.bytes;
    out.files.push({ path: r.path, kind: r.kind });
    if (r.kind !== 'text' && r.text !== undefined) {
      const p = r.parsed ?? parseIfNeeded(r.path, r.kind, r.text);
      if (p) for (const s of (await project.admit(r.path, r.text, p, runner, r)).shells) out.shells.push(s);
      else out.shells.push(r);
    }
    for (const f of r.findings) runner.findings.push(f);
    if (r.secrets) runner.addSecrets(r.path, r.secrets);
    for (const n of r.notes) notes.push(n);
  }
  return out;
}

/**
 * Files the deployment wires to the config path (openclaw-wiring.ts) that are not OpenClaw configs already: read
 * (a plain file's text was let go in the file stage) and parsed here, once, as the whole config they are (never a
 * fragment). A file of another structured kind keeps that kind, with a note: its context is that kind's.
 */
async function admitWiredConfigs(project: SharedTargets, inventory: Omit<Assembled, 'project'>, readRepoFile: (rel: string) => string | undefined, runner: RuleRunner, notes: Note[]): Promise<void> {
  const entries = new Map(inventory.files.map((f) => [f.path, f]));
  const shells = inventory.shells.filter((s): s is ShellTarget => 'pipelines' in s);
  const wired = findWiredConfigs(
    { shells, dockerfiles: project.targets('dockerfile'), composeProjects: project.targets('compose_project'), dotenvs: project.targets('dotenv') },
    (rel) => entries.has(rel),
  );
  for (const w of wired) {
    const entry = entries.get(w.file);
    if (!entry || entry.kind === 'openclaw') continue;
    if (entry.kind !== 'text' || project.contexts.has(w.file)) {
      notes.push({ level: 'info', code: 'openclaw.wired', message: `${w.wiredBy} installs this file as the OpenClaw config; it is checked as a ${entry.kind} file only`, file: w.file });
      continue;
    }
    const text = readRepoFile(w.file);
    if (text === undefined) continue;
    const p = parseFile(w.file, 'openclaw', text);
    if (p.ok && p.target.kind === 'openclaw') {
      const { partial: _, ...whole } = p.target;
      p.target = { ...whole, wiredBy: w.wiredBy };
    }
    entry.kind = 'openclaw';
    await project.admit(w.file, text, p, runner);
  }
  // A config written or copied by a script runs with the env file that script writes (a generated gateway token).
  const envOf = new Map<string, Set<string>>();
  for (const s of shells) for (const name of envWrittenBy(s)) envOf.set(s.file, (envOf.get(s.file) ?? new Set()).add(name));
  for (const t of project.targets('openclaw')) {
    const env = envOf.get(t.embedded ? t.file : (t.wiredBy ?? ''));
    if (env?.size) t.deployEnv = [...env].sort();
  }
  // A compose file written by a script (a heredoc: the project's file is the script) whose services read an
  // `env_file:`: the names that script writes into an env file are set there (their values are the script's).
  for (const p of project.targets('compose_project')) {
    const env = envOf.get(p.file);
    if (!env?.size) continue;
    for (const svc of p.services) {
      if (svc.value.env_file === undefined) continue;
      const added = Object.fromEntries([...env].filter((name) => !Object.hasOwn(svc.envFiles, name)).map((name) => [name, { value: `\${${name}}`, file: p.file, line: 1 }]));
      svc.envFiles = { ...svc.envFiles, ...added };
    }
  }
}

function parseIfNeeded(file: string, kind: Exclude<FileKind, 'text'>, text: string): Parsed | undefined {
  return needsParseNow(kind, text) ? parseFile(file, kind, text) : undefined;
}
