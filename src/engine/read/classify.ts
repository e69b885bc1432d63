/**
 * The one table of file-name conventions. Every file is also `text` for the secret rules; this decides
 * which structured parser (if any) it gets.
 */
import type { FileKind } from '../../model/target.js';
import { neutralise, renderedName } from './template.js';
import { paasPlatform } from '../parse/paas.js';

interface Convention {
  kind: Exclude<FileKind, 'text'>;
  /** Human description, printed in the README by the docs generator. */
  describe: string;
  test: (base: string, segments: readonly string[]) => boolean;
}

const COMPOSE_BASE = /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i;
export const OPENCLAW_NAMES = new Set(['openclaw.json', 'openclaw.json5', 'clawdbot.json', 'moltbot.json', 'moldbot.json']);
const ENV_TEMPLATE = /\.(example|sample|template|dist|defaults|tpl|schema)$/i;

export const CONVENTIONS: readonly Convention[] = [
  {
    kind: 'compose',
    describe: '`compose.yaml`, `compose.yml`, `docker-compose.yml`, `docker-compose.yaml` and their `.<x>.` variants (`docker-compose.override.yml`, `compose.prod.yaml`); other YAML files whose top level has a `services:` map',
    test: (base) => COMPOSE_BASE.test(base),
  },
  {
    kind: 'openclaw',
    describe: '`openclaw.json`, `openclaw.json5`, `*.openclaw.json`, legacy `clawdbot.json`, `moltbot.json`, `moldbot.json`, and `*.json`/`*.json5` under a committed `.openclaw/` (or legacy state) directory',
    test: (base, segments) =>
      OPENCLAW_NAMES.has(base.toLowerCase()) ||
      /\.openclaw\.json5?$/i.test(base) ||
      (/\.json5?$/i.test(base) && segments.slice(0, -1).some((s) => ['.openclaw', '.clawdbot', '.moltbot', '.moldbot'].includes(s)) && isOpenClawConfigInStateDir(segments)),
  },
  {
    kind: 'dotenv',
    describe: '`.env` and `.env.*` (`.env.local`, `.env.production`, templates such as `.env.example`), also `*.env`',
    test: (base) => base === '.env' || base.startsWith('.env.') || (/\.env$/i.test(base) && base.length > 4),
  },
  {
    kind: 'workflow',
    describe: 'GitHub Actions workflows, `.github/workflows/*.yml` / `*.yaml` (their `run:` steps are shell)',
    test: (base, segments) => /\.ya?ml$/i.test(base) && segments.length >= 3 && segments[segments.length - 2] === 'workflows' && segments[segments.length - 3] === '.github',
  },
  {
    kind: 'sshd',
    describe: '`sshd_config` and drop-ins `sshd_config.d/*.conf`',
    test: (base, segments) => base === 'sshd_config' || (/\.conf$/.test(base) && segments[segments.length - 2] === 'sshd_config.d'),
  },
  {
    kind: 'systemd',
    describe: 'systemd service units `*.service` and their drop-ins `*.service.d/*.conf`',
    test: (base, segments) => /\.service$/.test(base) || (/\.conf$/.test(base) && /\.service\.d$/.test(segments[segments.length - 2] ?? '')),
  },
  {
    kind: 'nginx',
    describe: '`nginx.conf`, `*.nginx.conf`, `*.conf` under a folder whose name contains `nginx`, and every file under `sites-available/` or `sites-enabled/` (not under `apache2/` or `httpd/`)',
    test: (base, segments) =>
      base === 'nginx.conf' ||
      /\.nginx(\.conf)?$/.test(base) ||
      (/\.conf$/.test(base) && segments.slice(0, -1).some((s) => /nginx/i.test(s))) ||
      (segments.slice(0, -1).some((s) => s === 'sites-available' || s === 'sites-enabled') && !segments.some((s) => /^(apache2?|httpd)$/i.test(s))),
  },
  {
    kind: 'caddy',
    describe: '`Caddyfile`, `Caddyfile.*` (`Caddyfile.prod`), `*.caddyfile`, and templates of them (`Caddyfile.j2`)',
    test: (base) => (/^Caddyfile(\.[\w-]+)?$/.test(base) && renderedName(base) === undefined) || /\.caddyfile$/i.test(base),
  },
  {
    kind: 'docker_daemon',
    describe: 'Docker daemon config `daemon.json` (at the root, or under a path containing `docker`, such as `etc/docker/daemon.json`)',
    test: (base, segments) => base === 'daemon.json' && (segments.length === 1 || segments.slice(0, -1).some((s) => /docker/i.test(s))),
  },
  {
    kind: 'shell',
    describe: 'shell scripts `*.sh`, `*.bash`, and files without an extension whose first line is a `sh`/`bash` shebang',
    test: (base) => /\.(sh|bash)$/.test(base),
  },
  {
    kind: 'makefile',
    describe: '`Makefile`, `makefile`, `GNUmakefile`, `*.mk` (recipe lines are shell)',
    test: (base) => /^(GNUmakefile|[Mm]akefile)$/.test(base) || /\.mk$/.test(base),
  },
  {
    kind: 'terraform',
    describe: 'Terraform `*.tf` and variable files `*.tfvars` (also `terraform.tfvars.example` and the like)',
    test: (base) => /\.tf$/.test(base) || /\.tfvars(\.(example|sample|dist|template))?$/.test(base),
  },
  {
    kind: 'paas',
    describe: 'platform configs: `fly.toml`, `render.yaml`, `railway.toml`, `railway.json`, Kamal `config/deploy.yml` (and `config/deploy.<destination>.yml`), Azure Bicep `*.bicep` and `*.bicepparam`',
    test: (base, segments) => paasPlatform(segments.join('/')) !== undefined,
  },
  {
    kind: 'cloud_init',
    describe: 'cloud-init user data: `cloud-init.yaml`, `cloud-config.yaml`, `user-data` (and `.yml`, `.yaml`), and any YAML file whose first line is `#cloud-config`',
    test: (base) => /^(cloud-init|cloud-config|cloudinit|user-data|userdata)(\.ya?ml)?$/i.test(base),
  },
  {
    kind: 'kubernetes',
    describe: 'Kubernetes manifests (YAML whose documents have `apiVersion:` and `kind:`, also envsubst templates `*.yaml.envsubst`), Helm chart templates (`templates/*.yaml`, expressions read as unknown values) and chart values (`values.yaml`, `values-*.yaml`)',
    test: (base) => /^values([.-][\w-]+)?\.ya?ml$/.test(base),
  },
  {
    kind: 'ansible',
    describe: 'Ansible: YAML under a `roles/`, `playbooks/` or `ansible*/` folder, in `tasks/`, `handlers/`, `playbooks/` (their `shell`/`command`/`copy content:` tasks are read as shell and configs) or `defaults/`, `vars/`, `group_vars/`, `host_vars/` (variables)',
    test: (base, segments) => ansibleRole(segments.join('/')) !== undefined,
  },
  {
    kind: 'dockerfile',
    describe: '`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `Containerfile`',
    test: (base) => /^(Dockerfile|Containerfile)(\..+)?$/.test(base) || /\.(Dockerfile|Containerfile)$/i.test(base),
  },
];

