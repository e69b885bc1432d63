/**
 * What rules check. The engine parses each file once into one of these targets and hands it to every rule
 * whose `appliesTo` names its kind. Targets are read-only views; rules never touch the file system.
 */
import type { Document } from 'yaml';
import type { Dockerfile } from 'dockerfile-ast';
import type { Anchor, PathSegment } from './location.js';
import type { Mount, PortBinding } from '../lib/exposure.js';

export type { Mount, PortBinding };

/** How a file is classified by path and name (engine/read/classify.ts holds the one table). */
export type FileKind =
  | 'compose'
  | 'openclaw'
  | 'dotenv'
  | 'dockerfile'
  | 'systemd'
  | 'sshd'
  | 'nginx'
  | 'caddy'
  | 'docker_daemon'
  | 'shell'
  | 'makefile'
  | 'workflow'
  | 'terraform'
  | 'cloud_init'
  | 'kubernetes'
  | 'paas'
  | 'ansible'
  | 'text';

interface TargetBase {
  /** Repository-relative POSIX path of the file the target was parsed from. */
  file: string;
}

/** Every text file, whatever its kind: the input of the secret rules. */
export interface TextTarget extends TargetBase {
  kind: 'text';
  fileKind: FileKind;
  text: string;
}

export interface DotenvEntry {
  key: string;
  /** The value after unquoting and with `export ` stripped; escapes in double quotes resolved. */
  value: string;
  quote: '"' | "'" | '';
  line: number;
  /** Character offsets of the key and of the value's text inside the file (quotes excluded). */
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

export interface DotenvTarget extends TargetBase {
  kind: 'dotenv';
  text: string;
  /** A template by name (`.env.example`, `.sample`, `.template`, `.dist`, `.defaults`): not a leak as a file. */
  template: boolean;
  entries: readonly DotenvEntry[];
}

/** One YAML compose file, anchors and `<<` merges resolved in `value`. */
export interface ComposeTarget extends TargetBase {
  kind: 'compose';
  text: string;
  /** The plain value (`doc.toJS()` with merge keys, alias limits enforced). */
  value: unknown;
  /** The library's Document, built on first use when the fast parse read the file (engine/parse/yaml.ts). */
  readonly doc: Document;
  /** Read by the fast parse: no tags, anchors, aliases or merge keys in the text. */
  plain?: true;
  /** Set when the compose file is a heredoc inside a script (`file`): the path the script writes it to. */
  writtenTo?: string;
}

/** Where a key of the resolved OpenClaw config is written: the file and the path inside that file. */
export interface OpenClawOrigin {
  file: string;
  path: readonly PathSegment[];
}

/**
 * One OpenClaw config as OpenClaw loads it: the root file (`file`, `text`) with every `$include` merged in
 * (`value`). `${VAR}` strings are kept as written. A rule anchors findings with `at.path([...])` on the merged
 * path; the engine moves the anchor into the file that holds the key (`origin` tells a rule the same).
 */
export interface OpenClawTarget extends TargetBase {
  kind: 'openclaw';
  /** For an embedded config, the heredoc body (findings are mapped back into `file`, the script). */
  text: string;
  /** The resolved config: `$include` merged (objects deep-merge, arrays concatenate, siblings win). */
  value: unknown;
  /** The root file's own value, before includes (what the author wrote in this file). */
  authored: unknown;
  /** Repository-relative paths of the files merged in through `$include`, in load order. */
  includes: readonly string[];
  /** The file and local path that hold a merged path (its deepest existing prefix). */
  origin(path: readonly PathSegment[]): OpenClawOrigin;
  /** Set when the config is a heredoc inside a script (`cat > openclaw.json <<'EOF'`), not a file of its own. */
  embedded?: {
    origin: 'heredoc' | 'config set' | 'echo' | 'jq' | 'python';
    line: number;
    /** An unquoted delimiter: the shell expands `${VAR}` in the body before the file is written. */
    expands?: boolean;
  };
  /**
   * A config recognised by its content, not its name, that has no `gateway` section (a fragment to merge, a
   * partial example): only what it sets is judged, not the defaults of the sections it leaves out.
   */
  partial?: true;
  /**
   * An envsubst-style template that parses only with its bare `${…}` quoted: they are filled in (with values of any
   * type) before OpenClaw reads the file, so a quoted reference is not a string OpenClaw would see.
   */
  rendered?: true;
  /**
   * A config found by wiring, not by its name or content (engine/assemble/openclaw-wiring.ts): the file that
   * installs it at the config path (`cp X ~/.openclaw/openclaw.json`, `COPY`, a compose mount, `OPENCLAW_CONFIG_PATH=`).
   */
  wiredBy?: string;
  /**
   * Variables the deployment that installs this config provides, by name: set to a non-empty value in an env file
   * written by the script that writes (a heredoc) or copies the config (engine/assemble/openclaw-wiring.ts), or in
   * the `env`/`envFrom` of the Kubernetes workload that mounts the ConfigMap holding it (assemble/kubernetes-env.ts).
   */
  deployEnv?: readonly string[];
  /**
   * The deployment also loads variables whose names the repository does not show (a Kubernetes `envFrom` of a
   * Secret that is not in it): any name may be set, so a credential from the environment is unknown, not absent.
   */
  deployEnvOpen?: true;
  /**
   * A config held in a Kubernetes manifest (engine/parse/kubernetes.ts): the ConfigMap's name, or the chart folder
   * whose `values.yaml` holds it; what links it to the workloads that mount it (engine/assemble/kubernetes-env.ts).
   */
  manifest?: { configMap: string } | { chart: string };
  /** The OpenClaw release the repository deploys this config with (the assemble stage reads it); absent = unknown. */
  release?: OpenClawRelease;
}

/**
 * The OpenClaw release a config is deployed with, and what says so: an image of the repository
 * (`ghcr.io/openclaw/openclaw:<tag>` in a compose file or a Dockerfile `FROM`), an `openclaw` dependency of a
 * `package.json`, or the config's own `meta.lastTouchedVersion` (the release that last wrote it), in that order.
 */
export interface OpenClawRelease {
  /** `2026.3.2`, `2026.3` (a minor line) or `latest`. */
  version: string;
  source: 'image' | 'package' | 'meta';
  /** The file that says so, and what it says (`ghcr.io/openclaw/openclaw:2026.3.2`). */
  file: string;
  text: string;
}

export interface DockerfileTarget extends TargetBase {
  kind: 'dockerfile';
  text: string;
  dockerfile: Dockerfile;
}

/** A piece of text with its character range in the file (`end` exclusive). */
export interface Span {
  value: string;
  start: number;
  end: number;
}

/** One `Key=Value` line of a systemd unit; continuation lines are joined into `value`. */
export interface UnitDirective {
  /** The section it belongs to, without brackets (`Service`). */
  section: string;
  key: string;
  value: string;
  /** Range of the whole directive line(s), and of its value. */
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
  /** The value split as systemd splits command lines and `Environment=` (quotes removed), with ranges. */
  words: readonly Span[];
}

/** A systemd unit file (`*.service`, drop-in `*.service.d/*.conf`). */
export interface SystemdTarget extends TargetBase {
  kind: 'systemd';
  text: string;
  /**
   * A unit written by a script's heredoc (`cat > /etc/systemd/system/openclaw.service <<EOF`): the path it is
   * written to. `file`/`text` are the script's, and every range is an offset in the script.
   */
  writtenTo?: string;
  /** Section headers in order, with the range of the `[Name]` line. */
  sections: readonly Span[];
  directives: readonly UnitDirective[];
}

/** The `Match` block a sshd directive sits in. */
export interface SshdMatch {
  /** The criteria as written (`User admin Address 10.0.0.0/8`). */
  criteria: string;
  start: number;
  end: number;
}

export interface SshdDirective {
  /** Keyword as written (`PasswordAuthentication`); sshd keywords are case-insensitive, compare `keyword`. */
  name: string;
  /** Lower-cased keyword. */
  keyword: string;
  /** Arguments, unquoted (`Key=Value` and `Key Value` both give `[Value]`). */
  args: readonly string[];
  start: number;
  end: number;
  valueStart: number;
  valueEnd: number;
  /** Set when the directive applies only inside a `Match` block (`Match all` ends one). */
  match?: SshdMatch;
}

/** `sshd_config` or a drop-in `sshd_config.d/*.conf`. sshd keeps the FIRST value it reads for a keyword. */
export interface SshdTarget extends TargetBase {
  kind: 'sshd';
  text: string;
  dropIn: boolean;
  directives: readonly SshdDirective[];
}

/** One nginx directive: `name arg…;` or `name arg… { block }`. */
export interface NginxDirective {
  name: string;
  /** Arguments, unquoted, with their ranges. */
  args: readonly Span[];
  start: number;
  end: number;
  block?: readonly NginxDirective[];
}

export interface NginxTarget extends TargetBase {
  kind: 'nginx';
  text: string;
  /** The top-level directives (the main context of nginx.conf, or the body of an included file). */
  directives: readonly NginxDirective[];
}

/**
 * A Caddyfile: each line a directive (`name arg…`), `{ … }` a block; site blocks are directives named by their
 * first address (`example.com, :80 {`), the global options block has the name `""`. Same shape as nginx's tree.
 */
export interface CaddyTarget extends TargetBase {
  kind: 'caddy';
  text: string;
  directives: readonly NginxDirective[];
}

/** Docker's `daemon.json`, as evaluated (JSON, comments tolerated). */
export interface DockerDaemonTarget extends TargetBase {
  kind: 'docker_daemon';
  text: string;
  value: unknown;
}

/** A shell word after quote removal; expansions (`$X`, `$(…)`) stay as written in `value`. */
export interface ShellWord extends Span {
  /** The word exactly as written, quotes included. */
  raw: string;
  /** Whether any part of it was quoted. */
  quoted: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `2>`, `&>`, `<<<`, … (`<<` heredocs are in `heredocs`). */
  op: string;
  target?: ShellWord;
}

export interface ShellHeredoc {
  delimiter: string;
  /** Quoted delimiter: the body is literal (no expansion). */
  quoted: boolean;
  /** `<<-`: leading tabs stripped from each body line. */
  stripTabs: boolean;
  body: string;
  /** Range of the body in the file (from its first line to the end of its last line). */
  start: number;
  end: number;
}

/** A simple command: its words (assignments and command name included), redirections and heredocs. */
export interface ShellCommand {
  words: readonly ShellWord[];
  redirects: readonly ShellRedirect[];
  heredocs: readonly ShellHeredoc[];
  start: number;
  end: number;
}

/** Commands joined by `|`. Pipelines are separated by `;`, `&&`, `||`, `&` and newlines. */
export interface ShellPipeline {
  commands: readonly ShellCommand[];
  start: number;
  end: number;
}

/**
 * Shell code, wherever it was found: a script, Makefile recipes, Dockerfile `RUN` lines, or a workflow's
 * `run:` steps. All ranges are offsets in `file`'s text, whatever the origin.
 */
export interface ShellTarget extends TargetBase {
  kind: 'shell';
  /**
   * The whole file's text (for a Dockerfile or a workflow, that file, not only its shell); for cloud-init, followed by
   * the scripts its encoded `write_files` decode to (read by the keyword gates; no range points past the file).
   */
  text: string;
  /** `user_data`: a Terraform user-data script or a cloud-init document's commands and scripts. */
  origin: 'script' | 'makefile' | 'dockerfile' | 'workflow' | 'user_data' | 'ansible' | 'compose';
  pipelines: readonly ShellPipeline[];
}

/** A file of a structured kind that failed to parse. The scan goes on; a rule reports it. */
export interface ParseErrorTarget extends TargetBase {
  kind: 'parse_error';
  fileKind: FileKind;
  message: string;
  /** 1-based, when the parser knows. */
  line?: number;
  column?: number;
}

export interface RepoFile {
  path: string;
  kind: FileKind;
}

/** The repository as a whole: for rules about what is (or is not) in it. */
export interface RepoTarget extends TargetBase {
  kind: 'repo';
  /** Whether discovery used `git ls-files` (tracked files) or walked the directory. */
  git: boolean;
  files: readonly RepoFile[];
  /** The text of the root `.gitignore`, when there is one. */
  gitignore?: string;
  /** Whether the root `.gitignore` ignores a repository-relative path (false when there is none). */
  ignoredByRootGitignore(path: string): boolean;
  /**
   * Set in a history sweep: `files` are then the paths one commit added (new, renamed or copied), or every
   * path at HEAD when the sweep checks what is still there; `gitignore` is absent. A rule about what the
   * repository lacks should set `history: false` in its metadata.
   */
  history?: { commit: string };
}

/**
 * One service of a compose project, as Docker Compose would run it: files merged in Compose's order, `extends`
 * resolved, anchors and `<<` expanded, `environment` and `build.args` normalised to maps, and every string
 * interpolated. Rules read `value` like a plain compose service; `at()` says where a key came from.
 */
export interface ComposeService {
  name: string;
  /** The merged service with interpolation applied. An unresolved variable without default stays as written
   *  (`${VAR}`): its value is unknown, never safe (rules/_shared/compose.ts `isUnresolved`). */
  value: Readonly<Record<string, unknown>>;
  /** The same tree before interpolation (`${PASSWORD:-changeme}` as written). Same shape as `value`. */
  raw: Readonly<Record<string, unknown>>;
  /** Anchor of a path inside the merged service, in the file (and at the line) that introduced it.
   *  `at([])` is the service's key in the first file that defines it. */
  at(path: readonly PathSegment[], part?: 'key' | 'value' | 'pair'): Anchor;
  /** The file a path of the merged service came from. */
  fileOf(path: readonly PathSegment[]): string;
  /** Variables from the service's `env_file:` files found in the scan (`environment:` wins over these). */
  envFiles: Readonly<Record<string, { value: string; file: string; line: number }>>;
  /** `ports:` in the long form shared with Kubernetes (lib/exposure.ts); `index` is the entry's in `value.ports`. */
  ports: readonly PortBinding[];
  /** `volumes:` in the long form shared with Kubernetes, a named volume bound by `driver_opts` resolved to its bind. */
  mounts: readonly Mount[];
}

/**
 * A compose project: the files `docker compose` would load together (a base file and its overrides in one
 * folder, or one standalone file), with `include:` and `extends:` resolved within the repository and
 * `.env` beside the main file used for interpolation. Built once by src/engine/compose/ after parsing.
 */
export interface ComposeProjectTarget extends TargetBase {
  kind: 'compose_project';
  /** The files merged, in order (`file` is the first). */
  files: readonly string[];
  /** Findings are kept only when located in one of these files; another project owns the rest (a base file
   *  shared by several overlay projects is reported once). */
  owns: readonly string[];
  /** Variables read from the `.env` beside the main file (empty when there is none in the scan). */
  env: Readonly<Record<string, string>>;
  services: readonly ComposeService[];
  /** Merged top-level elements other than `services` (`volumes`, `secrets`, `networks`, `x-…`), interpolated. */
  value: Readonly<Record<string, unknown>>;
}

/** An HCL expression: the literal part is read, the rest is one opaque `expr` (a value known only at apply time). */
export type HclExpr =
  | { kind: 'string'; value: string; /** Holds `${…}` or `%{…}`. */ template: boolean; quoted: true; start: number; end: number }
  | { kind: 'heredoc'; value: string; template: boolean; start: number; end: number; /** File offset of each character of `value`. */ map: readonly number[] }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'bool'; value: boolean; start: number; end: number }
  | { kind: 'null'; start: number; end: number }
  | { kind: 'tuple'; items: readonly HclExpr[]; start: number; end: number }
  | { kind: 'object'; items: readonly HclObjectItem[]; start: number; end: number }
  /** A reference: `var.x`, `local.y`, `aws_instance.a.id`. */
  | { kind: 'ref'; text: string; start: number; end: number }
  /** Anything else (a call, a conditional, a `for`), as written. */
  | { kind: 'expr'; text: string; start: number; end: number };

