import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { invocations } from '../_shared/shell.js';

/** `npm i -g`, `pnpm add -g`, `yarn global add`, `bun add -g` and their long forms. */
function isGlobalInstall(name: string, args: readonly string[]): boolean {
  const global = args.includes('-g') || args.includes('--global') || args.includes('--location=global');
  if (name === 'npm') return ['install', 'i', 'add', 'update', 'upgrade'].includes(args[0] ?? '') && global;
  if (name === 'pnpm' || name === 'bun') return ['add', 'install', 'i', 'update', 'up'].includes(args[0] ?? '') && global;
  if (name === 'yarn') return args[0] === 'global' && args[1] === 'add';
  return false;
}

const PKG = /^(openclaw|clawdbot|moltbot)(@(.*))?$/;

export default defineRule({
  id: 'shell.unpinned_openclaw_install',
  title: 'OpenClaw installed without a pinned version',
  severity: 'medium',
  appliesTo: ['shell'],
  keywords: ['openclaw', 'clawdbot', 'moltbot'],
  description:
    '`npm install -g openclaw` or `openclaw@latest` installs whatever was published last, on every run. A compromised or broken release (or a typo-squatted dist-tag) then runs with the gateway\'s tokens and tools without anyone having reviewed the change, and two hosts built from the same script can differ.',
  remediation: 'Pin an exact version (`npm install -g openclaw@2026.9.6`) and upgrade deliberately, after reading the release notes; in CI, prefer `npm ci` with a lockfile.',
  references: ['https://docs.npmjs.com/cli/commands/npm-install', 'https://slsa.dev/spec/v1.0/threats'],
  tags: ['shell', 'supply-chain', 'CWE-1357'],
  precision: 'high',
  check(target, ctx) {
    for (const { inv } of invocations(target)) {
      if (!isGlobalInstall(inv.name, inv.args.map((a) => a.value))) continue;
      for (const a of inv.args) {
        const m = PKG.exec(a.value);
        if (!m) continue;
        const spec = m[3];
        if (spec !== undefined && /^v?\d+\.\d+\.\d+([-+][\w.-]+)?$/.test(spec)) continue;
        const what = spec === undefined ? 'no version' : `"${spec}", not an exact version`;
        ctx.report({ at: at.range(a.start, a.end), message: `${inv.name} installs ${m[1]} globally with ${what}: each run may install a different release.` });
      }
    }
  },
});
