/**
 * Generates everything derived from the rule modules: the registry rules/index.ts (scripts/registry.ts, from the
 * folders), docs/rules/<id>.md (one page per rule, with its bad/good fixtures as examples), the index
 * docs/rules/README.md (every rule, the file kinds) and the generated blocks of README.md (rules per domain, the
 * action's inputs from action.yml). `--check` writes nothing and fails when anything is stale, for CI.
 * Dev-time only; never bundled.
 */
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { scan } from '../src/engine/scan.js';
import { CONVENTIONS } from '../src/engine/read/classify.js';
import type { AnyRule } from '../src/model/rule.js';
import { ruleHelpMarkdown } from '../src/report/rule-doc.js';
import { rulesTable } from '../src/report/rules-table.js';
import { REGISTRY_FILE, writeRegistry } from './registry.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOCS = path.join(ROOT, 'docs', 'rules');
const BANNER = '<!-- Generated from the rule module by `npm run docs`; edit rules/… instead. -->';
const MAX_EXAMPLE_LINES = 40;
const CHECK = process.argv.includes('--check');

// The registry first: the docs below are made from the rules it lists, so it is imported only once it is fresh.
if (writeRegistry(ROOT, CHECK)) {
  if (CHECK) {
    process.stderr.write(`The rule registry is stale; run \`npm run docs\` and commit:\n  ${REGISTRY_FILE}\n`);
    process.exit(1);
  }
  process.stdout.write(`updated ${REGISTRY_FILE}\n`);
}
const { RULES } = await import('../rules/index.js');

function fence(file: string): string {
  const ext = path.extname(file).slice(1);
  const base = path.basename(file);
  if (/compose|\.ya?ml$/.test(base)) return 'yaml';
  if (/^\.env/.test(base)) return 'sh';
  if (/Dockerfile/.test(base)) return 'dockerfile';
  if (/^(GNUmakefile|[Mm]akefile)$|\.mk$/.test(base)) return 'makefile';
  if (/\.service$/.test(base) || /\.service\.d[\\/]/.test(file)) return 'ini';
  const inFixture = file.split(/[\\/](?:bad|good)[\\/]/).pop() ?? file;
  if (inFixture.split('/').slice(0, -1).some((d) => d.includes('nginx') || d === 'sites-available' || d === 'sites-enabled') || base === 'nginx.conf') return 'nginx';
  if (/json5?$/.test(ext)) return 'json5';
  return ext || 'text';
}

/**
 * Example files contain generated fake tokens. The docs must not (they would trip secret scanners, ours
 * included), so every secret the rules find in the example is replaced by its redacted form.
 */
