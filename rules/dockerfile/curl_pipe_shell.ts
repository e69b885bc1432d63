import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { downloadsIntoShell } from '../_shared/curl-pipe-shell.js';

export default defineRule({
  id: 'dockerfile.curl_pipe_shell',
  title: 'Remote script piped into a shell',
  severity: 'medium',
  appliesTo: ['shell'],
  keywords: ['curl', 'wget', 'fetch'],
  description:
    'A `RUN` that downloads a script and runs it in the same breath (`curl … | sh`, `sh -c "$(curl …)"`) executes whatever the server returns at build time, with no checksum or signature: a compromised host, a redirected domain or a changed installer goes straight into the image. Medium: it is a supply-chain risk, not an exposure of the running service.',
  remediation: 'Download to a file, verify it, then run it: `curl -fsSLo install.sh https://… && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh`; better, install a pinned package or copy a vendored, reviewed script.',
  references: ['https://docs.docker.com/build/building/best-practices/#run', 'https://cwe.mitre.org/data/definitions/494.html'],
  tags: ['dockerfile', 'supply-chain', 'CWE-494'],
  precision: 'high',
  messages: {
    pipe: 'RUN: {{fetcher}} output is piped into {{shell}}: remote code runs unreviewed and unverified.',
    substitution: 'RUN: {{shell}} runs the output of a download ({{substitution}} substitution): remote code runs unreviewed and unverified.',
  },
  check(target, ctx) {
    // A Dockerfile's RUN lines were parsed as shell once: a `shell` target with origin `dockerfile`, its ranges in
    // the Dockerfile. The same detection as shell.curl_pipe_shell, which leaves Dockerfiles to this rule.
    if (target.origin !== 'dockerfile') return;
    for (const d of downloadsIntoShell(target)) ctx.report({ at: at.range(d.start, d.end), messageId: d.kind, data: d.data });
  },
});
