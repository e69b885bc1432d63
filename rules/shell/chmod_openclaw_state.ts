import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { invocations } from '../_shared/shell.js';
import type { ShellWord } from '../../src/model/target.js';

/** `~/.openclaw`, `$HOME/.openclaw/…`, `openclaw.json`, `.env`, `credentials/`. */
function isSensitivePath(p: string): boolean {
  const segs = p.split('/').filter(Boolean);
  const base = segs[segs.length - 1] ?? '';
  return (
    segs.some((s) => ['.openclaw', '.clawdbot', '.moltbot', 'credentials'].includes(s)) ||
    /^(openclaw|clawdbot|moltbot)\.json5?$/.test(base) ||
    base === '.env' ||
    /^\.env\.[\w.-]+$/.test(base)
  );
}

type Grant = 'writable' | 'world-readable' | 'group-readable';
const RANK: Record<Grant, number> = { writable: 3, 'world-readable': 2, 'group-readable': 1 };

/** The worst thing a mode grants to group/other users, as the audit grades it, or undefined. */
function grants(mode: string): Grant | undefined {
  let g = 0;
  let o = 0;
  if (/^[0-7]{3,4}$/.test(mode)) {
    g = Number(mode.slice(-2, -1));
    o = Number(mode.slice(-1));
  } else {
    for (const clause of mode.split(',')) {
      const m = /^([ugoa]*)([+=])([rwxXst]*)$/.exec(clause);
      if (!m) continue;
      const who = m[1] || 'a';
      const bits = ((m[3] ?? '').includes('r') ? 4 : 0) | ((m[3] ?? '').includes('w') ? 2 : 0);
      if (/[ga]/.test(who)) g |= bits;
      if (/[oa]/.test(who)) o |= bits;
    }
  }
  if ((g | o) & 2) return 'writable';
  if (o & 4) return 'world-readable';
  if (g & 4) return 'group-readable';
  return undefined;
}

export default defineRule({
  id: 'shell.chmod_openclaw_state',
  title: 'chmod opens OpenClaw state or secrets to other users',
  severity: 'critical',
  appliesTo: ['shell'],
  keywords: ['chmod'],
  description:
    '`~/.openclaw` holds openclaw.json (gateway token, provider API keys), `credentials/` (channel logins, OAuth tokens) and sessions; `.env` files hold the same secrets. A mode that lets group or other users read them (`644`, `755`, `o+r`) hands every local account and every compromised service on the host the keys; a writable mode (`777`, `g+w`) lets them rewrite the config, which is code execution as the gateway. Graded as `openclaw security audit` grades the resulting permissions (`fs.config.perms_*`, `fs.state_dir.perms_*`): writable or world-readable is critical, group-readable is medium.',
  remediation: 'Use `chmod 700 ~/.openclaw` for directories and `chmod 600` for `openclaw.json`, `.env` and files under `credentials/` (`openclaw security audit --fix` does the same).',
  references: ['https://cwe.mitre.org/data/definitions/732.html'],
  tags: ['shell', 'permissions', 'secrets', 'CWE-732'],
  precision: 'high',
  check(target, ctx) {
    for (const { cmd, inv } of invocations(target)) {
      if (inv.name !== 'chmod') continue;
      const operands = inv.args.filter((a) => !/^-[a-zA-Z]+$/.test(a.value) && !a.value.startsWith('--'));
      const [mode, ...paths] = operands;
      if (!mode) continue;
      const grant = grants(mode.value);
      const hit = paths.find((p: ShellWord) => isSensitivePath(p.value));
      if (!grant || !hit) continue;
      ctx.report({
        at: at.range(cmd.start, cmd.end),
        ...(RANK[grant] < 2 ? { severity: 'medium' as const } : {}),
        message: `chmod ${mode.value} makes ${hit.value} ${grant} for other users; it holds OpenClaw tokens and keys.`,
        properties: { mode: mode.value, grant },
      });
    }
  },
});