export interface HclObjectItem {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: HclExpr;
}

export interface HclAttribute {
  name: string;
  nameStart: number;
  expr: HclExpr;
  start: number;
  end: number;
}

export interface HclBlock {
  type: string;
  labels: readonly Span[];
  body: HclBody;
  start: number;
  end: number;
}

export interface HclBody {
  attributes: readonly HclAttribute[];
  blocks: readonly HclBlock[];
}

/** A Terraform file (`*.tf`, `*.tfvars`), read by engine/parse/hcl.ts. */
export interface TerraformTarget extends TargetBase {
  kind: 'terraform';
  text: string;
  /** `*.tfvars` (and `*.tfvars.example`): variable values, attributes only. */
  tfvars: boolean;
  body: HclBody;
}

/**
 * A cloud-init `#cloud-config` document: a file of its own, or the user data a Terraform file passes to a server
 * (`embedded`: findings are mapped back into that file). Rules anchor `at.path([...])` in the document.
 */
export interface CloudInitTarget extends TargetBase {
  kind: 'cloud_init';
  text: string;
  value: unknown;
  embedded?: { origin: 'terraform'; line: number };
}

/** One container of a Kubernetes pod spec (a Deployment's, a Pod's, a CronJob's …), with its pod's settings. */
export interface KubeContainer {
  name: string;
  /** Init container or main container. */
  init: boolean;
  /** Path of the container in the document (`['spec', 'template', 'spec', 'containers', 0]`). */
  path: readonly PathSegment[];
  value: Readonly<Record<string, unknown>>;
  /** `hostPath` volumes and other volumes it mounts, in the shared long form; `path` of each in the document. */
  mounts: readonly (Mount & { path: readonly PathSegment[] })[];
  /** `ports:` with `hostPort` as the published port; `path` of each in the document. */
  ports: readonly (PortBinding & { path: readonly PathSegment[] })[];
}

