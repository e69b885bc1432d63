/**
 * Will an OpenClaw version start with a config: its schema (schema.ts) and the checks its config reader runs as
 * code after the schema passes (`validateConfigObjectRaw` in 2026.9.6: agent roster ownership, Tailscale
 * exposure without auth, sandbox Docker security), reported beside the core schema's issues. The code checks are
 * known for the 2026.9 line only (read from 2026.9.6 and its golden answers); for older targets only the schema is
 * checked (docs/openclaw-schema.md).
 */
import { arr, get, isRecord as isObj, obj, str } from '../../../src/lib/json.js';
import type { PathSegment } from '../../../src/model/location.js';
import type { OpenClawTarget } from '../../../src/model/target.js';
import { latestVersion, validate, type SchemaIssue, type Validation } from './schema.js';

export interface CodeIssue {
  kind: 'check';
  path: PathSegment[];
  /** The validator's own words (no config value beyond the enum-like settings it names). */
  message: string;
}
export type StartupIssue = SchemaIssue | CodeIssue;

export interface Startup extends Omit<Validation, 'issues'> {
  issues: StartupIssue[];
}

/** The answer of a version's config reader for a config: the issues it refuses the config for (none = it starts). */
export function startup(config: unknown, version: string, opts: { renderedRefs?: boolean } = {}): Startup {
  const v = validate(config, version, opts);
  if (version !== latestVersion()) return v;
  // The code checks run beside the core schema (a multi-agent roster is reported with a retired key: golden
  // dep_roster_list_with_retired); the channel and plugin schemas only when both passed.
  const checks = codeChecks(config);
  if (checks.length === 0) return v;
  const core = v.issues.filter((i) => i.phase === 'core');
  return { ...v, issues: [...core, ...checks], valid: false };
}

/** Template files by name: they are rendered (their `${…}` and `{{ … }}` filled in) before OpenClaw reads them. */
const TEMPLATE = /\.(j2|jinja2?|tpl|tmpl|template|envsubst)$/i;

/**
 * Whether `${…}` in a config is filled in before OpenClaw reads it (any type), not by OpenClaw (a string): a
 * template file (by name, or an envsubst template that parses only with its references quoted), or a heredoc whose
 * shell expands it.
 */
export function renderedBeforeRead(t: OpenClawTarget): boolean {
  return TEMPLATE.test(t.file) || t.rendered === true || t.embedded?.expands === true;
}

function codeChecks(config: unknown): CodeIssue[] {
  const out: CodeIssue[] = [];
  // Multi-agent rosters (agents.list is read as agents.entries by 2026.9).
  const agents = obj(get(config, 'agents'));
  const list = isObj(agents.entries) ? Object.values(agents.entries) : arr(agents.list);
  const defaults = list.filter((a) => get(a, 'default') === true).length;
  const explicit = agents.ownership === 'explicit';
  if (explicit && defaults > 0) out.push({ kind: 'check', path: ['agents', 'ownership'], message: 'agents.ownership="explicit" cannot be combined with a legacy default=true marker' });
  else if (defaults > 1) out.push({ kind: 'check', path: ['agents', 'entries'], message: `agents.entries must contain at most one default=true entry (found ${defaults})` });
  else if (list.length > 1 && !explicit && defaults === 0) out.push({ kind: 'check', path: ['agents', 'ownership'], message: 'multi-agent rosters require agents.ownership="explicit" or one default=true marker' });
  // Tailscale Serve/Funnel with auth explicitly off.
  const tailscale = str(get(config, 'gateway', 'tailscale', 'mode'));
  if ((tailscale === 'serve' || tailscale === 'funnel') && get(config, 'gateway', 'auth', 'mode') === 'none') {
    out.push({ kind: 'check', path: ['gateway', 'auth', 'mode'], message: `gateway.auth.mode="none" cannot be used with gateway.tailscale.mode="${tailscale}" (${tailscale === 'funnel' ? 'Funnel requires password auth' : 'configure token, password or trusted-proxy auth'})` });
  }
  // Sandbox Docker security, for the defaults and each agent.
  const sandboxes: { at: PathSegment[]; docker: unknown }[] = [{ at: ['agents', 'defaults', 'sandbox', 'docker'], docker: get(config, 'agents', 'defaults', 'sandbox', 'docker') }];
  if (isObj(agents.entries)) for (const [id, a] of Object.entries(agents.entries)) sandboxes.push({ at: ['agents', 'entries', id, 'sandbox', 'docker'], docker: get(a, 'sandbox', 'docker') });
  for (const { at, docker } of sandboxes) {
    if (!isObj(docker)) continue;
    arr(docker.binds).forEach((b, i) => {
      const source = typeof b === 'string' ? b.split(':')[0] : undefined;
      if (source !== undefined && !source.startsWith('/') && !/^[A-Za-z]$/.test(source) && !source.includes('${')) {
        out.push({ kind: 'check', path: [...at, 'binds', i], message: 'a sandbox bind mount with a non-absolute source path (only absolute POSIX or Windows drive-letter paths are supported)' });
      }
    });
    if (docker.network === 'host') out.push({ kind: 'check', path: [...at, 'network'], message: 'sandbox network mode "host" is blocked (use "bridge" or "none")' });
    if (docker.seccompProfile === 'unconfined') out.push({ kind: 'check', path: [...at, 'seccompProfile'], message: 'sandbox seccomp profile "unconfined" is blocked' });
    if (docker.apparmorProfile === 'unconfined') out.push({ kind: 'check', path: [...at, 'apparmorProfile'], message: 'sandbox AppArmor profile "unconfined" is blocked' });
  }
  return out;
}
