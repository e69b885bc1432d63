import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { invocation, SHELLS } from '../_shared/shell.js';

const FETCHERS = new Set(['curl', 'wget', 'fetch']);
/** `sh -c "$(curl …)"`, `bash <(wget -qO- …)`, backquoted downloads. */
const SUBSTITUTED = /(\$\(|<\(|`)\s*(curl|wget)\b/;

export default defineRule({
  id: 'shell.curl_pipe_shell',
  title: 'Script pipes a download straight into a shell',
  severity: 'medium',
  appliesTo: ['shell'],
  description:
    '`curl … | sh` runs whatever the server (or anyone between it and you, or whoever controls the domain tomorrow) sends, with the rights of the script, often root, and leaves no copy to review. On a host that runs the OpenClaw gateway this is a direct path to its tokens and to the agent\'s tools.',
  remediation:
    'Download to a file, check it against a published checksum or signature (`sha256sum -c`), read it, then run it. For OpenClaw itself prefer a pinned package (`npm install -g openclaw@<version>`) or a pinned container image digest.',
  references: ['https://owasp.org/www-community/attacks/Code_Injection', 'https://docs.docker.com/build/building/best-practices/#using-pipes'],
  tags: ['shell', 'supply-chain', 'CWE-494'],
  precision: 'high',
  check(target, ctx) {
    for (const p of target.pipelines) {
      const invs = p.commands.map(invocation);
      const fetch = invs.findIndex((inv) => inv && FETCHERS.has(inv.name));
      const shell = invs.findIndex((inv, k) => k > fetch && inv && SHELLS.has(inv.name));
      if (fetch !== -1 && shell !== -1) {
        ctx.report({ at: at.range(p.start, p.end), message: `${invs[fetch]?.name} output is piped into ${invs[shell]?.name}: remote code runs unreviewed and unverified.` });
        continue;
      }
      for (const inv of invs) {
        if (!inv || !SHELLS.has(inv.name) && inv.name !== 'source' && inv.name !== '.') continue;
        const word = inv.args.find((a) => SUBSTITUTED.test(a.raw));
        if (word) ctx.report({ at: at.range(p.start, p.end), message: `${inv.name} runs the output of a download (${word.raw.includes('<(') ? 'process' : 'command'} substitution): remote code runs unreviewed and unverified.` });
      }
    }
  },
});