async function masked(file: string): Promise<string> {
  const text = readFileSync(file, 'utf8');
  const result = await scan({ paths: [file], rules: RULES, noConfig: true });
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (line: number, column: number) => (lineStarts[line - 1] ?? text.length) + column - 1;
  const secrets = result.findings
    .filter((f) => f.redacted)
    .map((f) => ({ start: offset(f.location.startLine, f.location.startColumn), end: offset(f.location.endLine, f.location.endColumn), redacted: f.redacted ?? '' }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of secrets) out = `${out.slice(0, s.start)}${s.redacted}${out.slice(s.end)}`;
  return out;
}

/**
 * The fixture file shown as an example: in bad/, the file announcing most findings of the rule (a folder may
 * also hold a `.env` or a Dockerfile the example needs); in good/, the file of the same name, else the first.
 */
async function examples(rule: AnyRule, which: 'bad' | 'good', like?: string): Promise<string[]> {
  const dot = rule.id.indexOf('.');
  const dir = path.join(ROOT, 'test', 'fixtures', 'rules', rule.id.slice(0, dot), rule.id.slice(dot + 1), which);
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  const walk = (d: string) => {
    // Files of a folder before its sub-folders: the example is the top-level fixture, not a nested variant.
    for (const name of readdirSync(d, { withFileTypes: true }).sort((a, b) => Number(a.isDirectory()) - Number(b.isDirectory()) || a.name.localeCompare(b.name))) {
      const p = path.join(d, name.name);
      if (name.isDirectory()) walk(p);
      else if (name.name !== 'expected.json') files.push(p);
    }
  };
  walk(dir);
  const relOf = (f: string) => path.relative(dir, f).split(path.sep).join('/');
  const announced = (f: string) => readFileSync(f, 'utf8').split(`expect: ${rule.id}`).length - 1;
  const most = files.reduce<string | undefined>((best, f) => (announced(f) > (best ? announced(best) : 0) ? f : best), undefined);
  const file = (which === 'bad' ? most : files.find((f) => relOf(f) === like)) ?? files[0];
  if (!file) return [];
  const rel = relOf(file);
  const lines = (await masked(file)).replace(/\n$/, '').split('\n').filter((l) => !/\b(expect|ok):\s*[a-z0-9_.]+/.test(l));
  const shown = lines.slice(0, MAX_EXAMPLE_LINES);
  if (lines.length > shown.length) shown.push('…');
  return [`\`${rel}\``, '', `\`\`\`${fence(file)}`, ...shown, '```'];
}

export async function rulePage(rule: AnyRule): Promise<string> {
  const bad = await examples(rule, 'bad');
  const good = await examples(rule, 'good', bad[0]?.replace(/`/g, ''));
  return [
    BANNER,
    `# \`${rule.id}\`: ${rule.title}`,
    '',
    `- Severity: **${rule.severity}**`,
    `- Checks: ${rule.appliesTo.map((k: string) => `\`${k}\``).join(', ')}`,
    ...(rule.keywords?.length ? [`- Only where the code names ${rule.keywords.map((k: string) => `\`${k}\``).join(', ')} (quotes aside; see docs/performance.md)`] : []),
    ...(rule.openclawAudit ? ['- Same checkId as `openclaw security audit`'] : []),
    ...(rule.tags?.length ? [`- Tags: ${rule.tags.join(', ')}`] : []),
    '',
    ruleHelpMarkdown(rule).split('\n').slice(2).join('\n'),
    ...(bad.length ? ['', '## Insecure example', '', ...bad] : []),
    ...(good.length ? ['', '## Secure example', '', ...good] : []),
    '',
  ].join('\n');
}

function replaceBlock(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i === -1 || j === -1) throw new Error(`README.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, i + start.length)}\n${body}${text.slice(j)}`;
}

/** The README's generated blocks: how many rules each domain has (the full list is docs/rules/README.md), and the
 * action's inputs and outputs as action.yml declares them. */
function readme(current: string): string {
  const groups = new Map<string, { rules: number; audit: number }>();
  for (const r of RULES) {
    const d = r.id.split('.')[0] as string;
    const g = OPENCLAW_DOMAINS.has(d) ? 'openclaw' : DEPLOY_DOMAINS.has(d) ? 'deploy' : d;
    const e = groups.get(g) ?? { rules: 0, audit: 0 };
    e.rules++;
    if (r.openclawAudit) e.audit++;
    groups.set(g, e);
  }
  const missing = [...groups.keys()].filter((g) => !ABOUT[g]);
  if (missing.length) throw new Error(`scripts/generate-docs.ts: say what the rule domain(s) ${missing.join(', ')} are about in ABOUT`);
  const order = ['secrets', 'dotenv', 'openclaw', ...[...groups.keys()].filter((g) => !['secrets', 'dotenv', 'openclaw'].includes(g)).sort()];
  const rows = order
    .filter((g) => groups.has(g))
    .map((g) => {
      const e = groups.get(g) as { rules: number; audit: number };
      const members = g === 'openclaw' ? OPENCLAW_DOMAINS : g === 'deploy' ? DEPLOY_DOMAINS : undefined;
      const ids = members ? [...members].filter((d) => RULES.some((r: AnyRule) => r.id.startsWith(`${d}.`))).map((d) => `\`${d}.*\``).join(' ') : `\`${g}.*\``;
      return `| ${ids} | ${e.rules} | ${ABOUT[g]}${e.audit ? ` (${e.audit} under the audit's own checkIds)` : ''} |`;
    });
  const summary = [`${RULES.length} rules; every one, with the examples it is tested on: [docs/rules/README.md](docs/rules/README.md).`, '', '| Rules | How many | What they check |', '| --- | ---: | --- |', ...rows].join('\n');
  let out = replaceBlock(current, 'rules', `${summary}\n`);
  out = replaceBlock(out, 'action-inputs', actionInputs());
  return out;
}

/** The rule domains that check OpenClaw's own configuration, summed up as one row of the README. */
const OPENCLAW_DOMAINS = new Set(['browser', 'channels', 'config', 'discovery', 'fs', 'gateway', 'hooks', 'logging', 'mcp', 'models', 'plugins', 'sandbox', 'security', 'state', 'tools']);