/**
 * Inside a committed state directory only the config files are OpenClaw config; credentials, sessions and
 * agent stores are other JSON (checked by the state rules, not parsed as config).
 */
function isOpenClawConfigInStateDir(segments: readonly string[]): boolean {
  const base = segments[segments.length - 1] ?? '';
  const parent = segments[segments.length - 2] ?? '';
  if (!['.openclaw', '.clawdbot', '.moltbot', '.moldbot'].includes(parent)) return false;
  return /^(openclaw|clawdbot|moltbot|moldbot)(\.[\w-]+)?\.json5?$/i.test(base) || /^[\w-]+\.json5?$/i.test(base) && !/^(auth-profiles|creds|exec-approvals)\.json$/i.test(base);
}

/** Whether a path (in a script, say) names an OpenClaw config file: `~/.openclaw/openclaw.json`. */
export function isOpenClawConfigName(p: string): boolean {
  const base = p.split('/').pop() ?? p;
  return OPENCLAW_NAMES.has(base.toLowerCase()) || /\.openclaw\.json5?$/i.test(base);
}

export function classify(relPath: string): FileKind {
  const segments = relPath.split('/');
  const base = segments[segments.length - 1] ?? relPath;
  for (const c of CONVENTIONS) if (c.test(base, segments)) return c.kind;
  // A template (`openclaw.json.j2`, `docker-compose.yml.tpl`) is the kind of the file it renders (read/template.ts).
  const rendered = renderedName(base);
  if (rendered) return classify([...segments.slice(0, -1), rendered].join('/'));
  return 'text';
}

