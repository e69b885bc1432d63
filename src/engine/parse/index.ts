/** Parse once: one parser per file kind, each returning the target rules see and a locator for findings. */
import { DockerfileParser } from 'dockerfile-ast';
import type { PathSegment } from '../../model/location.js';
import type { CloudInitTarget, FileKind, ParseErrorTarget, ShellTarget, TargetMap, SharedKind } from '../../model/target.js';
import { ansibleRole, classify, isDotenvTemplate } from '../read/classify.js';
import { isTemplatePath, neutralise, neutraliseShellReferences, type TemplateHost } from '../read/template.js';
import { parseDotenv } from './dotenv.js';
import { embedHeredoc, embeddedConfigs, isConfigPath, type Embedded } from './embedded.js';
import { json5Resolver, parseJson5 } from './json5.js';
import { LineIndex } from './lines.js';
import { Locator } from './locator.js';
import { parseCaddyfile } from './caddy.js';
import { NginxSyntaxError, parseNginx } from './nginx.js';
import { parseShell, plainSource, type ShellSource } from './shell.js';
import { composeShellSource, dockerfileCopySources, dockerfileRunSource, makefileSource, workflowSource } from './shell-sources.js';
import { parseSshd } from './sshd.js';
import { parseSystemd } from './systemd.js';
import { parseYaml, parseYamlLazy, yamlResolver } from './yaml.js';
import { ansibleParts } from './ansible.js';
import { cloudInitParts } from './cloud-init.js';
import { HclSyntaxError } from './hcl.js';
import { KubernetesParseError, parseKubernetes } from './kubernetes.js';
import { parsePaas } from './paas.js';
import { parseTerraform } from './terraform.js';

export type { Embedded };

/**
 * `derived`: more targets read from the same parse: the shell of a Dockerfile's `RUN` lines (ranges already in
 * the Dockerfile), OpenClaw configs embedded as heredocs (with a `reframe` mapping their findings into the file).
 */
export type Parsed =
  | { ok: true; target: TargetMap[SharedKind] | ShellTarget; locator: Locator; derived?: Derived[] }
  | { ok: false; error: ParseErrorTarget; locator: Locator };

export type Derived = { target: ShellTarget; reframe?: undefined } | Embedded | { target: CloudInitTarget | ParseErrorTarget; reframe: Embedded['reframe'] };

export function parseFile(file: string, kind: Exclude<FileKind, 'text'>, text: string): Parsed {
  try {
    // A template is parsed as the file it renders, its expressions unknown (read/template.ts); same length, so
    // every position is the template's own.
    // Ansible's YAML is itself Jinja-templated: its expressions are unknown values, as in a template file.
    return parseKind(file, kind, isTemplatePath(file) || isHelmTemplate(file, kind, text) || kind === 'ansible' ? neutralise(text, TEMPLATE_HOST[kind]) : text);
  } catch (e) {
    // A parser that throws on hostile input (a stack overflow, a bug) costs that file, never the scan.
    const message = e instanceof RangeError ? 'nested too deeply to check' : `parser failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`;
    return failed(file, kind, text, message);
  }
}

/** How each kind quotes values, for neutralising a template of it. */
const TEMPLATE_HOST: Record<Exclude<FileKind, 'text'>, TemplateHost> = {
  compose: 'yaml',
  workflow: 'yaml',
  openclaw: 'json',
  docker_daemon: 'json',
  dotenv: 'plain',
  dockerfile: 'plain',
  systemd: 'plain',
  sshd: 'plain',
  nginx: 'plain',
  caddy: 'plain',
  shell: 'plain',
  makefile: 'plain',
  terraform: 'plain',
  cloud_init: 'yaml',
  kubernetes: 'yaml',
  paas: 'yaml',
  ansible: 'yaml',
};

/** A Helm chart's template (`templates/*.yaml` with `{{ … }}`): read as Kubernetes YAML, expressions unknown. */
function isHelmTemplate(file: string, kind: FileKind, text: string): boolean {
  return kind === 'kubernetes' && file.split('/').includes('templates') && text.includes('{{');
}

function failed(file: string, kind: Exclude<FileKind, 'text'>, text: string, message: string, line?: number, column?: number): Parsed {
  return {
    ok: false,
    error: { kind: 'parse_error', file, fileKind: kind, message: quoteFree(message), ...(line ? { line, column: column ?? 1 } : {}) },
    locator: new Locator(file, text),
  };
}

