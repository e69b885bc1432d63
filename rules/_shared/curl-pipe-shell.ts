/**
 * `curl … | sh`, `wget -qO- … | sudo bash`, `sh -c "$(curl …)"`, `bash <(wget …)`: a download run by a shell
 * without being kept or verified. One detection over the parsed shell, shared by `shell.curl_pipe_shell`
 * (scripts, Makefile recipes, workflow steps) and `dockerfile.curl_pipe_shell` (a Dockerfile's RUN lines), so a
 * RUN line is judged once, by the same parser, and reported once, under the Dockerfile's id.
 */
import type { ShellTarget } from '../../src/model/target.js';
import { invocation, SHELLS } from './shell.js';

const FETCHERS = new Set(['curl', 'wget', 'fetch']);
/** `sh -c "$(curl …)"`, `bash <(wget -qO- …)`, backquoted downloads. */
const SUBSTITUTED = /(\$\(|<\(|`)\s*(curl|wget)\b/;

/**
 * One download run by a shell: `pipe` (`curl … | sh`: `fetcher`, `shell`) or `substitution` (`sh -c "$(curl …)"`,
 * `bash <(wget …)`: `shell`, `substitution` = `process` or `command`). The rules turn `kind` and `data` into their
 * own messages.
 */
export interface DownloadIntoShell {
  /** The pipeline's character range in the target's file. */
  start: number;
  end: number;
  kind: 'pipe' | 'substitution';
  data: Record<string, string>;
}

export function downloadsIntoShell(target: ShellTarget): DownloadIntoShell[] {
  const out: DownloadIntoShell[] = [];
  for (const p of target.pipelines) {
    const invs = p.commands.map(invocation);
    const fetch = invs.findIndex((inv) => inv && FETCHERS.has(inv.name));
    const shell = invs.findIndex((inv, k) => k > fetch && inv && SHELLS.has(inv.name));
    if (fetch !== -1 && shell !== -1) {
      out.push({ start: p.start, end: p.end, kind: 'pipe', data: { fetcher: `${invs[fetch]?.name}`, shell: `${invs[shell]?.name}` } });
      continue;
    }
    for (const inv of invs) {
      if (!inv || (!SHELLS.has(inv.name) && inv.name !== 'source' && inv.name !== '.')) continue;
      // Inside single quotes `$(…)` is text: the nested script (`sh -c 'sh -c "$(curl …)"'`) is parsed and judged
      // on its own (parse/shell-nested.ts), so the outer command is not reported a second time.
      const word = inv.args.find((a) => SUBSTITUTED.test(a.raw) && !a.raw.startsWith("'"));
      if (word) out.push({ start: p.start, end: p.end, kind: 'substitution', data: { shell: inv.name, substitution: word.raw.includes('<(') ? 'process' : 'command' } });
    }
  }
  return out;
}
