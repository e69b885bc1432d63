import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { sandboxBinds } from '../_shared/openclaw/agents.js';

const BLOCKED = ['/', '/etc', '/private/etc', '/proc', '/sys', '/dev', '/root', '/boot', '/run', '/var/run', '/private/var/run', '/var/run/docker.sock', '/private/var/run/docker.sock', '/run/docker.sock'];
const HOME_SECRETS = ['.aws', '.cargo', '.config', '.docker', '.gnupg', '.netrc', '.npm', '.ssh'];

/** The source of a `src:dst[:mode]` bind (a Windows drive letter kept). */
export function bindSource(bind: string): string {
  const b = bind.trim();
  const m = /^([a-zA-Z]:[\\/][^:]*)/.exec(b);
  return m ? m[1]! : (b.split(':')[0] ?? '');
}

function normalize(p: string): string {
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (!s || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return '/' + parts.join('/');
}

/** Blocked when the source equals or lies inside a blocked path, or covers one (a parent of it). */
function dangerous(src: string): string | undefined {
  if (!src.startsWith('/')) return undefined;
  const p = normalize(src);
  for (const b of BLOCKED) if (p === b || (b !== '/' && p.startsWith(b + '/')) || (p !== '/' && b.startsWith(p + '/'))) return b;
  if (p === '/') return '/';
  // The runtime HOME is unknown statically: ~, /root, /home/<user>, /Users/<user> stand in for it.
  const m = /^(\/root|\/home\/[^/]+|\/Users\/[^/]+)(\/.*)?$/.exec(p);
  if (m) {
    if (!m[2]) return m[1];
    const first = m[2].split('/')[1] ?? '';
    if (HOME_SECRETS.includes(first)) return `${m[1]}/${first}`;
  }
  return undefined;
}

export default defineRule({
  id: 'sandbox.dangerous_bind_mount',
  title: 'Sandbox bind-mounts a sensitive host path',
  severity: 'critical',
  appliesTo: ['openclaw'],
  description:
    'A sandbox `docker.binds` entry mounts a host path that breaks the sandbox: the Docker socket (`/var/run/docker.sock` = root on the host), system directories (`/`, `/etc`, `/proc`, `/sys`, `/dev`, `/root`, `/run`) or credential folders in a home directory (`.ssh`, `.aws`, `.docker`, `.config`…).',
  remediation:
    'Remove the entry from `sandbox.docker.binds`; mount only project-specific directories (e.g. `/srv/openclaw/workspace:/workspace:rw`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const { path, bind: b } of sandboxBinds(t.value)) {
      const hit = dangerous(bindSource(b.replace(/^~(?=\/|$)/, '/root')));
      if (hit) ctx.report({ at: at.path(path), message: `Sandbox bind mount exposes ${hit} to the sandbox.` });
    }
  },
});