/**
 * Parser messages sometimes quote the input (yaml names an unresolved alias or tag verbatim), and the input may
 * be a secret. Long unbroken runs are cut out: real parser vocabulary is short words.
 */
export function quoteFree(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.replace(/\S{16,}/g, '…').slice(0, 300);
}

function parseKind(file: string, kind: Exclude<FileKind, 'text'>, text: string): Parsed {
  const fail = (message: string, line?: number, column?: number): Parsed => failed(file, kind, text, message, line, column);
  const plain = new Locator(file, text);
  switch (kind) {
    case 'compose': {
      // Most compose files are plain YAML that a fast parse reads; the library's Document only when needed.
      const r = parseYamlLazy(text);
      if (!r.ok) return fail(r.message, r.line, r.column);
      const doc = r.doc;
      const target = {
        kind: 'compose' as const,
        file,
        text,
        value: r.value,
        get doc() {
          return doc();
        },
        ...(r.plain ? { plain: true as const } : {}),
      };
      // Services' `command:`/`entrypoint:` as shell of the compose file (shell-sources.ts), for the shell rules. Only
      // a file that has one pays for the library's Document (the fast parse's value tells).
      const source = hasServiceCommand(r.value) ? composeShellSource(text, doc()) : undefined;
      const shell = source?.text.trim() ? shellTarget(file, text, 'compose', source) : undefined;
      const derived = shell ? [{ target: shell.target }, ...shell.embedded] : undefined;
      return { ok: true, target, locator: new Locator(file, text, r.resolver), ...(derived ? { derived } : {}) };
    }
    case 'openclaw': {
      let r = parseJson5(text);
      let rendered = false;
      // An envsubst template (`"port": ${PORT:-18789}`) parses once its bare references are quoted (read/template.ts).
      if (!r.ok && text.includes('${')) {
        const retry = parseJson5(neutraliseShellReferences(text));
        if (retry.ok) [r, rendered] = [retry, true];
      }
      if (!r.ok) return fail(r.message, r.line, r.column);
      // `$include` is resolved once every file is read (engine/assemble/openclaw-includes.ts); until then the
      // target is the file alone.
      // Recognised by content (read/classify.ts) with no gateway section: a fragment, judged on what it sets.
      const partial = classify(file) !== 'openclaw' && !(typeof r.value === 'object' && r.value !== null && 'gateway' in r.value);
      const target = { kind: 'openclaw' as const, file, text, value: r.value, authored: r.value, includes: [], origin: (p: readonly PathSegment[]) => ({ file, path: p }), ...(partial ? { partial: true as const } : {}), ...(rendered ? { rendered: true as const } : {}) };
      return { ok: true, target, locator: new Locator(file, text, json5Resolver(r.ast)) };
    }
    case 'dotenv':
      return { ok: true, target: { kind: 'dotenv', file, text, template: isDotenvTemplate(file), entries: parseDotenv(text) }, locator: plain };
    case 'dockerfile': {
      const dockerfile = DockerfileParser.parse(text);
      const shell = shellTarget(file, text, 'dockerfile', dockerfileRunSource(text, dockerfile));
      return { ok: true, target: { kind: 'dockerfile', file, text, dockerfile }, locator: plain, derived: [{ target: shell.target }, ...shell.embedded, ...copiedConfigs(file, text, dockerfile)] };
    }
    case 'systemd':
      return { ok: true, target: { kind: 'systemd', file, text, ...parseSystemd(text) }, locator: plain };
    case 'sshd':
      return { ok: true, target: { kind: 'sshd', file, text, dropIn: file.split('/').includes('sshd_config.d'), directives: parseSshd(text) }, locator: plain };
    case 'nginx': {
      try {
        return { ok: true, target: { kind: 'nginx', file, text, directives: parseNginx(text) }, locator: plain };
      } catch (e) {
        if (!(e instanceof NginxSyntaxError)) throw e;
        const pos = new LineIndex(text).position(e.offset);
        return fail(e.message, pos.line, pos.column);
      }
    }
    case 'caddy': {
      const r = parseCaddyfile(text);
      if (!r.ok) {
        const pos = new LineIndex(text).position(r.offset);
        return fail(r.message, pos.line, pos.column);
      }
      return { ok: true, target: { kind: 'caddy', file, text, directives: r.directives }, locator: plain };
    }
    case 'docker_daemon': {
      const r = parseJson5(text);
      if (!r.ok) return fail(r.message, r.line, r.column);
      return { ok: true, target: { kind: 'docker_daemon', file, text, value: r.value }, locator: new Locator(file, text, json5Resolver(r.ast)) };
    }
    case 'shell':
    case 'makefile': {
      const shell = shellTarget(file, text, kind === 'shell' ? 'script' : 'makefile', kind === 'shell' ? plainSource(text) : makefileSource(text));
      return { ok: true, target: shell.target, locator: plain, derived: shell.embedded };
    }
    case 'workflow': {
      const r = parseYaml(text);
      if (!r.ok) return fail(r.message, r.line, r.column);
      const shell = shellTarget(file, text, 'workflow', workflowSource(text, r.doc));
      return { ok: true, target: shell.target, locator: plain, derived: shell.embedded };
    }
    case 'terraform': {
      try {
        const r = parseTerraform(file, text);
        return { ok: true, target: r.target, locator: plain, derived: r.derived };
      } catch (e) {
        if (!(e instanceof HclSyntaxError)) throw e;
        const pos = new LineIndex(text).position(e.offset);
        return fail(e.message, pos.line, pos.column);
      }
    }
    case 'cloud_init': {
      const r = parseYaml(text);
      if (!r.ok) return fail(r.message, r.line, r.column);
      const parts = cloudInitParts(file, text, text, r.doc, (i) => i);
      return { ok: true, target: { kind: 'cloud_init', file, text, value: r.value }, locator: new Locator(file, text, yamlResolver(r.doc)), derived: [{ target: parts.shell }, ...parts.embedded] };
    }
    case 'kubernetes': {
      try {
        const helm = isHelmTemplate(file, kind, text) ? 'template' : /^values([.-][\w.-]+)?\.ya?ml$/.test(file.split('/').pop() ?? '') ? 'values' : undefined;
        const r = parseKubernetes(file, text, helm);
        return { ok: true, target: r.target, locator: new Locator(file, text, r.resolver), derived: r.embedded };
      } catch (e) {
        if (!(e instanceof KubernetesParseError)) throw e;
        return fail(e.message, e.line, e.column);
      }
    }
    case 'ansible': {
      const r = parseYaml(text);
      if (!r.ok) return fail(r.message, r.line, r.column);
      const role = ansibleRole(file) ?? 'tasks';
      const target = { kind: 'ansible' as const, file, text, role, value: r.value };
      if (role === 'vars') return { ok: true, target, locator: new Locator(file, text, yamlResolver(r.doc)) };
      const parts = ansibleParts(file, text, r.doc);
      return { ok: true, target, locator: new Locator(file, text, yamlResolver(r.doc)), derived: [{ target: parts.shell }, ...parts.embedded] };
    }
    case 'paas': {
      const r = parsePaas(file, text);
      if (!r.ok) return fail(r.message, r.line, r.column);
      return { ok: true, target: r.target, locator: new Locator(file, text, r.resolver) };
    }
  }
}

