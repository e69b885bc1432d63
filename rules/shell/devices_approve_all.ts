import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { isCliWord } from '../_shared/openclaw-cli.js';
import { commands, invocations } from '../_shared/shell.js';

/** `openclaw devices <sub>` (any form of the CLI: `npx openclaw`, `node openclaw.mjs`, `docker exec c openclaw`). */
function devicesSub(words: readonly string[]): { sub: string; rest: readonly string[]; index: number } | undefined {
  const k = words.indexOf('devices');
  if (k < 1 || !isCliWord(words[k - 1] ?? '')) return undefined;
  return { sub: words[k + 1] ?? '', rest: words.slice(k + 2), index: k };
}

export default defineRule({
  id: 'shell.devices_approve_all',
  title: 'A script approves every pending device pairing',
  severity: 'high',
  appliesTo: ['shell'],
  keywords: ['approve'],
  description:
    'Pairing is how the gateway decides which devices (Control UI browsers, nodes, apps) may connect: each request waits until an operator approves it. A script that approves every pending request (`openclaw devices approve --all`, or `devices list` fed into `devices approve` in a loop) approves whoever asked, a stranger who reached the gateway included, and turns pairing into no check at all.',
  remediation:
    'Approve requests one at a time after checking them (`openclaw devices list`, then `openclaw devices approve <requestId>`), or pre-authorise known devices; never approve whatever is pending from a script.',
  references: ['https://cwe.mitre.org/data/definitions/862.html', 'https://github.com/openclaw/openclaw/blob/main/docs/gateway/security/audit-checks.md'],
  tags: ['shell', 'openclaw', 'pairing', 'CWE-862'],
  precision: 'medium',
  messages: {
    all: '`devices approve --all` approves every pending pairing request, whoever sent it.',
    loop: '`devices approve` takes its request id from the pending list (`devices list`): every pending pairing request is approved, whoever sent it.',
  },
  check(target, ctx) {
    const found: { cmd: { start: number; end: number }; rest: readonly string[] }[] = [];
    let lists = false;
    // `ids=$(openclaw devices list --json | …)`: the list read inside a command substitution.
    for (const cmd of commands(target)) if (cmd.words.some((w) => / devices +list\b/.test(w.value))) lists = true;
    for (const { cmd, inv } of invocations(target)) {
      const words = [inv.nameWord.value, ...inv.args.map((a) => a.value)];
      const d = devicesSub(words);
      if (!d) continue;
      if (d.sub === 'list') lists = true;
      if (d.sub === 'approve') found.push({ cmd, rest: d.rest });
    }
    for (const { cmd, rest } of found) {
      if (rest.includes('--all')) ctx.report({ at: at.range(cmd.start, cmd.end), messageId: 'all' });
      // A request id that is not written out, in a script that reads the pending list: the loop approves them all.
      else if (lists && rest.some((w) => !w.startsWith('-') && w.includes('$'))) ctx.report({ at: at.range(cmd.start, cmd.end), messageId: 'loop' });
    }
  },
});
