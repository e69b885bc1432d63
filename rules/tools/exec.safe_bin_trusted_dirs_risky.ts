import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { arr, get } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';

export default defineRule({
  id: 'tools.exec.safe_bin_trusted_dirs_risky',
  title: 'Safe-bin trusted directory is user-writable',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`tools.exec.safeBinTrustedDirs` decides where safe bins are looked up. A relative path, a temp directory, a home directory or a package-manager prefix (`/usr/local/bin`, Homebrew) can be written by users or installers, so a planted `jq` runs without approval.',
  remediation:
    'Keep only root-owned system directories (e.g. `/usr/bin`, `/bin`) in `tools.exec.safeBinTrustedDirs`.',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    const risky = (d: string) => {
      const p = d.trim().toLowerCase();
      return (
        !(p.startsWith('/') || /^[a-z]:[\\/]/.test(p)) ||
        /^(\/tmp|\/var\/tmp|\/private\/tmp)(\/|$)/.test(p) ||
        ['/usr/local/bin', '/opt/homebrew/bin', '/opt/local/bin', '/home/linuxbrew/.linuxbrew/bin'].includes(trimTrailingSlashes(p)) ||
        p.startsWith('/users/') || p.startsWith('/home/') || p.includes('/.local/bin') || /^[a-z]:[\\/]users[\\/]/.test(p)
      );
    };
    for (const scope of [{ path: ['tools', 'exec'] as PathSegment[], exec: get(t.value, 'tools', 'exec') }, ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'tools', 'exec'], exec: get(a.value, 'tools', 'exec') }))]) {
      const hits = arr(get(scope.exec, 'safeBinTrustedDirs')).map((d, i) => [d, i] as const).filter(([d]) => typeof d === 'string' && risky(d));
      if (hits.length === 0) continue;
      ctx.report({ at: at.path([...scope.path, 'safeBinTrustedDirs', hits[0]![1]]), message: `Risky safe-bin trusted directories: ${hits.map(([d]) => String(d)).join(', ')}.` });
    }
  },
});

/** `/usr/local/bin//` → `/usr/local/bin`, in one linear pass (a `\/+$` regex backtracks on long runs of `/`). */
function trimTrailingSlashes(p: string): string {
  let end = p.length;
  while (end > 1 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}