/** `COPY <<EOF /home/node/.openclaw/openclaw.json`: a config written into the image by a heredoc. */
function copiedConfigs(file: string, text: string, dockerfile: ReturnType<typeof DockerfileParser.parse>): Embedded[] {
  const out: Embedded[] = [];
  for (const copy of dockerfileCopySources(text, dockerfile)) {
    const parsed = parseShell(copy.source);
    const cmd = parsed.pipelines[0]?.commands[0];
    const heredoc = cmd?.heredocs[0];
    const dest = cmd?.words[cmd.words.length - 1]?.value;
    if (heredoc && dest && isConfigPath(dest)) out.push(embedHeredoc(file, text, heredoc, parsed.heredocOffsets.get(heredoc) ?? [], dest, { start: copy.start, end: copy.end }));
  }
  return out;
}

/** Whether some service of a compose value has a `command` or `entrypoint`. */
function hasServiceCommand(value: unknown): boolean {
  const services = (value as { services?: unknown } | null)?.services;
  if (!services || typeof services !== 'object') return false;
  return Object.values(services).some((svc) => svc && typeof svc === 'object' && ('command' in svc || 'entrypoint' in svc));
}

function shellTarget(file: string, text: string, origin: ShellTarget['origin'], source: ShellSource): { target: ShellTarget; embedded: Embedded[] } {
  const parsed = parseShell(source);
  return { target: { kind: 'shell', file, text, origin, pipelines: parsed.pipelines }, embedded: embeddedConfigs(file, text, parsed.pipelines, parsed.heredocOffsets) };
}
