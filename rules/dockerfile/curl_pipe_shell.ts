import { defineRule } from '../../src/model/rule.js';
import { instructions } from '../_shared/dockerfile.js';

/**
 * `curl … | sh`, `wget -O- … | sudo -E bash`, `… | env X=1 sh`: walks the command lists and their pipelines
 * stage by stage (linear; one regex over the whole line backtracked on hostile input).
 */
function pipesDownloadIntoShell(run: string): boolean {
  for (const command of run.split(/\|\||&&|[;&\n]/)) {
    const stages = command.split('|');
    for (let i = 0; i + 1 < stages.length; i++) {
      if (/\b(curl|wget)\b/.test(stages[i] ?? '') && isShell(stages[i + 1] ?? '')) return true;
    }
  }
  return false;
}

/** The stage's program, after `sudo [-flags]` and `env [X=y…]`, is a shell. */
function isShell(stage: string): boolean {
  const words = stage.trim().split(/\s+/);
  let k = 0;
  if (words[k] === 'sudo') for (k++; words[k]?.startsWith('-'); k++);
  if (words[k] === 'env') for (k++; words[k]?.includes('='); k++);
  const program = (words[k] ?? '').split('/').pop() ?? '';
  return /^(ba|z|da|k|fi)?sh$/.test(program);
}

const SUBST = /\b(ba|z|da)?sh\s+(-c\s+)?["']?(\$\(|<\()\s*(curl|wget)\b/;

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
    for (const i of instructions(target.dockerfile)) {
      if (i.keyword !== 'RUN' || !(pipesDownloadIntoShell(i.args) || SUBST.test(i.args))) continue;
      ctx.report({ at: i.at, message: 'RUN pipes a downloaded script into a shell without verifying it.' });
    }
  },
});
