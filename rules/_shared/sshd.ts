/**
 * How sshd reads its config, for the sshd rules. sshd keeps the FIRST value it obtains for a keyword. Debian and
 * Ubuntu start sshd_config with `Include /etc/ssh/sshd_config.d/*.conf`, so a drop-in beats the main file. A
 * `Match` block runs to the next `Match`; its settings apply only to matching connections.
 *
 * Each target reports only its own lines: a global directive is reported when it is the one that takes effect;
 * a directive inside a Match block is reported for the connections it matches, one severity lower (it is
 * narrower); a keyword set nowhere is reported once, on the main sshd_config, when its default is unsafe.
 */
import type { RuleContext } from '../../src/model/rule.js';
import { at } from '../../src/model/location.js';
import type { Severity } from '../../src/model/severity.js';
import type { ProjectView, SshdDirective, SshdTarget } from '../../src/model/target.js';

const dir = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const join = (d: string, f: string) => (d ? `${d}/${f}` : f);

function includesDropIns(main: SshdTarget): boolean {
  return main.directives.some((d) => d.keyword === 'include' && d.args.some((a) => a.includes('sshd_config.d')));
}

/** The main sshd_config that reads this drop-in, if it is in the repository and includes `sshd_config.d`. */
function mainOf(t: SshdTarget, project: ProjectView): SshdTarget | undefined {
  if (!t.dropIn) return t;
  const main = project.targets('sshd').find((m) => !m.dropIn && m.file === join(dir(dir(t.file)), 'sshd_config'));
  return main && includesDropIns(main) ? main : undefined;
}

interface Read {
  d: SshdDirective;
  target: SshdTarget;
}

/** Directives in the order sshd reads them: drop-ins spliced in at the `Include` line. */
function readOrder(main: SshdTarget, project: ProjectView): Read[] {
  const dropIns = main.dropIn
    ? []
    : project
        .targets('sshd')
        .filter((t) => t.dropIn && dir(t.file) === join(dir(main.file), 'sshd_config.d'))
        .sort((a, b) => (a.file < b.file ? -1 : 1));
  const out: Read[] = [];
  for (const d of main.directives) {
    if (d.keyword === 'include' && !d.match && d.args.some((a) => a.includes('sshd_config.d'))) for (const t of dropIns) for (const dd of t.directives) out.push({ d: dd, target: t });
    else out.push({ d, target: main });
  }
  return out;
}

export function lower(s: Severity): Severity {
  const order: Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  return order[Math.max(0, order.indexOf(s) - 1)] ?? s;
}

export interface KeywordCheck {
  /** Lower-cased keywords (aliases such as ChallengeResponseAuthentication count as one). */
  keywords: readonly string[];
  /** Severity when these arguments are unsafe, else undefined. */
  judge: (args: readonly string[], d: SshdDirective) => Severity | undefined;
  message: (d: SshdDirective) => string;
  /** When set, a config that never sets the keyword is reported (the default is unsafe). */
  missing?: { severity: Severity; message: string };
}

/** Applies a keyword check to one sshd target, respecting first-value-wins, drop-ins and Match blocks. */
export function checkKeyword(target: SshdTarget, ctx: RuleContext, check: KeywordCheck): void {
  const main = mainOf(target, ctx.project) ?? target;
  const order = readOrder(main, ctx.project);
  const winner = order.find((r) => !r.d.match && check.keywords.includes(r.d.keyword));
  const report = (d: SshdDirective, severity: Severity, scope?: string) =>
    ctx.report({ at: at.range(d.start, d.end), severity, message: scope ? `${check.message(d)} (for connections matching "Match ${scope}")` : check.message(d) });
  if (winner && winner.target === target) {
    const sev = check.judge(winner.d.args, winner.d);
    if (sev) report(winner.d, sev);
  }
  for (const d of target.directives) {
    if (!d.match || !check.keywords.includes(d.keyword)) continue;
    const sev = check.judge(d.args, d);
    if (sev) report(d, lower(sev), d.match.criteria);
  }
  if (!winner && check.missing && target === main && !target.dropIn) {
    const misplaced = target.directives.find((d) => d.match && check.keywords.includes(d.keyword) && !check.judge(d.args, d));
    ctx.report({
      at: misplaced ? at.range(misplaced.start, misplaced.end) : at.file(),
      severity: check.missing.severity,
      key: `missing:${check.keywords[0]}`,
      message: misplaced
        ? `${check.missing.message} The ${misplaced.name} line here is inside the "Match ${misplaced.match?.criteria}" block, so it applies only to those connections.`
        : check.missing.message,
    });
  }
}

export const isYes = (args: readonly string[]) => /^yes$/i.test(args[0] ?? '');