export interface KubeWorkload {
  /** Path of the pod spec in the document. */
  podPath: readonly PathSegment[];
  pod: Readonly<Record<string, unknown>>;
  containers: readonly KubeContainer[];
}

export interface KubeDocument {
  /** Index of the document in the file (path anchors start with it). */
  index: number;
  apiVersion: string;
  kind: string;
  name: string;
  value: Readonly<Record<string, unknown>>;
  /** The pod spec of a workload kind (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet). */
  workload?: KubeWorkload;
}

/**
 * A Kubernetes manifest (multi-document YAML whose documents have `apiVersion` and `kind`), a Helm template read
 * the same way with its expressions neutralised (unknown values), or a Helm chart's `values.yaml` (`helmValues`).
 * Anchors are `at.path([documentIndex, …path])`.
 */
export interface KubernetesTarget extends TargetBase {
  kind: 'kubernetes';
  text: string;
  documents: readonly KubeDocument[];
  /** `template`: a chart's template (expressions are `${…}`: unknown); `values`: a chart's `values.yaml`. */
  helm?: 'template' | 'values';
  /** For `values`: the plain value of the file (document 0). */
  values?: unknown;
}

/**
 * A platform-as-a-service config: fly.toml, render.yaml, railway.toml/json, Kamal's config/deploy.yml, or Azure
 * Bicep (`azure`: the value is engine/parse/bicep.ts's `BicepDocument`, expressions as `{ $expr }`).
 */
