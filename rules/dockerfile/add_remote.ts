import { defineRule } from '../../src/model/rule.js';
import { instructions } from '../_shared/dockerfile.js';

export default defineRule({
  id: 'dockerfile.add_remote',
  title: 'ADD fetches a remote URL without a checksum',
  severity: 'medium',
  appliesTo: ['dockerfile'],
  description:
    '`ADD https://…` (or a git URL) puts whatever the server returns into the image at build time, unverified. Since Dockerfile 1.6, `ADD --checksum=sha256:…` pins an HTTP source; a git source pinned to a commit (`#<sha>`) is reproducible. Medium: supply-chain integrity, not runtime exposure.',
  remediation: 'Add `--checksum=sha256:<digest>` to the `ADD`, or download with `curl` and verify with `sha256sum -c` in a `RUN`; for git, pin a commit.',
  references: ['https://docs.docker.com/reference/dockerfile/#add', 'https://docs.docker.com/reference/dockerfile/#add---checksum'],
  tags: ['dockerfile', 'supply-chain', 'CWE-494'],
  precision: 'very-high',
  check(target, ctx) {
    for (const i of instructions(target.dockerfile)) {
      if (i.keyword !== 'ADD') continue;
      if (i.flags.some((f) => /^--checksum=/.test(f))) continue;
      const sources = i.args.split(/\s+/).slice(0, -1);
      const pinnedGit = (s: string) => /^(git@|https?:\/\/)\S*\.git#[0-9a-f]{40}$/i.test(s);
      const remote = sources.find((s) => (/^(https?|ftp):\/\//i.test(s) || /^git@/i.test(s)) && !pinnedGit(s));
      if (!remote) continue;
      ctx.report({ at: i.at, message: `ADD downloads ${withoutQuery(remote)} without a checksum.` });
    }
  },
});

/** The URL without its query or fragment (which may carry a token); a linear cut, not a `[?#].*$` regex. */
function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