/** A dotenv file that is a template (`.env.example`): its values are checked, the file itself is not a leak. */
export function isDotenvTemplate(relPath: string): boolean {
  const base = relPath.split('/').pop() ?? relPath;
  return ENV_TEMPLATE.test(base);
}

/** YAML files not named like compose files are compose when their top level has a `services:` map. */
export function looksLikeCompose(relPath: string, text: string): boolean {
  return /\.ya?ml$/i.test(relPath) && /^services:[ \t]*(#.*)?$/m.test(text) && !/^(apiVersion|kind):/m.test(text);
}

/**
 * YAML whose documents have `apiVersion:` and `kind:` at the top level: a Kubernetes manifest (or a Helm template).
 * An envsubst template of one (`deployment.yaml.envsubst`) too: its `${VAR}`/`$VAR` are plain YAML strings, which
 * every Kubernetes reading already takes as unknown values (`isUnresolvedValue`), never guessed.
 */
export function looksLikeKubernetes(relPath: string, text: string): boolean {
  return /\.ya?ml(\.envsubst)?$/i.test(relPath) && /^apiVersion:/m.test(text) && /^kind:/m.test(text);
}

/** User data whose first line is `#cloud-config` (a YAML file, or a Terraform template of one). */
export function looksLikeCloudInit(relPath: string, text: string): boolean {
  return /\.(ya?ml|cfg|conf|txt|tpl|tftpl)$|^[^.]+$/i.test(relPath.split('/').pop() ?? relPath) && /^#cloud-config[ \t]*\r?$/m.test(text.slice(0, text.indexOf('\n') + 1 || text.length));
}

/** Extension-less scripts (`docker-entrypoint`, `bin/setup`) are shell when their first line is a sh/bash shebang. */
export function looksLikeShell(relPath: string, text: string): boolean {
  const base = relPath.split('/').pop() ?? relPath;
  return !base.includes('.') && /^#![ \t]*\S*\/(env[ \t]+)?(sh|bash|dash|ash|ksh|zsh)\b/.test(text);
}

/**
 * Top-level keys of OpenClaw's config schema (docs/openclaw.md#how-a-file-is-recognised). A JSON/JSON5 file
 * whose top level uses these, and nothing a manifest uses, is an OpenClaw config whatever its name.
 */
const OPENCLAW_TOP_KEYS = new Set([
  'gateway', 'channels', 'agents', 'agent', 'tools', 'models', 'meta', 'hooks', 'plugins', 'skills', 'session',
  'messages', 'commands', 'browser', 'wizard', 'canvasHost', 'cron', 'logging', 'auth', 'env', 'bindings',
  'discovery', 'ui', 'update', 'approvals', 'memory', 'talk', 'diagnostics', 'nodeHost', 'secrets', 'broadcast',
  'web', 'media', 'audio', 'acp', 'mcp', 'security', 'sandbox', '$include', '$schema',
]);
/** Keys that at least one of must be present: the sections only an OpenClaw config has at its top. */
const OPENCLAW_ANCHOR_KEYS = new Set(['gateway', 'channels', 'agents', 'agent']);
/** Top-level keys of other JSON documents (package.json, tsconfig, composer, app manifests): never a config. */
const FOREIGN_TOP_KEYS = new Set(['name', 'version', 'dependencies', 'devDependencies', 'scripts', 'compilerOptions', 'extends', 'main', 'private', 'require', 'apiVersion', 'kind', 'services', 'Resources']);
/** How much of a file the content sniff reads: the top-level keys of a config are near its start. */
const SNIFF_BYTES = 16 * 1024;
/** Names a config may have besides `*.json`/`*.json5`: an example or envsubst copy (`openclaw.json.example`). */
const CONFIG_CANDIDATE = /\.json5?(\.(example|sample|dist|default|defaults|envsubst|orig|in))?$/i;

/**
 * Whether a file not named like an OpenClaw config is one by its content: a JSON/JSON5 document (name above; a
 * template is sniffed by the name it renders, its text neutralised by the caller) whose top level, read from its
 * first 16 KB, has at least two OpenClaw sections one of which is `gateway`, `channels` or `agents` (or a
 * `meta.lastTouchedVersion`, which OpenClaw writes into every config it saves), and no key of another manifest.
 */
export function looksLikeOpenClawConfig(relPath: string, text: string): boolean {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  const name = renderedName(base) ?? base;
  if (!CONFIG_CANDIDATE.test(name)) return false;
  const head = name === base ? text.slice(0, SNIFF_BYTES) : neutralise(text.slice(0, SNIFF_BYTES), 'json');
  const keys = topLevelKeys(head);
  if (!keys || keys.some((k) => FOREIGN_TOP_KEYS.has(k))) return false;
  const known = keys.filter((k) => OPENCLAW_TOP_KEYS.has(k));
  if (keys.includes('meta') && head.includes('lastTouchedVersion')) return true;
  return known.length >= 2 && known.length * 2 >= keys.length && known.some((k) => OPENCLAW_ANCHOR_KEYS.has(k));
}

/**
 * The keys of the top-level object of a JSON/JSON5 text, read by one linear scan (strings, comments and nesting
 * skipped); undefined when the text does not start with an object. A truncated text gives the keys seen so far.
 */
export function topLevelKeys(text: string): string[] | undefined {
  const keys: string[] = [];
  let depth = 0;
  let i = 0;
  let expectKey = false;
  const n = text.length;
  const skipString = (q: string): number => {
    let j = i + 1;
    while (j < n && text[j] !== q) j += text[j] === '\\' ? 2 : 1;
    return j;
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (depth === 0) {
      if (c !== '{') return undefined;
      depth = 1;
      expectKey = true;
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = skipString(c);
      if (depth === 1 && expectKey) keys.push(text.slice(i + 1, end));
      expectKey = false;
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return keys;
    } else if (c === ',' && depth === 1) expectKey = true;
    else if (depth === 1 && expectKey && /[A-Za-z_$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(text[j] as string)) j++;
      keys.push(text.slice(i, j));
      expectKey = false;
      i = j;
      continue;
    }
    i++;
  }
  return keys;
}

/**
 * `*.conf` files outside an nginx folder (`config/openclaw-nginx.conf`, `deploy/site.conf`) are nginx when they
 * hold a `server {` block that proxies (`proxy_pass`): what a site config is, and no other `.conf` format has both.
 */
export function looksLikeNginx(relPath: string, text: string): boolean {
  if (!/\.conf$/i.test(relPath)) return false;
  const head = text.slice(0, 64 * 1024);
  return /^[ \t]*server[ \t]*\{/m.test(head) && /^[ \t]*proxy_pass[ \t]/m.test(head);
}

/** Whether a path is an Ansible file: a role's or playbook folder's YAML, or variables. */
export function ansibleRole(relPath: string): 'tasks' | 'vars' | undefined {
  const segments = relPath.split('/');
  const base = segments[segments.length - 1] ?? '';
  if (!/\.ya?ml$/i.test(base)) return undefined;
  const dirs = segments.slice(0, -1);
  // A role's own repository has its folders at the root: `defaults/main.yml`, `tasks/main.yml`.
  const roleRoot = dirs.length === 1 && /^main\.ya?ml$/.test(base) && ['defaults', 'vars', 'tasks', 'handlers'].includes(dirs[0] ?? '');
  const inAnsible = roleRoot || dirs.some((d) => d === 'roles' || /^ansible/i.test(d) || d === 'playbooks');
  if (!inAnsible) return undefined;
  if (dirs.some((d) => ['defaults', 'vars', 'group_vars', 'host_vars'].includes(d))) return 'vars';
  if (dirs.some((d) => ['tasks', 'handlers', 'playbooks'].includes(d)) || /ansible/i.test(dirs[dirs.length - 1] ?? '')) return 'tasks';
  return undefined;
}
