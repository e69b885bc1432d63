import { at } from '../../src/model/location.js';
import { defineRule } from '../../src/model/rule.js';
import { downloadsIntoShell } from '../_shared/curl-pipe-shell.js';

export default defineRule({
  id: 'dockerfile.curl_pipe_shell',
  title: 'Remote script piped into a shell',
  severity: 'medium',
  appliesTo: ['dockerfile'],
  description:
    'A `RUN` that downloads a script and runs it in the same breath (`curl … | sh`, `sh -c "$(curl …)"`) executes whatever the server returns at build time, with no checksum or signature: a compromised host, a redirected domain or a changed installer goes straight into the image. Medium: it is a supply-chain risk, not an exposure of the running service.',
  remediation: 'Download to a file, verify it, then run it: `curl -fsSLo install.sh https://… && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh`; better, install a pinned package or copy a vendored, reviewed script.',
  references: ['https://docs.docker.com/build/building/best-practices/#run', 'https://cwe.mitre.org/data/definitions/494.html'],
  tags: ['dockerfile', 'supply-chain', 'CWE-494'],
  precision: 'high',
  check(target, ctx) {
    // The RUN lines were parsed as shell once (a derived `shell` target of this Dockerfile, ranges in its text);
    // the same detection as shell.curl_pipe_shell, which leaves Dockerfiles to this rule.
    for (const shell of ctx.project.targets('shell')) {
      if (shell.origin !== 'dockerfile' || shell.file !== target.file) continue;
      for (const d of downloadsIntoShell(shell)) ctx.report({ at: at.range(d.start, d.end), message: `RUN: ${d.message}` });
    }
  },
});