export interface PaasTarget extends TargetBase {
  kind: 'paas';
  text: string;
  platform: 'fly' | 'render' | 'railway' | 'kamal' | 'azure';
  value: unknown;
}

/** An Ansible file: tasks (a playbook, a role's tasks or handlers) or variables (`defaults/`, `group_vars/`, …). */
export interface AnsibleTarget extends TargetBase {
  kind: 'ansible';
  text: string;
  role: 'tasks' | 'vars';
  /** The plain value, `{{ … }}` neutralised to `${…}` (unknown). */
  value: unknown;
}

export interface TargetMap {
  text: TextTarget;
  dotenv: DotenvTarget;
  compose: ComposeTarget;
  compose_project: ComposeProjectTarget;
  openclaw: OpenClawTarget;
  dockerfile: DockerfileTarget;
  systemd: SystemdTarget;
  sshd: SshdTarget;
  nginx: NginxTarget;
  caddy: CaddyTarget;
  docker_daemon: DockerDaemonTarget;
  shell: ShellTarget;
  terraform: TerraformTarget;
  cloud_init: CloudInitTarget;
  kubernetes: KubernetesTarget;
  paas: PaasTarget;
  ansible: AnsibleTarget;
  parse_error: ParseErrorTarget;
  repo: RepoTarget;
}
export type TargetKind = keyof TargetMap;
export type Target = TargetMap[TargetKind];

/**
 * Targets kept for the whole scan and visible to every rule through the project view: the kinds cross-file rules
 * read (few and small in a repository). Shell targets are not among them: no rule reads another file's shell,
 * so the engine checks each one and lets it go (a syntax tree is many times the size of its script).
 */
export type SharedKind = 'dotenv' | 'compose' | 'compose_project' | 'openclaw' | 'dockerfile' | 'systemd' | 'sshd' | 'nginx' | 'caddy' | 'docker_daemon' | 'terraform' | 'cloud_init' | 'kubernetes' | 'paas' | 'ansible';

export interface ProjectView {
  targets<K extends SharedKind>(kind: K): readonly TargetMap[K][];
}

export type { PathSegment };
