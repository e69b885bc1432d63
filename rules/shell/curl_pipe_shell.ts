import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { downloadsIntoShell } from '../_shared/curl-pipe-shell.js';

export default defineRule({
  id: 'shell.curl_pipe_shell',
  title: 'Script pipes a download straight into a shell',
  severity: 'medium',
  appliesTo: ['shell'],
  keywords: ['curl', 'wget', 'fetch'],
  description:
    '`curl … | sh` runs whatever the server (or anyone between it and you, or whoever controls the domain tomorrow) sends, with the rights of the script, often root, and leaves no copy to review. On a host that runs the OpenClaw gateway this is a direct path to its tokens and to the agent\'s tools.',
  remediation:
    'Download to a file, check it against a published checksum or signature (`sha256sum -c`), read it, then run it. For OpenClaw itself prefer a pinned package (`npm install -g openclaw@<version>`) or a pinned container image digest.',
  references: ['https://owasp.org/www-community/attacks/Code_Injection', 'https://docs.docker.com/build/building/best-practices/#using-pipes'],
  tags: ['shell', 'supply-chain', 'CWE-494'],
  precision: 'high',
  messages: {
    pipe: '{{fetcher}} output is piped into {{shell}}: remote code runs unreviewed and unverified.',
    substitution: '{{shell}} runs the output of a download ({{substitution}} substitution): remote code runs unreviewed and unverified.',
  },
  check(target, ctx) {
    // A Dockerfile's RUN lines are reported once, by dockerfile.curl_pipe_shell, with the same detection.
    if (target.origin === 'dockerfile') return;
    for (const d of downloadsIntoShell(target)) ctx.report({ at: at.range(d.start, d.end), messageId: d.kind, data: d.data });
  },
});