/** The rule domains of deployments as code (issue 20), summed up as one row of the README. */
const DEPLOY_DOMAINS = new Set(['ansible', 'cloud_init', 'kubernetes', 'paas', 'terraform']);

/** What each row of the README's summary is about. */
const ABOUT: Record<string, string> = {
  openclaw: 'OpenClaw configuration (`openclaw.json`) and state: gateway bind and auth, channels, tools, sandbox, browser',
  compose: 'docker-compose projects: exposure, privileges, mounts, inline secrets, hardening',
  daemon: "Docker's `daemon.json`",
  dockerfile: 'Dockerfiles',
  dotenv: '`.env` files committed or not ignored',
  nginx: 'nginx in front of the gateway',
  caddy: 'Caddy in front of the gateway',
  scan: 'files Gatewarden could not read as what they are',
  secrets: 'provider keys, bot tokens, private keys and other credentials, in any file',
  shell: 'install scripts, Makefiles, Dockerfile `RUN` lines and workflow steps',
  sshd: '`sshd_config`',
  systemd: 'systemd units that run the gateway',
  traefik: 'Traefik in front of the gateway',
  deploy: 'deployments as code: Terraform firewalls and secrets, cloud-init, Kubernetes and Helm exposure and privileges, PaaS and Ansible secrets (user data, `runcmd` and tasks read as shell; embedded OpenClaw configs by the config rules)',
};

/** action.yml's inputs and outputs as two Markdown tables. */
function actionInputs(): string {
  const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { description: string; default?: string }>;
    outputs: Record<string, { description: string }>;
  };
  const cell = (s: string) => s.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
  return [
    '| Input | Default | What it does |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(([k, v]) => `| \`${k}\` | ${v.default ? `\`${cell(String(v.default))}\`` : ''} | ${cell(v.description)} |`),
    '',
    '| Output | What it is |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(([k, v]) => `| \`${k}\` | ${cell(v.description)} |`),
    '',
  ].join('\n');
}

/** docs/rules/README.md: every rule, then the file kinds Gatewarden reads. */
function rulesIndex(): string {
  const kinds = ['| Kind | Files |', '| --- | --- |', ...CONVENTIONS.map((c) => `| ${c.kind} | ${c.describe} |`), '| text | every other text file (secret rules run on every file, whatever its kind) |'].join('\n');
  return [
    '<!-- Generated from the rule modules by `npm run docs`; edit rules/… instead. -->',
    '# Rules',
    '',
    `Gatewarden has ${RULES.length} rules. A rule's id is its domain and name (\`compose.privileged\`); an OpenClaw configuration`,
    "rule's id is exactly the checkId of `openclaw security audit` when the audit has the same check. Each page gives",
    'the problem, the fix, and the insecure and secure examples the rule is tested on.',
    '',
    rulesTable(RULES, 'markdown', '').trimEnd(),
    '',
    '## File kinds',
    '',
    'What a file is read as decides which rules check it. Secret rules run on every text file, whatever its kind. A',
    'template (`*.j2`, `*.jinja2`, `*.tpl`, `*.tmpl`, `*.template`) is read as the file it renders (`openclaw.json.j2` is',
    'an OpenClaw config), its expressions taken as values provided at deploy time.',
    '',
    kinds,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const check = CHECK;
  const stale: string[] = [];
  const write = (file: string, content: string) => {
    const old = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (old === content) return;
    stale.push(path.relative(ROOT, file));
    if (!check) writeFileSync(file, content);
  };
  const expected = new Set<string>();
  for (const rule of RULES) {
    const file = path.join(DOCS, `${rule.id}.md`);
    expected.add(file);
    write(file, await rulePage(rule));
  }
  const index = path.join(DOCS, 'README.md');
  expected.add(index);
  write(index, rulesIndex());
  for (const f of readdirSync(DOCS)) {
    const p = path.join(DOCS, f);
    if (f.endsWith('.md') && !expected.has(p)) {
      stale.push(`${path.relative(ROOT, p)} (no such rule)`);
      if (!check) unlinkSync(p);
    }
  }
  const readmePath = path.join(ROOT, 'README.md');
  write(readmePath, readme(readFileSync(readmePath, 'utf8')));
  if (check && stale.length) {
    process.stderr.write(`Generated docs are stale; run \`npm run docs\` and commit:\n${stale.map((s) => `  ${s}`).join('\n')}\n`);
    process.exit(1);
  }
  if (!check) process.stdout.write(stale.length ? `updated ${stale.length} file(s)\n` : 'docs up to date\n');
}

await main();
