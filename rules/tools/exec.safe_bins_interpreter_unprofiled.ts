import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { agentEntries } from '../_shared/openclaw/agents.js';
import { arr, get, obj } from '../../src/lib/json.js';
import type { PathSegment } from '../../src/model/location.js';

const INTERPRETERS = new Set(['ash', 'awk', 'bash', 'busybox', 'bun', 'cmd', 'cscript', 'dash', 'deno', 'fish', 'gawk', 'gsed', 'ksh', 'lua', 'mawk', 'nawk', 'node', 'nodejs', 'perl', 'php', 'powershell', 'pypy', 'pwsh', 'python', 'python2', 'python3', 'ruby', 'sed', 'sh', 'toybox', 'wscript', 'zsh']);

export function binName(s: string): string {
  return (s.trim().split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.(exe|cmd|bat|com)$/, '');
}

function isInterpreter(bin: string): boolean {
  return INTERPRETERS.has(bin) || /^(python\d+(\.\d+)?|ruby[\d.]*|perl[\d.]*|php[\d.]*|node[\d.]*)$/.test(bin);
}

export default defineRule({
  id: 'tools.exec.safe_bins_interpreter_unprofiled',
  title: 'Interpreter listed as a safe bin without a profile',
  severity: 'medium',
  appliesTo: ['openclaw'],
  description:
    '`tools.exec.safeBins` lists binaries that run without approval as stdin filters. An interpreter (`python3`, `node`, `bash`, `sed`, `awk`…) there runs arbitrary code from its arguments unless a `safeBinProfiles` entry restricts them.',
  remediation:
    'Remove the interpreter from `tools.exec.safeBins`, or add `tools.exec.safeBinProfiles.<bin>` restricting its arguments (e.g. `{ maxPositional: 0, deniedFlags: ["-c", "-e"] }`).',
  references: ['https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['openclaw', 'openclaw-all-versions'],
  precision: 'high',
  openclawAudit: true,
  check(t, ctx) {
    for (const scope of [{ path: ['tools', 'exec'] as PathSegment[], exec: get(t.value, 'tools', 'exec') }, ...agentEntries(t.value).map((a) => ({ path: [...a.path, 'tools', 'exec'], exec: get(a.value, 'tools', 'exec') }))]) {
      const profiles = Object.keys(obj(get(scope.exec, 'safeBinProfiles'))).map(binName);
      const hits = arr(get(scope.exec, 'safeBins')).map((b, i) => [b, i] as const).filter(([b]) => typeof b === 'string' && isInterpreter(binName(b)) && !profiles.includes(binName(b)));
      if (hits.length === 0) continue;
      ctx.report({ at: at.path([...scope.path, 'safeBins', hits[0]![1]]), message: `Interpreters in safeBins without a safeBinProfiles entry: ${hits.map(([b]) => String(b)).join(', ')}.` });
    }
  },
});
